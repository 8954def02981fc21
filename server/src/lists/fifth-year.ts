/**
 * The mark of the CDHT proposal list: a person whom the commune recognizes this year would be so
 * for the `recognition.outstandingYears`-th year in a row (tiêu biểu xuất sắc), counted with
 * shared/domain/outstanding.ts on the recognitions the center received from above.
 */
import { isOutstanding, type YearResult } from '../../../shared/domain/outstanding.ts';
import type { AssessmentDeps } from '../assessments/assessments.service.ts';
import * as repo from './lists.repository.ts';

/** Who, recognized this year, would be so for the `recognition.outstandingYears`-th year in a row. */
export async function fifthYears(deps: AssessmentDeps, personIds: string[], year: number): Promise<Set<string>> {
  const history = new Map<string, YearResult[]>(personIds.map((p) => [p, [{ year, recognized: true }]]));
  for (const r of await repo.cdhtYearsBefore(deps.db, personIds, year))
    history.get(r.subject_id)?.push({ year: Number(r.year), recognized: true });
  const n = deps.config.settings['recognition.outstandingYears'];
  return new Set(personIds.filter((p) => isOutstanding(history.get(p)!, year, n)));
}

import { countedYears, validThrough } from '../../../shared/domain/collective-titles/validity.ts';
import type { ModelSubjectKind, ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { ModelRecognitionView } from '../../../shared/schemas/registry.ts';
import type { KioskConfig } from '../config/load.ts';
import { ModelSets } from '../criteria/model-sets.ts';
import type { Db } from '../db/database.ts';
import { recognitionRows } from './recognitions.repository.ts';

/**
 * Recognitions of the four other titles as the commune's decisions brought them down the feed
 * (`recognition` rows over a household, clan, village or unit), with how long each stands. The
 * validity is the title's set's rule (a family 12 months, a commune's community 36), read here
 * rather than sent with the decision, so a province that changes it changes it for every decision.
 */

/** Months a recognition of a title stands, from the title's current set; null when this box has no set of it. */
export type ValidityMonths = (title: ModelTitle) => number | null;

export function validityOf(config: Pick<KioskConfig, 'modelSets'>): ValidityMonths {
  const sets = ModelSets.of(config);
  return (title) => (sets.sets.some((s) => s.title === title) ? sets.current(title).recognition.validityMonths : null);
}

/** The last day a decision of `signedOn` stands, or null when the box cannot tell (no set, a date it cannot read). */
function lastDay(signedOn: string, months: number | null): string | null {
  if (months === null) return null;
  try {
    return validThrough(signedOn, months);
  } catch {
    return null;
  }
}

/** The recognitions of `title` received for these subjects, by subject id, newest first. */
export async function recognitionsOf(
  db: Db,
  kind: ModelSubjectKind,
  title: ModelTitle,
  ids: readonly string[],
  validity: ValidityMonths,
): Promise<Map<string, ModelRecognitionView[]>> {
  const out = new Map<string, ModelRecognitionView[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const months = validity(title);
  const rows = await recognitionRows(db, kind, title, ids);
  for (const r of rows) {
    out.get(r.subject_id)?.push({
      title,
      year: r.year,
      decisionNumber: r.decision_number,
      signedOn: r.signed_on,
      validThrough: lastDay(r.signed_on, months),
    });
  }
  return out;
}

/**
 * The years a subject counts as recognized (shared/domain/collective-titles/validity.ts, countedYears). A
 * recognition whose last day is unknown counts for its own year only.
 */
export function yearsCounted(recognitions: readonly ModelRecognitionView[]): number[] {
  return countedYears(
    recognitions.map((r) => ({
      year: r.year,
      decisionDate: r.signedOn,
      validThrough: r.validThrough ?? `${r.year}-01-01`,
    })),
  );
}

/** The counted years of each subject, by id. */
export async function countedYearsOf(
  db: Db,
  kind: ModelSubjectKind,
  title: ModelTitle,
  ids: readonly string[],
  validity: ValidityMonths,
): Promise<Map<string, number[]>> {
  const recognitions = await recognitionsOf(db, kind, title, ids, validity);
  return new Map([...recognitions].map(([id, recs]) => [id, yearsCounted(recs)]));
}

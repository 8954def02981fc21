import { vietnamYear } from '../../../../shared/domain/vietnam-time.ts';
import type { AppraisalUpsertV1, AssessmentUpsertV1, PersonUpsertV1 } from '../../../../shared/sync/messages.ts';
import type { HubAssessmentTable, HubPersonTable } from '../../db/schema.ts';

/** The hub_person and hub_assessment rows (facts.ts) a person and an assessment with its appraisal make. */
/** The indicator on using information technology: its appraised score feeds the digital-skills count. */
export const DIGITAL_INDICATOR = 'CS05';

export function personFact(origin: string, m: PersonUpsertV1, receivedAt: string): HubPersonTable {
  const times = m.consents.map((c) => c.at).sort();
  const latest = new Map<string, boolean>();
  for (const c of [...m.consents].sort((a, b) => a.at.localeCompare(b.at))) latest.set(c.purpose, c.granted);
  return {
    person_id: m.id,
    node_id: origin,
    name: m.name,
    birth_year: m.birthYear,
    village: m.village,
    registered_year: vietnamYear(times[0] ?? receivedAt),
    public_list: latest.get('publicList') ? 1 : 0,
  };
}

export function assessmentFact(
  origin: string,
  a: AssessmentUpsertV1,
  appraisal: AppraisalUpsertV1 | undefined,
  village: string,
): HubAssessmentTable {
  const appraised = appraisal?.status === 'appraised' ? appraisal.scores : null;
  return {
    assessment_id: a.id,
    person_id: a.subjectId,
    node_id: origin,
    year: a.year,
    village,
    grp: a.group,
    submitted: a.status === 'submitted' ? 1 : 0,
    assisted: a.assistedBy ? 1 : 0,
    self_total: a.answers.reduce((sum, x) => sum + x.score, 0),
    appraised: appraised ? 1 : 0,
    appraised_total: appraised ? appraised.reduce((sum, s) => sum + s.score, 0) : null,
    appraised_min: appraised && appraised.length > 0 ? Math.min(...appraised.map((s) => s.score)) : null,
    appraised_count: appraised ? appraised.length : null,
    digital_score: appraised?.find((s) => s.indicatorId === DIGITAL_INDICATOR)?.score ?? null,
    check_digital: null,
    check_proficient: null,
    recognized: 0,
    streak: 0,
  };
}

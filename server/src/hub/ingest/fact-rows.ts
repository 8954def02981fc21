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

/** What an assessment's fact keeps of its appraisal: the appraised scores' sums, not the scores. */
export interface AppraisalSummary {
  total: number;
  min: number | null;
  count: number;
  digital: number | null;
}

/** The summary of an appraisal that is done ('appraised'); null for none or one still open. */
export function appraisalSummary(appraisal: AppraisalUpsertV1 | undefined): AppraisalSummary | null {
  if (appraisal?.status !== 'appraised') return null;
  const scores = appraisal.scores;
  return {
    total: scores.reduce((sum, s) => sum + s.score, 0),
    min: scores.length > 0 ? Math.min(...scores.map((s) => s.score)) : null,
    count: scores.length,
    digital: scores.find((s) => s.indicatorId === DIGITAL_INDICATOR)?.score ?? null,
  };
}

export function assessmentFact(
  origin: string,
  a: AssessmentUpsertV1,
  appraised: AppraisalSummary | null,
  village: string,
): HubAssessmentTable {
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
    appraised_total: appraised?.total ?? null,
    appraised_min: appraised?.min ?? null,
    appraised_count: appraised?.count ?? null,
    digital_score: appraised?.digital ?? null,
    check_digital: null,
    check_proficient: null,
    recognized: 0,
    streak: 0,
  };
}

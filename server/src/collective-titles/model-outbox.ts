import type { Transaction } from 'kysely';
import type { AppraisalUpsertV1, AssessmentUpsertV1 } from '../../../shared/sync/messages.ts';
import type { Database } from '../db/schema.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { appraisalRecord } from './model-appraisals.repository.ts';
import { assessmentRecord } from './model-assessments.repository.ts';

/**
 * The self-assessments and appraisals of the four other titles go up as the same messages as a
 * person's (AssessmentUpsertV1, AppraisalUpsertV1), built from what the database holds once the
 * change is written, so the hub gets exactly the stored record. A met / not met answer travels as
 * 1 / 0, as it is stored; items computed from the registry are not answers and do not travel.
 */

type Trx = Transaction<Database>;

export async function modelAssessmentMessage(trx: Trx, id: string): Promise<AssessmentUpsertV1> {
  const { row, items } = await assessmentRecord(trx, id);
  return {
    type: 'AssessmentUpsertV1',
    id,
    revision: row.revision,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    title: row.title,
    year: row.year,
    criteriaSetId: row.criteria_set_id,
    criteriaSetVersion: row.criteria_set_version,
    group: row.subject_group,
    status: row.status,
    answers: items.map((i) => ({ indicatorId: i.indicator_id, score: i.score, note: null, confirmed: false })),
    submittedAt: row.submitted_at,
    assistedBy: row.assisted_by,
  };
}

export async function modelAppraisalMessage(trx: Trx, assessmentId: string): Promise<AppraisalUpsertV1> {
  const { row, items } = await appraisalRecord(trx, assessmentId);
  return {
    type: 'AppraisalUpsertV1',
    id: assessmentId,
    revision: row.revision,
    status: row.status,
    message: row.message,
    locked: row.locked === 1,
    scores: items.map((i) => ({ indicatorId: i.indicator_id, score: i.score, reason: i.reason })),
  };
}

/** Appends the self-assessment as now stored; call in the transaction that changed it. */
export async function sendModelAssessment(trx: Trx, id: string, at: string): Promise<void> {
  await appendChange(trx, await modelAssessmentMessage(trx, id), at);
}

/** Appends the appraisal as now stored; call in the transaction that changed it. */
export async function sendModelAppraisal(trx: Trx, assessmentId: string, at: string): Promise<void> {
  await appendChange(trx, await modelAppraisalMessage(trx, assessmentId), at);
}

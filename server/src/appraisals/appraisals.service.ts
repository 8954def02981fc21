import * as v from 'valibot';
import { RecognitionDeclinedV1Schema } from '../../../shared/sync/feed-messages.ts';
import { totalScore, verdict } from '../../../shared/domain/recognition.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppraisalCase, AppraisalView, QueueItem, SaveAppraisal } from '../../../shared/schemas/appraisal.ts';
import type { CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import { findAppraisal, findAssessment } from '../assessments/assessments.repository.ts';
import { getAssessment, type AssessmentDeps } from '../assessments/assessments.service.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { AppraisalItemRow, AppraisalRow } from '../db/schema.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { findPersonById, recognitions } from '../people/people.repository.ts';
import { findStaffById } from '../staff/staff.repository.ts';
import { modelAppraisalCase, type ModelAppraisalCase } from '../collective-titles/model-appraisals.service.ts';
import * as repo from './appraisals.repository.ts';

const indicatorIds = (set: CriteriaSet) => set.indicators.map((i) => i.id);

/** The appraisal queue of one village and year (thẩm định), with self and appraised totals. */
export async function appraisalQueue(deps: AssessmentDeps, village: string, year: number): Promise<QueueItem[]> {
  const rows = await repo.queueRows(deps.db, village, year);
  const ids = rows.map((r) => r.assessmentId);
  const self = await repo.scoresByAssessment(deps.db, 'assessment_item', ids);
  const appraised = await repo.scoresByAssessment(deps.db, 'appraisal_item', ids);
  return rows.map((r) => {
    const set = deps.criteria.find(r.criteriaSetId, r.criteriaSetVersion);
    const scores = appraised.get(r.assessmentId);
    const v = r.appraisalStatus === 'appraised' && scores ? verdict(indicatorIds(set), scores, set.scoring) : null;
    return {
      assessmentId: r.assessmentId,
      personId: r.personId,
      name: r.name,
      birthYear: r.birthYear,
      group: set.groups.find((g) => g.id === r.group)?.title ?? r.group,
      status: r.status,
      selfTotal: totalScore(self.get(r.assessmentId) ?? {}),
      appraisal: r.appraisalStatus
        ? {
            status: r.appraisalStatus,
            total: v?.total ?? null,
            recognized: v?.recognized ?? null,
            locked: r.locked === 1,
          }
        : null,
      resubmitted:
        r.appraisalStatus === 'returned' &&
        r.status === 'submitted' &&
        r.assessmentUpdatedAt > (r.appraisalUpdatedAt ?? ''),
    };
  });
}

async function appraisalView(deps: AssessmentDeps, row: AppraisalRow, set: CriteriaSet): Promise<AppraisalView> {
  const items = await repo.listAppraisalItems(deps.db, row.assessment_id);
  const scores = Object.fromEntries(items.map((i) => [i.indicator_id, i.score]));
  return {
    status: row.status,
    message: row.message,
    locked: row.locked === 1,
    updatedAt: row.updated_at,
    appraiser: (await findStaffById(deps.db, row.appraiser_id))?.name ?? '',
    scores: items.map((i) => ({ indicatorId: i.indicator_id, score: i.score, reason: i.reason })),
    verdict: row.status === 'appraised' ? verdict(indicatorIds(set), scores, set.scoring) : null,
  };
}

/** The commune's refusal of this proposal, as the feed brought it (unless taken back). */
async function declinedAbove(
  deps: AssessmentDeps,
  assessmentId: string,
): Promise<{ reason: string; on: string } | null> {
  const payload = await repo.declineFromAbove(deps.db, assessmentId);
  if (payload === null) return null;
  const parsed = v.safeParse(RecognitionDeclinedV1Schema, JSON.parse(payload));
  return parsed.success && !parsed.output.withdrawn
    ? { reason: parsed.output.reason, on: parsed.output.declinedOn }
    : null;
}

/** Everything the appraiser needs: the person, the self-assessment with notes and photos, the appraisal. */
export async function appraisalCase(deps: AssessmentDeps, assessmentId: string): Promise<AppraisalCase> {
  const assessment = await getAssessment(deps, assessmentId);
  const person = await findPersonById(deps.db, assessment.personId);
  if (!person) throw new AppError('person.not-found');
  const row = await findAppraisal(deps.db, assessmentId);
  const set = deps.criteria.find(assessment.criteriaSetId, assessment.criteriaSetVersion);
  return {
    person: {
      id: person.id,
      code: person.code,
      name: person.name,
      birthYear: person.birth_year,
      village: person.village,
    },
    assessment,
    appraisal: row ? await appraisalView(deps, row, set) : null,
    declined: await declinedAbove(deps, assessmentId),
    recognized: await recognizedFor(deps, person.id, assessment.year),
  };
}

/** The commune's CDHT decision for her and the assessment's year, as the feed brought it; null before it has. */
async function recognizedFor(
  deps: AssessmentDeps,
  personId: string,
  year: number,
): Promise<{ decisionNumber: string; signedOn: string } | null> {
  const r = (await recognitions(deps.db, personId)).find((x) => x.title === 'cdht' && x.year === year);
  return r ? { decisionNumber: r.decisionNumber, signedOn: r.signedOn } : null;
}

/** Loads what an appraisal change needs and refuses drafts and locked appraisals. */
async function editable(deps: AssessmentDeps, assessmentId: string) {
  const assessment = await findAssessment(deps.db, assessmentId);
  if (!assessment) throw new AppError('assessment.not-found');
  if (assessment.status !== 'submitted') throw new AppError('appraisal.not-submitted');
  const existing = await findAppraisal(deps.db, assessmentId);
  if (existing?.locked === 1) throw new AppError('appraisal.locked');
  const set = deps.criteria.find(assessment.criteria_set_id, assessment.criteria_set_version);
  const self = (await repo.scoresByAssessment(deps.db, 'assessment_item', [assessmentId])).get(assessmentId) ?? {};
  return { assessment, existing, set, self };
}

async function write(
  deps: AssessmentDeps,
  actor: Actor,
  row: AppraisalRow,
  items: AppraisalItemRow[],
  isNew: boolean,
  details: Record<string, unknown>,
) {
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveAppraisal(trx, row, items, isNew);
    await audit(
      trx,
      actor,
      {
        action: row.status === 'returned' ? 'appraisal.return' : 'appraisal.save',
        subjectKind: 'assessment',
        subjectId: row.assessment_id,
        details,
      },
      row.updated_at,
    );
    await appendChange(
      trx,
      {
        type: 'AppraisalUpsertV1',
        id: row.assessment_id,
        revision: row.revision,
        status: row.status,
        message: row.message,
        locked: row.locked === 1,
        scores: items.map((i) => ({ indicatorId: i.indicator_id, score: i.score, reason: i.reason })),
      },
      row.updated_at,
    );
  });
}

/** Sets the appraised score of every indicator; a reason is required wherever it differs from the self-score. */
export async function saveAppraisal(
  deps: AssessmentDeps,
  actor: Actor,
  assessmentId: string,
  input: SaveAppraisal,
): Promise<AppraisalCase> {
  const { existing, set, self } = await editable(deps, assessmentId);
  const { minScore: min, maxScore: max } = set.scoring;
  const byId = new Map(input.scores.map((s) => [s.indicatorId, s]));
  for (const s of input.scores) {
    if (!set.indicators.some((i) => i.id === s.indicatorId))
      throw new AppError('assessment.indicator-unknown', { indicatorId: s.indicatorId });
  }
  const missing = indicatorIds(set).filter((id) => !byId.has(id));
  if (missing.length > 0 || byId.size !== input.scores.length) throw new AppError('assessment.incomplete', { missing });
  const items: AppraisalItemRow[] = indicatorIds(set).map((indicatorId) => {
    const s = byId.get(indicatorId)!;
    if (!Number.isInteger(s.score) || s.score < min || s.score > max)
      throw new AppError('assessment.score-out-of-range', { indicatorId, score: s.score, min, max });
    if (s.score !== self[indicatorId] && !s.reason) throw new AppError('appraisal.reason-required', { indicatorId });
    return {
      assessment_id: assessmentId,
      indicator_id: indicatorId,
      score: s.score,
      reason: s.score !== self[indicatorId] ? s.reason! : s.reason || null,
    };
  });
  const at = deps.now().toISOString();
  const row: AppraisalRow = {
    assessment_id: assessmentId,
    appraiser_id: actor.id,
    status: 'appraised',
    message: null,
    locked: 0,
    revision: (existing?.revision ?? 0) + 1,
    updated_at: at,
  };
  const result = verdict(
    indicatorIds(set),
    Object.fromEntries(items.map((i) => [i.indicator_id, i.score])),
    set.scoring,
  );
  const changed = items
    .filter((i) => i.score !== self[i.indicator_id])
    .map((i) => ({ indicatorId: i.indicator_id, from: self[i.indicator_id], to: i.score, reason: i.reason }));
  await write(deps, actor, row, items, !existing, { changed, total: result.total, recognized: result.recognized });
  return appraisalCase(deps, assessmentId);
}

/** Returns a submission to the villager for more evidence, with a message shown when she next comes. */
export async function returnForEvidence(
  deps: AssessmentDeps,
  actor: Actor,
  assessmentId: string,
  message: string,
): Promise<AppraisalCase> {
  const { existing } = await editable(deps, assessmentId);
  const at = deps.now().toISOString();
  const items = existing ? await repo.listAppraisalItems(deps.db, assessmentId) : [];
  const row: AppraisalRow = {
    assessment_id: assessmentId,
    appraiser_id: actor.id,
    status: 'returned',
    message,
    locked: 0,
    revision: (existing?.revision ?? 0) + 1,
    updated_at: at,
  };
  await write(deps, actor, row, items, !existing, { message });
  return appraisalCase(deps, assessmentId);
}

/** The subject kinds whose appraisals are made, locked and reopened at the center: people, and (by the village branch) households and clans. */
const reopenedHere: readonly string[] = ['person', 'household', 'clan'];

/**
 * The administrator unlocks an appraisal on a finalized list, or one whose decision the commune
 * has withdrawn; the reason is kept in the audit log. A person's appraisal answers with the CDHT
 * case, a household's or clan's with the model appraisal case (model-appraisals.service.ts).
 */
export async function reopenAppraisal(
  deps: AssessmentDeps,
  actor: Actor,
  assessmentId: string,
  reason: string,
): Promise<AppraisalCase | ModelAppraisalCase> {
  const assessment = await findAssessment(deps.db, assessmentId);
  if (!assessment) throw new AppError('assessment.not-found');
  // Villages and units are appraised (and reopened) by the commune, on the hub.
  if (!reopenedHere.includes(assessment.subject_kind))
    throw new AppError('appraisal.not-here', { kind: assessment.subject_kind });
  const existing = await findAppraisal(deps.db, assessmentId);
  if (!existing) throw new AppError('appraisal.not-found');
  // Once the commune has decided, only the commune can reopen (by withdrawing its decision).
  const decided = await repo.decisionNumberFor(deps.db, assessment);
  if (decided) throw new AppError('appraisal.decided', { decisionNumber: decided });
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.unlockAppraisal(trx, assessmentId, existing.revision + 1, at);
    const details = assessment.subject_kind === 'person' ? { reason } : { reason, title: assessment.title };
    await audit(
      trx,
      actor,
      { action: 'appraisal.reopen', subjectKind: 'assessment', subjectId: assessmentId, details },
      at,
    );
    const items = await repo.listAppraisalItems(trx, assessmentId);
    await appendChange(
      trx,
      {
        type: 'AppraisalUpsertV1',
        id: assessmentId,
        revision: existing.revision + 1,
        status: existing.status,
        message: existing.message,
        locked: false,
        scores: items.map((i) => ({ indicatorId: i.indicator_id, score: i.score, reason: i.reason })),
      },
      at,
    );
  });
  return assessment.subject_kind === 'person'
    ? appraisalCase(deps, assessmentId)
    : modelAppraisalCase(deps, assessmentId);
}

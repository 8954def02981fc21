import { AppError } from '../../../shared/errors.ts';
import { modelVerdict, type ModelVerdict } from '../../../shared/domain/collective-titles/verdict.ts';
import type { SaveModelAppraisal } from '../../../shared/schemas/model-assessment.ts';
import type { ModelCriteriaSet, ModelSubjectKind } from '../../../shared/schemas/model-criteria-set.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { findStaffById } from '../staff/staff.repository.ts';
import * as repo from './model-appraisals.repository.ts';
import { submittedIds } from './model-assessments.repository.ts';
import { sendModelAppraisal } from './model-outbox.ts';
import {
  checkedAnswers,
  loadModelAssessment,
  type LoadedModelAssessment,
  type ModelAssessmentDeps,
  type ModelAssessmentView,
} from './model-assessments.service.ts';

/**
 * The village branch appraises households' and clans' self-assessments at the center, on the same
 * appraisal records as a person's (one per assessment, items by id, a reason where the appraised
 * answer differs). Villages and units are appraised by the commune, so the center refuses them.
 * Each saved appraisal goes up to the hub as an AppraisalUpsertV1, like a person's.
 */

/** The subject kinds appraised at the center (by the village branch). */
const appraisedHere: readonly ModelSubjectKind[] = ['household', 'clan'];

export interface ModelAppraisalView {
  appraiser: string;
  updatedAt: string;
  locked: boolean;
  answers: Record<string, number | boolean>;
  reasons: Record<string, string>;
  verdict: ModelVerdict;
}

export interface ModelAppraisalCase {
  assessment: ModelAssessmentView;
  /** The set the assessment was made against (its items' wording for the appraiser). */
  set: ModelCriteriaSet;
  appraisal: ModelAppraisalView | null;
}

export async function modelAppraisalCase(deps: ModelAssessmentDeps, assessmentId: string): Promise<ModelAppraisalCase> {
  return appraisalCaseOf(deps, await loadModelAssessment(deps, assessmentId));
}

async function appraisalCaseOf(
  deps: ModelAssessmentDeps,
  { view: assessment, set, facts }: LoadedModelAssessment,
): Promise<ModelAppraisalCase> {
  const assessmentId = assessment.id;
  const row = await repo.findAppraisal(deps.db, assessmentId);
  if (!row) return { assessment, set, appraisal: null };
  const items = await repo.appraisalItems(deps.db, assessmentId);
  const answers = Object.fromEntries(
    items.map((i) => [i.indicator_id, set.scoring.kind === 'targets' ? i.score === 1 : i.score]),
  );
  return {
    assessment,
    set,
    appraisal: {
      appraiser: (await findStaffById(deps.db, row.appraiser_id))?.name ?? '',
      updatedAt: row.updated_at,
      locked: row.locked === 1,
      answers,
      reasons: Object.fromEntries(items.filter((i) => i.reason).map((i) => [i.indicator_id, i.reason!])),
      verdict: modelVerdict(set, answers, facts, assessment.year),
    },
  };
}

export async function saveModelAppraisal(
  deps: ModelAssessmentDeps,
  actor: Actor,
  assessmentId: string,
  input: SaveModelAppraisal,
): Promise<ModelAppraisalCase> {
  const loaded = await loadModelAssessment(deps, assessmentId);
  const { view: assessment, set, facts } = loaded;
  if (!appraisedHere.includes(assessment.subject.kind))
    throw new AppError('appraisal.not-here', { kind: assessment.subject.kind });
  if (assessment.status !== 'submitted') throw new AppError('appraisal.not-submitted');
  const existing = await repo.findAppraisal(deps.db, assessmentId);
  if (existing?.locked === 1) throw new AppError('appraisal.locked');
  const answers = checkedAnswers(set, input.answers, true);
  const reasons = new Map(input.answers.map((a) => [a.itemId, a.reason?.trim() || null]));
  for (const [itemId, value] of Object.entries(answers)) {
    if (value !== assessment.answers[itemId] && !reasons.get(itemId))
      throw new AppError('appraisal.reason-required', { indicatorId: itemId });
  }
  const at = deps.now().toISOString();
  const items = Object.entries(answers).map(([itemId, value]) => ({
    assessment_id: assessmentId,
    indicator_id: itemId,
    score: typeof value === 'boolean' ? (value ? 1 : 0) : value,
    reason: reasons.get(itemId) ?? null,
  }));
  // The same appraisal saved again (a double tap, a retry after a lost answer) changes nothing.
  if (existing?.status === 'appraised' && (await sameItems(deps, assessmentId, items)))
    return appraisalCaseOf(deps, loaded);
  const row = {
    assessment_id: assessmentId,
    appraiser_id: actor.id,
    status: 'appraised' as const,
    message: null,
    locked: 0,
    revision: (existing?.revision ?? 0) + 1,
    updated_at: at,
  };
  const result = modelVerdict(set, answers, facts, assessment.year);
  await deps.db.transaction().execute(async (trx) => {
    await repo.saveAppraisal(trx, row, items, existing !== undefined);
    const changed = items
      .filter((i) => answers[i.indicator_id] !== assessment.answers[i.indicator_id])
      .map((i) => ({ itemId: i.indicator_id, reason: i.reason }));
    await audit(
      trx,
      actor,
      {
        action: 'appraisal.save',
        subjectKind: 'assessment',
        subjectId: assessmentId,
        details: { title: assessment.title, changed, total: result.total, level: result.level, passed: result.passed },
      },
      at,
    );
    await sendModelAppraisal(trx, assessmentId, at);
  });
  // Read again: the answer is what the box now holds (the facts are the ones just judged on).
  return appraisalCaseOf(deps, loaded);
}

async function sameItems(
  deps: ModelAssessmentDeps,
  assessmentId: string,
  items: readonly { indicator_id: string; score: number; reason: string | null }[],
): Promise<boolean> {
  const stored = await repo.appraisalItems(deps.db, assessmentId);
  return (
    stored.length === items.length &&
    items.every((i) =>
      stored.some((s) => s.indicator_id === i.indicator_id && s.score === i.score && s.reason === i.reason),
    )
  );
}

export interface ModelQueueItem {
  assessmentId: string;
  title: string;
  subject: { kind: string; id: string; label: string; village: string | null };
  submittedAt: string | null;
  selfPassed: boolean;
  appraised: { passed: boolean; total: number | null; level: number | null } | null;
}

/** Submitted self-assessments of households and clans of a year, for the branch to appraise. */
export async function modelAppraisalQueue(deps: ModelAssessmentDeps, year: number): Promise<ModelQueueItem[]> {
  const out: ModelQueueItem[] = [];
  for (const id of await submittedIds(deps.db, appraisedHere, year)) {
    const c = await modelAppraisalCase(deps, id);
    out.push({
      assessmentId: id,
      title: c.assessment.title,
      subject: c.assessment.subject,
      submittedAt: c.assessment.submittedAt,
      selfPassed: c.assessment.verdict.passed,
      appraised: c.appraisal
        ? { passed: c.appraisal.verdict.passed, total: c.appraisal.verdict.total, level: c.appraisal.verdict.level }
        : null,
    });
  }
  return out;
}

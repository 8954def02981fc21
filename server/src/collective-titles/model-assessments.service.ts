import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import {
  declaredAnswerProblems,
  modelVerdict,
  type DeclaredAnswers,
  type ModelVerdict,
} from '../../../shared/domain/collective-titles/verdict.ts';
import type { PutModelAssessment } from '../../../shared/schemas/model-assessment.ts';
import {
  titleSubject,
  type ModelCriteriaSet,
  type ModelSubjectKind,
  type ModelTitle,
} from '../../../shared/schemas/model-criteria-set.ts';
import { assessmentYearNow } from '../config/assessment-year.ts';
import { listEvidence } from '../assessments/assessments.repository.ts';
import { isActiveStaff } from '../staff/staff.repository.ts';
import type { EvidenceView } from '../../../shared/schemas/assessment.ts';
import type { KioskConfig } from '../config/load.ts';
import { ModelSets } from '../criteria/model-sets.ts';
import type { Db } from '../db/database.ts';
import type { AssessmentRow, Database } from '../db/schema.ts';
import { findSubject, subjectFacts, type Subject } from './facts.ts';
import * as repo from './model-assessments.repository.ts';
import { sendModelAssessment } from './model-outbox.ts';
import { validityOf } from './recognitions.ts';
import type { SubjectFacts } from '../../../shared/domain/collective-titles/subject-facts.ts';

/**
 * Self-assessments of households, clans, villages and units: the same assessment record a
 * person's CDHT assessment uses (subject kind and id, title, year, criteria set, items), one per
 * subject, title and year. Declared answers are stored as item scores (1 / 0 for met / not met);
 * computed items are worked out from the registry each time the assessment is read, so a
 * decision that recognizes one more adult shows at once.
 */

export interface ModelAssessmentDeps {
  db: Db;
  config: KioskConfig;
  now: () => Date;
}

export interface ModelAssessmentView {
  id: string;
  title: ModelTitle;
  subject: Subject;
  year: number;
  criteriaSetId: string;
  criteriaSetVersion: string;
  status: 'draft' | 'submitted';
  answers: Record<string, number | boolean>;
  submittedAt: string | null;
  assisted: boolean;
  verdict: ModelVerdict;
  /** Photos of declared items (`indicatorId` is the item's id), as on a person's assessment. */
  evidence: EvidenceView[];
}

const sets = (deps: ModelAssessmentDeps) => ModelSets.of(deps.config);

export async function putModelAssessment(
  deps: ModelAssessmentDeps,
  id: string,
  input: PutModelAssessment,
): Promise<ModelAssessmentView> {
  const set = sets(deps).find(input.criteriaSetId, input.criteriaSetVersion);
  if (set.title !== input.title)
    throw new AppError('assessment.criteria-set-unknown', {
      criteriaSetId: input.criteriaSetId,
      version: input.criteriaSetVersion,
    });
  const kind = titleSubject[input.title];
  const subject = await findSubject(deps.db, kind, input.subjectId, deps.config.center.villages);
  const answers = checkedAnswers(set, input.answers, input.status === 'submitted');
  const year = assessmentYearNow(deps);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await repo.assessmentsClashing(trx, id, { kind, id: subject.id, title: input.title, year });
    const existing = rows.find((r) => r.id === id);
    if (rows.some((r) => r.id !== id)) throw new AppError('assessment.year-taken', { year });
    if (
      existing &&
      (existing.subject_kind !== kind || existing.subject_id !== subject.id || existing.title !== input.title)
    )
      throw new AppError('assessment.id-conflict');
    const row = {
      criteria_set_id: set.id,
      criteria_set_version: set.version,
      status: input.status,
      updated_at: at,
      submitted_at: input.status === 'submitted' ? at : null,
      assisted_by: input.assistedBy ?? existing?.assisted_by ?? null,
    };
    const items = Object.entries(answers).map(([itemId, value]) => ({
      assessment_id: id,
      indicator_id: itemId,
      score: typeof value === 'boolean' ? (value ? 1 : 0) : value!,
      note: null,
      confirmed: null,
    }));
    // A retry of what is stored (a tablet's resend after a lost answer) answers it and changes nothing.
    if (existing && (await sameContent(trx, existing, row, items))) return;
    if (existing?.status === 'submitted') throw new AppError('assessment.already-submitted');
    if (input.assistedBy && !(await isActiveStaff(trx, input.assistedBy)))
      throw new AppError('assessment.assistant-unknown');
    if (existing) {
      await repo.updateAssessmentClearingItems(trx, id, { ...row, revision: existing.revision + 1 });
    } else {
      await repo.insertAssessment(trx, {
        id,
        subject_kind: kind,
        subject_id: subject.id,
        title: input.title,
        year,
        subject_group: '',
        revision: 1,
        created_at: at,
        ...row,
      });
    }
    if (items.length > 0) await repo.insertAssessmentItems(trx, items);
    await sendModelAssessment(trx, id, at);
  });
  return getModelAssessment(deps, id);
}

/** The stored assessment already says this: same set, status, assistant and answers. */
async function sameContent(
  trx: Transaction<Database>,
  existing: AssessmentRow,
  row: Pick<AssessmentRow, 'criteria_set_id' | 'criteria_set_version' | 'status' | 'assisted_by'>,
  items: readonly { indicator_id: string; score: number }[],
): Promise<boolean> {
  if (
    existing.criteria_set_id !== row.criteria_set_id ||
    existing.criteria_set_version !== row.criteria_set_version ||
    existing.status !== row.status ||
    existing.assisted_by !== row.assisted_by
  )
    return false;
  const stored = await repo.assessmentScores(trx, existing.id);
  return (
    stored.length === items.length &&
    items.every((i) => stored.some((s) => s.indicator_id === i.indicator_id && s.score === i.score))
  );
}

export async function getModelAssessment(deps: ModelAssessmentDeps, id: string): Promise<ModelAssessmentView> {
  return (await loadModelAssessment(deps, id)).view;
}

/** An assessment with its set and the registry's facts it was judged on (read once, for the appraisal too). */
export async function loadModelAssessment(deps: ModelAssessmentDeps, id: string): Promise<LoadedModelAssessment> {
  const row = await repo.findAssessment(deps.db, id);
  if (!row || row.subject_kind === 'person') throw new AppError('assessment.not-found');
  const subject = await findSubject(
    deps.db,
    row.subject_kind as ModelSubjectKind,
    row.subject_id,
    deps.config.center.villages,
  );
  return load(deps, row, subject);
}

/**
 * What a screen opening a subject's assessment of a title needs: this year's assessment (null when
 * none yet, and the screen starts one), the set it goes by, and the verdict so far (before anything is
 * answered, the computed items alone). The subject and its facts are read once.
 */
export async function startModelAssessment(
  deps: ModelAssessmentDeps,
  title: ModelTitle,
  subjectId: string,
): Promise<{
  assessment: ModelAssessmentView | null;
  set: ModelCriteriaSet;
  subject: Subject;
  year: number;
  verdict: ModelVerdict;
}> {
  const kind: ModelSubjectKind = titleSubject[title];
  const subject = await findSubject(deps.db, kind, subjectId, deps.config.center.villages);
  const year = assessmentYearNow(deps);
  const row = await repo.findAssessmentOf(deps.db, kind, subject.id, title, year);
  const set = sets(deps).current(title);
  if (row) {
    const { view } = await load(deps, row, subject);
    return { assessment: view, set, subject, year, verdict: view.verdict };
  }
  return {
    assessment: null,
    set,
    subject,
    year,
    verdict: modelVerdict(set, {}, await subjectFacts(deps.db, subject, year, validityOf(deps.config)), year),
  };
}

export interface LoadedModelAssessment {
  view: ModelAssessmentView;
  set: ModelCriteriaSet;
  facts: SubjectFacts;
}

async function load(deps: ModelAssessmentDeps, row: AssessmentRow, subject: Subject): Promise<LoadedModelAssessment> {
  const set = sets(deps).find(row.criteria_set_id, row.criteria_set_version);
  const items = await repo.assessmentScores(deps.db, row.id);
  const answers: Record<string, number | boolean> = Object.fromEntries(
    items.map((i) => [i.indicator_id, set.scoring.kind === 'targets' ? i.score === 1 : i.score]),
  );
  const facts = await subjectFacts(deps.db, subject, row.year, validityOf(deps.config));
  const evidence = await listEvidence(deps.db, row.id);
  const view: ModelAssessmentView = {
    id: row.id,
    title: row.title as ModelTitle,
    subject,
    year: row.year,
    criteriaSetId: row.criteria_set_id,
    criteriaSetVersion: row.criteria_set_version,
    status: row.status,
    answers,
    submittedAt: row.submitted_at,
    assisted: row.assisted_by !== null,
    verdict: modelVerdict(set, answers, facts, row.year),
    evidence: evidence.map((e) => ({
      id: e.id,
      indicatorId: e.indicator_id,
      kind: 'photo' as const,
      sha256: e.sha256,
      bytes: e.bytes,
    })),
  };
  return { view, set, facts };
}

export const declaredItems = (set: ModelCriteriaSet) =>
  set.criteria
    .flatMap((c) => c.items)
    .filter((i) => i.source === 'declared')
    .map((i) => i.id);

/**
 * Declared answers by item id, refused with a stable code when an item is unknown or computed, a
 * value is of the wrong kind or out of range, or (when `complete`) a declared item is unanswered.
 * Shared by the self-assessment and the appraisal.
 */
export function checkedAnswers(
  set: ModelCriteriaSet,
  given: readonly { itemId: string; value: number | boolean }[],
  complete: boolean,
): Record<string, number | boolean> {
  const answers = answerMap(set, given);
  const problems = declaredAnswerProblems(set, answers);
  const unknown = problems.find((p) => p.problem !== 'out-of-range');
  if (unknown) throw new AppError('assessment.indicator-unknown', { indicatorId: unknown.itemId });
  const outOfRange = problems[0];
  if (outOfRange) {
    const item = set.criteria.flatMap((c) => c.items).find((i) => i.id === outOfRange.itemId);
    throw new AppError('assessment.score-out-of-range', {
      indicatorId: outOfRange.itemId,
      min: 0,
      max: set.scoring.kind === 'points' ? (item?.points ?? 0) : 1,
    });
  }
  if (complete) {
    const missing = declaredItems(set).filter((i) => answers[i] === undefined);
    if (missing.length > 0) throw new AppError('assessment.incomplete', { missing });
  }
  return answers as Record<string, number | boolean>;
}

/** Answers by item id; an item answered twice in one request is refused rather than guessed. */
function answerMap(
  set: ModelCriteriaSet,
  answers: readonly { itemId: string; value: number | boolean }[],
): DeclaredAnswers {
  const out: Record<string, number | boolean> = {};
  for (const a of answers) {
    if (a.itemId in out) throw new AppError('assessment.indicator-unknown', { indicatorId: a.itemId });
    // A targets set takes met / not met; a points set whole points. The other kind is out of range.
    if (set.scoring.kind === 'targets' ? typeof a.value !== 'boolean' : typeof a.value !== 'number') {
      throw new AppError('assessment.score-out-of-range', {
        indicatorId: a.itemId,
        min: 0,
        max: set.scoring.kind === 'targets' ? 1 : undefined,
      });
    }
    out[a.itemId] = a.value;
  }
  return out;
}

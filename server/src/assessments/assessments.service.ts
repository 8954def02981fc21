import { verdict } from '../../../shared/domain/recognition.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AssessmentView, PutAssessment } from '../../../shared/schemas/assessment.ts';
import type { CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import type { AppraisalRow, AssessmentItemRow, AssessmentRow, EvidenceRow } from '../db/schema.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import { findPersonById, guardianConsentOf } from '../people/people.repository.ts';
import { groupProblem, isChild } from '../../../shared/domain/age.ts';
import * as repo from './assessments.repository.ts';
import { isActiveStaff } from '../staff/staff.repository.ts';
import { attendanceEvidence, yearBoundaryOf } from '../attendance/attendance.service.ts';
import type { AttendanceEvidence } from '../../../shared/schemas/attendance.ts';
import type { LearningPlanEvidence } from '../../../shared/schemas/learning-plan.ts';
import { planEvidence } from '../plans/plans.service.ts';
import type { AssessmentDeps } from '../criteria/assessment-deps.ts';

export type { AssessmentDeps };

const TITLE = 'cdht';
const SUBJECT_KIND = 'person';

import { assessmentYearNow } from '../config/assessment-year.ts';

export { assessmentYearNow };

/** Checks an assessment against its criteria set; throws the first problem with a stable code. */
function checkAgainstSet(set: CriteriaSet, input: PutAssessment): void {
  if (!set.groups.some((g) => g.id === input.group))
    throw new AppError('assessment.group-unknown', { group: input.group });
  const seen = new Set<string>();
  const { minScore: min, maxScore: max } = set.scoring;
  for (const a of input.answers) {
    if (!set.indicators.some((i) => i.id === a.indicatorId))
      throw new AppError('assessment.indicator-unknown', { indicatorId: a.indicatorId });
    if (seen.has(a.indicatorId)) throw new AppError('request.invalid', { reason: `${a.indicatorId} answered twice` });
    seen.add(a.indicatorId);
    if (!Number.isInteger(a.score) || a.score < min || a.score > max) {
      throw new AppError('assessment.score-out-of-range', { indicatorId: a.indicatorId, score: a.score, min, max });
    }
  }
  if (input.status === 'submitted') {
    const missing = set.indicators.map((i) => i.id).filter((id) => !seen.has(id));
    if (missing.length > 0) throw new AppError('assessment.incomplete', { missing });
  }
}

function itemRows(id: string, input: PutAssessment): AssessmentItemRow[] {
  return input.answers.map((a) => ({
    assessment_id: id,
    indicator_id: a.indicatorId,
    score: a.score,
    note: a.note || null,
    confirmed: a.confirmed === undefined ? null : a.confirmed ? 1 : 0,
  }));
}

function sameContent(row: AssessmentRow, items: AssessmentItemRow[], input: PutAssessment, id: string): boolean {
  if (
    row.criteria_set_id !== input.criteriaSetId ||
    row.criteria_set_version !== input.criteriaSetVersion ||
    row.subject_group !== input.group ||
    row.status !== input.status ||
    items.length !== input.answers.length ||
    row.assisted_by !== (input.assistedBy ?? null)
  )
    return false;
  return sameItems(items, itemRows(id, input));
}

/** The same answers, in any order (an indicator is answered once: checkAgainstSet). */
function sameItems(items: AssessmentItemRow[], next: AssessmentItemRow[]): boolean {
  return (
    items.length === next.length &&
    next.every((n) =>
      items.some(
        (i) =>
          i.indicator_id === n.indicator_id && i.score === n.score && i.note === n.note && i.confirmed === n.confirmed,
      ),
    )
  );
}

/**
 * Creates or updates an assessment under the tablet's id. Saving the same content again is a no-op
 * (no new revision); a submitted assessment no longer changes.
 */
export async function putAssessment(deps: AssessmentDeps, id: string, input: PutAssessment): Promise<AssessmentView> {
  const set = deps.criteria.find(input.criteriaSetId, input.criteriaSetVersion);
  checkAgainstSet(set, input);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const person = await findPersonById(trx, input.personId);
    if (!person) throw new AppError('person.not-found');
    if (input.assistedBy && !(await isActiveStaff(trx, input.assistedBy)))
      throw new AppError('assessment.assistant-unknown');
    // This id, and the person's assessment of the current year (it may be the same row), in one read.
    const yearNow = assessmentYearNow(deps);
    const found = await repo.findAssessmentOrYear(trx, id, SUBJECT_KIND, input.personId, TITLE, yearNow);
    const existing = found.find((r) => r.id === id);
    if (existing && (existing.subject_id !== input.personId || existing.subject_kind !== SUBJECT_KIND)) {
      throw new AppError('assessment.id-conflict');
    }
    // Read once: nothing below writes it.
    let appraisal: AppraisalRow | undefined;
    let stored: AssessmentItemRow[] | undefined;
    if (existing) {
      const items = (stored = await repo.listItems(trx, id));
      appraisal = await repo.findAppraisal(trx, id);
      const current = async () => toView(set, existing, items, await repo.listEvidence(trx, id), appraisal);
      if (sameContent(existing, items, input, id)) return current();
      // Returned for more evidence: the villager may change and submit again.
      const reopened = appraisal?.status === 'returned' && appraisal.locked === 0;
      // A draft save that arrives after the submission (a tablet's late retry) never reopens it.
      if (existing.status === 'submitted' && input.status === 'draft' && !reopened) return current();
      if (existing.status === 'submitted' && !reopened) throw new AppError('assessment.already-submitted');
    }
    const year = existing?.year ?? yearNow;
    // A child is assessed only in the learners' group, and only with her guardian's consent recorded.
    const child = isChild(person.birth_year, year, { guardianUnder: deps.config.settings['person.guardianUnder'] });
    const groupRefused = groupProblem(
      set.groups.find((g) => g.id === input.group)!,
      child,
      child && (await guardianConsentOf(trx, person.id)) !== undefined,
    );
    if (groupRefused) throw new AppError(groupRefused, { group: input.group });
    if (!existing) {
      const other = found.find((r) => r.id !== id);
      if (other) throw new AppError('assessment.year-taken', { year, assessmentId: other.id });
    }
    const row: AssessmentRow = {
      id,
      subject_kind: SUBJECT_KIND,
      subject_id: input.personId,
      title: TITLE,
      year,
      criteria_set_id: set.id,
      criteria_set_version: set.version,
      subject_group: input.group,
      status: input.status,
      revision: (existing?.revision ?? 0) + 1,
      created_at: existing?.created_at ?? at,
      updated_at: at,
      submitted_at: input.status === 'submitted' ? at : null,
      assisted_by: input.assistedBy ?? null,
    };
    const items = itemRows(id, input);
    // Submitted with the answers of its last draft: the item rows stand as they are.
    await repo.saveAssessment(trx, row, items, !existing, stored !== undefined && sameItems(stored, items));
    await appendChange(
      trx,
      {
        type: 'AssessmentUpsertV1',
        id,
        revision: row.revision,
        subjectKind: row.subject_kind,
        subjectId: row.subject_id,
        title: row.title,
        year,
        criteriaSetId: set.id,
        criteriaSetVersion: set.version,
        group: row.subject_group,
        status: row.status,
        answers: items.map((i) => ({
          indicatorId: i.indicator_id,
          score: i.score,
          note: i.note,
          confirmed: i.confirmed === 1,
        })),
        submittedAt: row.submitted_at,
        assistedBy: row.assisted_by,
      },
      at,
    );
    // Evidence and appraisal rows need the assessment first (foreign keys): a new one has neither.
    if (!existing) return toView(set, row, sortItems(items), [], undefined);
    return toView(set, row, sortItems(items), await repo.listEvidence(trx, id), appraisal);
  });
}

export async function getAssessment(deps: AssessmentDeps, id: string): Promise<AssessmentView> {
  const row = await repo.findAssessment(deps.db, id);
  if (!row) throw new AppError('assessment.not-found');
  return viewOf(deps, row);
}

/**
 * This year's assessment of a person (if begun) with the classes attended at the center this year,
 * which the tablet shows at CS03 even before she begins.
 */
export async function currentWithEvidence(
  deps: AssessmentDeps,
  personId: string,
): Promise<{
  assessment: AssessmentView | null;
  attendance: AttendanceEvidence | null;
  learningPlan: LearningPlanEvidence | null;
}> {
  const assessment = await currentAssessmentOf(deps, personId);
  return {
    assessment,
    attendance: assessment
      ? (assessment.attendance ?? null)
      : await attendanceEvidence(deps.db, personId, assessmentYearNow(deps), yearBoundaryOf(deps.config)),
    learningPlan: assessment
      ? (assessment.learningPlan ?? null)
      : await planEvidence(deps.db, personId, assessmentYearNow(deps)),
  };
}

/** This year's Learning Citizen assessment of a person, if they have started one. */
export async function currentAssessmentOf(deps: AssessmentDeps, personId: string): Promise<AssessmentView | null> {
  if (!(await findPersonById(deps.db, personId))) throw new AppError('person.not-found');
  const row = await repo.findAssessmentFor(deps.db, SUBJECT_KIND, personId, TITLE, assessmentYearNow(deps));
  return row ? viewOf(deps, row) : null;
}

async function viewOf(deps: AssessmentDeps, row: AssessmentRow): Promise<AssessmentView> {
  const set = deps.criteria.find(row.criteria_set_id, row.criteria_set_version);
  const view = toView(
    set,
    row,
    await repo.listItems(deps.db, row.id),
    await repo.listEvidence(deps.db, row.id),
    await repo.findAppraisal(deps.db, row.id),
  );
  // The digital-skills self-check of the same year stands as evidence for CS05.
  const check = await repo.latestDigitalCheck(deps.db, row.subject_id, row.year);
  return {
    ...view,
    digitalCheck: check
      ? {
          attemptId: check.id,
          finishedAt: check.finished_at,
          level: (JSON.parse(check.result) as { overall: { level: string } }).overall.level,
          hasDigitalSkills: check.has_digital === 1,
          proficient: check.proficient === 1,
        }
      : null,
    // The class sessions attended at the center in the same year stand as evidence for CS03.
    attendance: await attendanceEvidence(deps.db, row.subject_id, row.year, yearBoundaryOf(deps.config)),
    // The latest personal learning plan of the same year stands as evidence for CS02.
    learningPlan: await planEvidence(deps.db, row.subject_id, row.year),
  };
}

function sortItems(items: AssessmentItemRow[]): AssessmentItemRow[] {
  return [...items].sort((a, b) => a.indicator_id.localeCompare(b.indicator_id));
}

function toView(
  set: CriteriaSet,
  row: AssessmentRow,
  items: AssessmentItemRow[],
  evidence: EvidenceRow[],
  appraisal: AppraisalRow | undefined,
): AssessmentView {
  const scores = Object.fromEntries(items.map((i) => [i.indicator_id, i.score]));
  return {
    id: row.id,
    personId: row.subject_id,
    year: row.year,
    criteriaSetId: row.criteria_set_id,
    criteriaSetVersion: row.criteria_set_version,
    group: row.subject_group,
    status: row.status,
    answers: items.map((i) => ({
      indicatorId: i.indicator_id,
      score: i.score,
      note: i.note,
      confirmed: i.confirmed === 1,
    })),
    assistedBy: row.assisted_by,
    returned: appraisal?.status === 'returned' ? { message: appraisal.message ?? '', at: appraisal.updated_at } : null,
    evidence: evidence.map((e) => ({
      id: e.id,
      indicatorId: e.indicator_id,
      kind: 'photo' as const,
      sha256: e.sha256,
      bytes: e.bytes,
    })),
    revision: row.revision,
    submittedAt: row.submitted_at,
    verdict: verdict(
      set.indicators.map((i) => i.id),
      scores,
      set.scoring,
    ),
  };
}

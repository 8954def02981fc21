import * as v from 'valibot';
import { AttendanceEvidenceSchema } from './attendance.ts';
import { LearningPlanEvidenceSchema } from './learning-plan.ts';
import { Uuid7Schema } from './ids.ts';
import { MultiLineText } from './text.ts';

/**
 * One indicator's self-score and evidence note. The score is checked only for being a number here:
 * its bounds come from the criteria set, so the service checks them and answers with a stable code.
 */
export const AnswerSchema = v.strictObject({
  indicatorId: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  score: v.number(),
  note: v.optional(MultiLineText(0, 1000)),
  /** In an assisted session: the villager confirmed this answer herself. */
  confirmed: v.optional(v.boolean()),
});
export type Answer = v.InferOutput<typeof AnswerSchema>;

export const assessmentStatuses = ['draft', 'submitted'] as const;

/** The tablet's whole view of an assessment, sent on every save; the box keeps revisions. */
export const PutAssessmentSchema = v.strictObject({
  personId: Uuid7Schema,
  criteriaSetId: v.string(),
  criteriaSetVersion: v.string(),
  group: v.string(),
  answers: v.pipe(v.array(AnswerSchema), v.maxLength(50)),
  status: v.picklist(assessmentStatuses),
  /** Staff id of the facilitator who assisted (assisted mode), absent when she did it alone. */
  assistedBy: v.optional(Uuid7Schema),
});
export type PutAssessment = v.InferOutput<typeof PutAssessmentSchema>;

export const ShortfallSchema = v.variant('kind', [
  v.object({ kind: v.literal('indicator-missing'), indicatorId: v.string() }),
  v.object({ kind: v.literal('indicator-below-min'), indicatorId: v.string(), score: v.number(), min: v.number() }),
  v.object({ kind: v.literal('total-below-pass'), total: v.number(), pass: v.number(), needed: v.number() }),
]);

export const EvidenceViewSchema = v.object({
  id: Uuid7Schema,
  indicatorId: v.string(),
  kind: v.picklist(['photo']),
  sha256: v.string(),
  bytes: v.number(),
});
export type EvidenceView = v.InferOutput<typeof EvidenceViewSchema>;

/** The box's answer: the stored assessment and its provisional verdict. */
export const AssessmentViewSchema = v.object({
  id: Uuid7Schema,
  personId: Uuid7Schema,
  year: v.number(),
  criteriaSetId: v.string(),
  criteriaSetVersion: v.string(),
  group: v.string(),
  status: v.picklist(assessmentStatuses),
  answers: v.array(
    v.object({ indicatorId: v.string(), score: v.number(), note: v.nullable(v.string()), confirmed: v.boolean() }),
  ),
  assistedBy: v.nullable(v.string()),
  /** Set when the appraiser returned it for more evidence: shown to the villager next time. */
  returned: v.nullable(v.object({ message: v.string(), at: v.string() })),
  evidence: v.array(EvidenceViewSchema),
  revision: v.number(),
  submittedAt: v.nullable(v.string()),
  verdict: v.object({ total: v.number(), recognized: v.boolean(), shortfalls: v.array(ShortfallSchema) }),
  /** Evidence for CS05: the person's latest digital-skills self-check of the same year, if any. */
  digitalCheck: v.optional(
    v.nullable(
      v.object({
        attemptId: v.string(),
        finishedAt: v.string(),
        level: v.string(),
        hasDigitalSkills: v.boolean(),
        proficient: v.boolean(),
      }),
    ),
  ),
  /** Evidence for CS03: the class sessions the person attended at the center in the same year, if any. */
  attendance: v.optional(v.nullable(AttendanceEvidenceSchema)),
  /** Evidence for CS02: the person's latest personal learning plan of the same year, if any. */
  learningPlan: v.optional(v.nullable(LearningPlanEvidenceSchema)),
});
export type AssessmentView = v.InferOutput<typeof AssessmentViewSchema>;

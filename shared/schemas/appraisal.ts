import * as v from 'valibot';
import { AssessmentViewSchema, ShortfallSchema } from './assessment.ts';
import { MultiLineText } from './text.ts';

/** The appraiser's score for one indicator; a reason is required where it differs from the self-score. */
export const AppraisedScoreSchema = v.strictObject({
  indicatorId: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
  score: v.number(),
  reason: v.optional(MultiLineText(0, 500)),
});

export const SaveAppraisalSchema = v.strictObject({ scores: v.pipe(v.array(AppraisedScoreSchema), v.maxLength(50)) });
export type SaveAppraisal = v.InferOutput<typeof SaveAppraisalSchema>;

export const ReturnAppraisalSchema = v.strictObject({ message: MultiLineText(3, 500) });
export const ReopenAppraisalSchema = v.strictObject({ reason: MultiLineText(3, 500) });

const VerdictSchema = v.object({ total: v.number(), recognized: v.boolean(), shortfalls: v.array(ShortfallSchema) });

export const AppraisalViewSchema = v.object({
  status: v.picklist(['appraised', 'returned']),
  message: v.nullable(v.string()),
  locked: v.boolean(),
  appraiser: v.string(),
  updatedAt: v.string(),
  scores: v.array(v.object({ indicatorId: v.string(), score: v.number(), reason: v.nullable(v.string()) })),
  verdict: v.nullable(VerdictSchema),
});
export type AppraisalView = v.InferOutput<typeof AppraisalViewSchema>;

/** What the appraiser sees of one submission. */
export const AppraisalCaseSchema = v.object({
  person: v.object({ id: v.string(), code: v.string(), name: v.string(), birthYear: v.number(), village: v.string() }),
  assessment: AssessmentViewSchema,
  appraisal: v.nullable(AppraisalViewSchema),
  /** The commune declined this proposal, and why (from the downward feed); null when not. */
  declined: v.nullable(v.object({ reason: v.string(), on: v.string() })),
  /** The commune's decision recognizing her as CDHT for the assessment's year, once it has reached the center; null before. */
  recognized: v.nullable(v.object({ decisionNumber: v.string(), signedOn: v.string() })),
});
export type AppraisalCase = v.InferOutput<typeof AppraisalCaseSchema>;

export const QueueItemSchema = v.object({
  assessmentId: v.string(),
  personId: v.string(),
  name: v.string(),
  birthYear: v.number(),
  group: v.string(),
  status: v.picklist(['draft', 'submitted']),
  selfTotal: v.number(),
  appraisal: v.nullable(
    v.object({
      status: v.picklist(['appraised', 'returned']),
      total: v.nullable(v.number()),
      recognized: v.nullable(v.boolean()),
      locked: v.boolean(),
    }),
  ),
  /** Returned for more evidence and since changed by the villager. */
  resubmitted: v.boolean(),
});
export type QueueItem = v.InferOutput<typeof QueueItemSchema>;

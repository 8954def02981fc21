import * as v from 'valibot';
import { EvidenceViewSchema } from '../assessment.ts';
import { ModelCriteriaSetSchema } from '../model-criteria-set.ts';
import { ModelVerdictSchema } from './model-verdict.ts';

/** The household, clan, village or unit an assessment of one of the other titles is about. */
export const ModelSubjectViewSchema = v.object({
  kind: v.string(),
  id: v.string(),
  label: v.string(),
  village: v.nullable(v.string()),
});

const Answers = v.record(v.string(), v.union([v.number(), v.boolean()]));

/** A household's (clan's, village's, unit's) self-assessment as the box holds it. */
export const ModelAssessmentViewSchema = v.looseObject({
  id: v.string(),
  title: v.string(),
  subject: ModelSubjectViewSchema,
  year: v.number(),
  criteriaSetId: v.string(),
  criteriaSetVersion: v.string(),
  status: v.picklist(['draft', 'submitted']),
  answers: Answers,
  submittedAt: v.nullable(v.string()),
  verdict: ModelVerdictSchema,
  /** Photos of declared items (`indicatorId`: the item). */
  evidence: v.array(EvidenceViewSchema),
});
export type ModelAssessmentViewData = v.InferOutput<typeof ModelAssessmentViewSchema>;

/** The current year's assessment of a subject (or null), the set it goes by and its computed items so far. */
export const ModelStartSchema = v.object({
  assessment: v.nullable(ModelAssessmentViewSchema),
  set: ModelCriteriaSetSchema,
  subject: ModelSubjectViewSchema,
  year: v.number(),
  verdict: ModelVerdictSchema,
});
export type ModelStartData = v.InferOutput<typeof ModelStartSchema>;

/** A self-assessment with the village branch's appraisal of it (thẩm định), if begun. */
export const ModelAppraisalCaseSchema = v.object({
  assessment: ModelAssessmentViewSchema,
  set: ModelCriteriaSetSchema,
  appraisal: v.nullable(
    v.object({
      appraiser: v.string(),
      updatedAt: v.string(),
      locked: v.boolean(),
      answers: Answers,
      reasons: v.record(v.string(), v.string()),
      verdict: ModelVerdictSchema,
    }),
  ),
});
export type ModelAppraisalCaseData = v.InferOutput<typeof ModelAppraisalCaseSchema>;

/** One submitted self-assessment waiting for (or given) the village branch's appraisal. */
export const ModelQueueItemSchema = v.object({
  assessmentId: v.string(),
  title: v.string(),
  subject: ModelSubjectViewSchema,
  submittedAt: v.nullable(v.string()),
  selfPassed: v.boolean(),
  appraised: v.nullable(
    v.object({
      passed: v.boolean(),
      total: v.nullable(v.number()),
      level: v.nullable(v.number()),
    }),
  ),
});
export type ModelQueueItem = v.InferOutput<typeof ModelQueueItemSchema>;

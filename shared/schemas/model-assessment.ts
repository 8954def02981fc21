import * as v from 'valibot';
import { modelTitles } from './model-criteria-set.ts';
import { Uuid7Schema } from './ids.ts';
import { MultiLineText } from './text.ts';

/**
 * A self-assessment of a household, clan, village or unit against its title's criteria set: the
 * same assessment record as a person's (subject kind, subject id, title, year), answered item by
 * item. Declared items take a whole score (points sets) or met / not met (targets sets); computed
 * items are never sent: the box computes them from its registry.
 */
export const PutModelAssessmentSchema = v.strictObject({
  title: v.picklist(modelTitles),
  subjectId: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  criteriaSetId: v.pipe(v.string(), v.minLength(1)),
  criteriaSetVersion: v.pipe(v.string(), v.minLength(1)),
  answers: v.pipe(
    v.array(
      v.strictObject({
        itemId: v.pipe(v.string(), v.minLength(1)),
        value: v.union([v.pipe(v.number(), v.integer()), v.boolean()]),
      }),
    ),
    v.maxLength(200),
  ),
  status: v.picklist(['draft', 'submitted']),
  /** Staff id of the facilitator or officer at the screen, when one helped. */
  assistedBy: v.optional(Uuid7Schema),
});
export type PutModelAssessment = v.InferOutput<typeof PutModelAssessmentSchema>;

/**
 * The village branch's appraisal of a household's or clan's self-assessment: every declared item
 * scored (or marked met) again, with a reason wherever it differs from the self-assessment.
 */
export const SaveModelAppraisalSchema = v.strictObject({
  answers: v.pipe(
    v.array(
      v.strictObject({
        itemId: v.pipe(v.string(), v.minLength(1)),
        value: v.union([v.pipe(v.number(), v.integer()), v.boolean()]),
        reason: v.optional(MultiLineText(0, 500)),
      }),
    ),
    v.maxLength(200),
  ),
});
export type SaveModelAppraisal = v.InferOutput<typeof SaveModelAppraisalSchema>;

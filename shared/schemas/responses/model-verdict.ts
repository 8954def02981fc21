import * as v from 'valibot';
import type { ComputationName } from '../model-criteria-set.ts';

/**
 * A computed item's result as the box worked it out (ComputedResult in shared/domain/collective-titles/computations.ts).
 * The computation's name is the box's to give: taken as it is.
 */
const ComputedResultSchema = v.object({
  compute: v.custom<ComputationName>((x) => typeof x === 'string'),
  value: v.nullable(v.number()),
  numerator: v.nullable(v.number()),
  denominator: v.nullable(v.number()),
  atLeast: v.nullable(v.number()),
  met: v.boolean(),
  decisionsYear: v.nullable(v.number()),
  explanation: v.string(),
});

const ItemResultSchema = v.object({
  itemId: v.string(),
  criterionId: v.string(),
  source: v.picklist(['declared', 'computed']),
  points: v.nullable(v.number()),
  maxPoints: v.nullable(v.number()),
  level: v.nullable(v.number()),
  condition: v.boolean(),
  met: v.nullable(v.boolean()),
  computed: v.nullable(ComputedResultSchema),
});

const CriterionResultSchema = v.object({
  criterionId: v.string(),
  points: v.nullable(v.number()),
  maxPoints: v.nullable(v.number()),
  minPoints: v.nullable(v.number()),
  targetsMet: v.nullable(v.number()),
  targets: v.nullable(v.number()),
});

const ModelShortfallSchema = v.variant('kind', [
  v.object({ kind: v.literal('item-unanswered'), criterionId: v.string(), itemId: v.string() }),
  v.object({
    kind: v.literal('condition-not-met'),
    criterionId: v.string(),
    itemId: v.string(),
    explanation: v.nullable(v.string()),
  }),
  v.object({ kind: v.literal('criterion-below-min'), criterionId: v.string(), points: v.number(), min: v.number() }),
  v.object({ kind: v.literal('total-below-pass'), total: v.number(), pass: v.number(), needed: v.number() }),
  v.object({
    kind: v.literal('target-not-met'),
    criterionId: v.string(),
    itemId: v.string(),
    level: v.number(),
    explanation: v.nullable(v.string()),
  }),
]);

/**
 * A verdict of one of the other titles (households, clans, villages, units) as the box computes it
 * (ModelVerdict in shared/domain/collective-titles/verdict.ts, which it matches field for field).
 */
export const ModelVerdictSchema = v.object({
  kind: v.picklist(['points', 'targets']),
  total: v.nullable(v.number()),
  maxTotal: v.nullable(v.number()),
  band: v.nullable(v.object({ id: v.string(), label: v.string(), min: v.number() })),
  level: v.nullable(v.number()),
  levelLabel: v.nullable(v.string()),
  passed: v.boolean(),
  criteria: v.array(CriterionResultSchema),
  items: v.array(ItemResultSchema),
  shortfalls: v.array(ModelShortfallSchema),
});
export type ModelVerdictData = v.InferOutput<typeof ModelVerdictSchema>;

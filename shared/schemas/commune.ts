import * as v from 'valibot';
import { targetMeasures } from './dashboard.ts';
import { MultiLineText, OneLineText } from './text.ts';

/** What the commune officer enters on the hub: denominators, target adjustments, unit changes, declines. */

const Year = v.pipe(v.number(), v.integer(), v.minValue(2020), v.maxValue(2100));
const UnitName = OneLineText(2, 120);
const Reason = MultiLineText(3, 500);
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000));

/** The commune's totals entered per year (all clans; all agencies, schools, enterprises and organisations). */
export const populationTotalKinds = ['clans-total', 'units-total'] as const;
export type PopulationTotalKind = (typeof populationTotalKinds)[number];

/**
 * For a year: adults of a village (kind "village"), all households of a village (kind "households",
 * the denominator of the learning-family rate), or staff of a learning unit (kind "unit").
 */
export const PopulationInputSchema = v.variant('kind', [
  v.strictObject({
    kind: v.picklist(['village', 'households', 'unit']),
    name: UnitName,
    year: Year,
    count: Count,
  }),
  /**
   * For a year, the commune's totals: all clans (kind "clans-total"), all agencies, schools,
   * enterprises and other organisations (kind "units-total"), registered here or not: the
   * denominators of the clan and unit rates (decision 387/QĐ-TTg). A commune hub only.
   */
  v.strictObject({ kind: v.picklist(populationTotalKinds), year: Year, count: Count }),
]);
export type PopulationInput = v.InferOutput<typeof PopulationInputSchema>;

/** The officer's change to a year's target (share 0..1), with the reason kept in the trace. */
export const TargetAdjustmentInputSchema = v.strictObject({
  measure: v.picklist(targetMeasures),
  year: Year,
  value: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  reason: Reason,
});
export type TargetAdjustmentInput = v.InferOutput<typeof TargetAdjustmentInputSchema>;

/** A rename (one name in `from`) or a merge (several) of villages or centers into `to`, from a year on. */
export const UnitChangeInputSchema = v.strictObject({
  kind: v.picklist(['village', 'center']),
  from: v.pipe(v.array(UnitName), v.minLength(1), v.maxLength(10)),
  to: UnitName,
  year: Year,
});
export type UnitChangeInput = v.InferOutput<typeof UnitChangeInputSchema>;

/** The commune declines one proposal (an appraised, passing assessment) with a reason. */
export const DeclineInputSchema = v.strictObject({
  personId: v.string(),
  year: Year,
  reason: Reason,
});
export type DeclineInput = v.InferOutput<typeof DeclineInputSchema>;

/** The commune reopens one person's decided result: they leave the decision, and their appraisal unlocks below. */
export const ReopenInputSchema = v.strictObject({
  personId: v.string(),
  reason: Reason,
});
export type ReopenInput = v.InferOutput<typeof ReopenInputSchema>;

import type { TargetInForce, TargetMeasure, TargetStep } from '../schemas/dashboard.ts';

/** Target shares 0..1 per measure, keyed by anchor year, e.g. national `{ cdht: { '2025': 0.4, '2030': 0.6 } }`. */
export type TargetTable = Partial<Record<TargetMeasure, Readonly<Record<string, number>>>>;

/** A one-off change to the target of one measure and year, with who made it, when and why. */
export interface TargetAdjustment {
  measure: TargetMeasure;
  year: number;
  value: number;
  reason: string;
  by: string;
  /** ISO timestamp; the latest adjustment wins. */
  at: string;
}

/**
 * The share a table gives for `year`: the anchor year's value when there is one, a straight line
 * between the surrounding anchors (rounded to 4 decimals), the last anchor's value after it (targets
 * do not fall back), and null before the first anchor or without a table.
 */
export function layerValue(table: Readonly<Record<string, number>> | undefined, year: number): number | null {
  if (!table) return null;
  const anchors = Object.entries(table)
    .map(([key, value]) => ({ year: Number(key), value }))
    .filter((a) => Number.isFinite(a.year) && Number.isFinite(a.value))
    .sort((a, b) => a.year - b.year);
  const after = anchors.findIndex((a) => a.year >= year);
  if (after === -1) return anchors.at(-1)?.value ?? null;
  const next = anchors[after]!;
  if (next.year === year) return next.value;
  const prev = anchors[after - 1];
  if (!prev) return null;
  const value = prev.value + ((next.value - prev.value) * (year - prev.year)) / (next.year - prev.year);
  return Math.round(value * 10_000) / 10_000;
}

/**
 * The value in force given the trace: the local target is the latest adjustment, else the most
 * specific local layer with a value (the commune over the province); the national target is a
 * floor, so the higher of the national and the local one applies (a commune's older table or a
 * one-off adjustment never lowers a national target that has risen since; DOMAIN.md, "Rates").
 */
export function higherOfNationalAndLocal(trace: readonly TargetStep[]): number | null {
  const national = trace.find((step) => step.source === 'national')?.value ?? null;
  const adjusted = trace.findLast((step) => step.source === 'adjustment' && step.value !== null)?.value ?? null;
  const local = adjusted ?? trace.findLast((step) => step.source !== 'national' && step.value !== null)?.value ?? null;
  if (national === null) return local;
  if (local === null) return national;
  return Math.max(national, local);
}

/**
 * The target in force for a measure and year, with how it was arrived at: one step per layer (most
 * general first), then the adjustments for that measure and year in the order they were made. Both
 * the national and the local target stay in the trace (shown on the dashboard and in the report);
 * the value is the higher of the two (`higherOfNationalAndLocal`).
 */
export function targetInForce(
  measure: TargetMeasure,
  year: number,
  layers: { source: 'national' | 'province' | 'commune'; table: TargetTable }[],
  adjustments: TargetAdjustment[],
): TargetInForce {
  const trace: TargetStep[] = layers.map((layer) => ({
    source: layer.source,
    value: layerValue(layer.table[measure], year),
  }));
  const own = adjustments
    .filter((a) => a.measure === measure && a.year === year)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const a of own)
    trace.push({ source: 'adjustment', value: a.value, note: `${a.by}, ${a.at.slice(0, 10)}: ${a.reason}` });
  return { measure, value: higherOfNationalAndLocal(trace), trace };
}

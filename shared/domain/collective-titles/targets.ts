import type { TargetStep } from '../../schemas/dashboard.ts';
import { modelTargetMeasures, type ModelTargetMeasure } from '../../schemas/model-rates.ts';
import { higherOfNationalAndLocal, layerValue } from '../targets.ts';

/**
 * The national targets of the four other titles (387/QĐ-TTg and 677/QĐ-TTg): shares of families,
 * clans, communities (villages) and units recognized, and of workers in learning families, clans
 * and communities and of staff in learning units who are CDHT. Kept apart from the CDHT measures
 * (shared/schemas/dashboard.ts) so the CDHT dashboard's shapes stay as they are. The measures'
 * names are declared in shared/schemas/model-rates.ts (schemas never import domain code).
 */
export { modelTargetMeasures, type ModelTargetMeasure };

/** Target shares 0..1 per measure, keyed by anchor year, e.g. `{ families: { '2025': 0.7, '2030': 0.8 } }`. */
export type ModelTargetTable = Partial<Record<ModelTargetMeasure, Readonly<Record<string, number>>>>;

export interface ModelTargetInForce {
  measure: ModelTargetMeasure;
  value: number | null;
  trace: TargetStep[];
}

/**
 * The target in force for a measure and year, most general layer first: the higher of the national
 * and the local one (as shared/domain/targets.ts does for CDHT, straight lines between anchor years).
 */
export function modelTargetInForce(
  measure: ModelTargetMeasure,
  year: number,
  layers: readonly { source: 'national' | 'province' | 'commune'; table: ModelTargetTable }[],
): ModelTargetInForce {
  const trace: TargetStep[] = layers.map((layer) => ({
    source: layer.source,
    value: layerValue(layer.table[measure], year),
  }));
  return { measure, value: higherOfNationalAndLocal(trace), trace };
}

/** Every measure's target in force for a year. */
export function modelTargetsFor(
  year: number,
  layers: readonly { source: 'national' | 'province' | 'commune'; table: ModelTargetTable }[],
): Record<ModelTargetMeasure, number | null> {
  return Object.fromEntries(modelTargetMeasures.map((m) => [m, modelTargetInForce(m, year, layers).value])) as Record<
    ModelTargetMeasure,
    number | null
  >;
}

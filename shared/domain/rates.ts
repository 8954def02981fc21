import { countKeys, type Counts, type RateFigure, type TargetMeasure } from '../schemas/dashboard.ts';

/** Counts of zero for every key. */
export function emptyCounts(): Counts {
  return Object.fromEntries(countKeys.map((key) => [key, 0])) as Record<keyof Counts, number>;
}

/** Key-by-key sum of two counts. */
export function addCounts(a: Counts, b: Counts): Counts {
  return Object.fromEntries(countKeys.map((key) => [key, a[key] + b[key]])) as Record<keyof Counts, number>;
}

/**
 * numerator / denominator against a target. The rate is null when the denominator is unknown or 0
 * (never NaN or Infinity) and is not clamped: more recognized than the entered population shows above 100 %.
 */
export function rateFigure(numerator: number, denominator: number | null, target: number | null): RateFigure {
  const rate = denominator === null || denominator === 0 ? null : numerator / denominator;
  const met = rate === null || target === null ? null : rate >= target;
  return { numerator, denominator, rate, target, met };
}

/**
 * The three tracked rates of a row, as the national targets put them: CDHT = recognized of the adults
 * (population), digital = with digital skills of the recognized, proficient = proficient of the digital.
 */
export function rowRates(
  counts: Counts,
  population: number | null,
  targets: Record<TargetMeasure, number | null>,
): Record<TargetMeasure, RateFigure> {
  return {
    cdht: rateFigure(counts.recognized, population, targets.cdht),
    digital: rateFigure(counts.digital, counts.recognized, targets.digital),
    proficient: rateFigure(counts.proficient, counts.digital, targets.proficient),
  };
}

const byVi = (a: string, b: string) => a.localeCompare(b, 'vi');

/**
 * Sums rows whose names resolve to the same current name (merged or renamed units). Population is the
 * sum of the known populations, null when none is known; `parts` are the distinct original names.
 * Sorted by name (Vietnamese collation).
 */
export function mergeUnits<T extends { name: string; counts: Counts; population: number | null }>(
  rows: T[],
  resolve: (name: string) => string,
): { name: string; counts: Counts; population: number | null; parts: string[] }[] {
  const merged = new Map<string, { counts: Counts; population: number | null; parts: Set<string> }>();
  for (const row of rows) {
    const name = resolve(row.name);
    const into = merged.get(name) ?? { counts: emptyCounts(), population: null, parts: new Set<string>() };
    into.counts = addCounts(into.counts, row.counts);
    if (row.population !== null) into.population = (into.population ?? 0) + row.population;
    into.parts.add(row.name);
    merged.set(name, into);
  }
  return [...merged]
    .map(([name, { counts, population, parts }]) => ({ name, counts, population, parts: [...parts].sort(byVi) }))
    .sort((a, b) => byVi(a.name, b.name));
}

/** Every year from the earliest to the latest of `years`, ascending, with `empty()` for years not in `byYear`. */
export function fillYears<T>(years: number[], byYear: Map<number, T>, empty: () => T): { year: number; value: T }[] {
  if (years.length === 0) return [];
  const first = years.reduce((a, b) => Math.min(a, b));
  const last = years.reduce((a, b) => Math.max(a, b));
  const filled: { year: number; value: T }[] = [];
  for (let year = first; year <= last; year++)
    filled.push({ year, value: byYear.has(year) ? (byYear.get(year) as T) : empty() });
  return filled;
}

/** A rate as a Vietnamese percentage with one decimal: 0.4567 → "45,7 %"; unknown → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1).replace('.', ',')} %`;
}

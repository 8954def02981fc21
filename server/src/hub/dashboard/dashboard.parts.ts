/**
 * What the commune's and the province's dashboards (dashboard.service.ts,
 * province-dashboard.service.ts) are both made of: rows named after merges and renames, with their
 * rates against the targets in force (the pure functions of shared/domain/rates.ts and targets.ts).
 */
import { localTarget } from '../../../../shared/domain/cdht-rates.ts';
import { mergeUnits, rateFigure, rowRates } from '../../../../shared/domain/rates.ts';
import { targetInForce, type TargetAdjustment } from '../../../../shared/domain/targets.ts';
import type { UnitChange } from '../../../../shared/domain/units.ts';
import {
  targetMeasures,
  type Counts,
  type Dashboard,
  type DashboardRow,
  type TargetInForce,
  type TargetMeasure,
} from '../../../../shared/schemas/dashboard.ts';
import type { Deps } from '../../http/context.ts';
import { targetAdjustments, unitChangeRows, type SumRules } from './dashboard.repository.ts';

export type DashboardDeps = Pick<Deps, 'db' | 'config' | 'criteria' | 'now'>;

/** What the dashboard's sums count as digital and outstanding, from the settings. */
export const sumRules = (deps: DashboardDeps): SumRules => ({
  digitalMin: deps.config.settings['digital.minScore'],
  outstandingYears: deps.config.settings['recognition.outstandingYears'],
});

export interface Part {
  name: string;
  counts: Counts;
  population: number | null;
}

export function rowsOf(
  parts: Part[],
  resolve: (n: string) => string,
  former: (n: string) => string[],
  targets: Record<TargetMeasure, number | null>,
): DashboardRow[] {
  return mergeUnits(parts, resolve).map((m) => ({
    name: m.name,
    formerNames: former(m.name),
    counts: m.counts,
    population: m.population,
    rates: rowRates(m.counts, m.population, targets),
  }));
}

/** Group ids → their titles in the year's criteria set (and in every set known, for older ids). */
export function groupTitles(deps: DashboardDeps, year: number): (id: string) => string {
  const titles = new Map<string, string>();
  for (const set of [...deps.config.criteriaSets, deps.criteria.forYear(year)])
    for (const g of set.groups) titles.set(g.id, g.title);
  return (id) => titles.get(id) ?? id;
}

/** The merges and renames of villages and centers the officer recorded, in order (shared/domain/units.ts). */
export async function unitChanges(deps: Pick<DashboardDeps, 'db'>): Promise<UnitChange[]> {
  const rows = await unitChangeRows(deps.db);
  return rows.map((r) => ({ kind: r.kind, from: r.from_name, to: r.to_name, year: r.year, at: r.at }));
}

/** The targets in force for `year`: national, province's and (on a commune hub) commune's, then the officer's adjustments. */
export async function targetsFor(deps: DashboardDeps, year: number): Promise<TargetInForce[]> {
  const rows = await targetAdjustments(deps.db, year);
  const adjustments: TargetAdjustment[] = rows.map((r) => ({
    measure: r.measure as TargetMeasure,
    year: r.year,
    value: Number(r.value),
    reason: r.reason,
    by: r.by_name,
    at: r.at,
  }));
  const { national, province, commune } = deps.config.targets;
  const layers = [
    { source: 'national' as const, table: national },
    { source: 'province' as const, table: province },
    ...(deps.config.settings['hub.level'] === 'commune' ? [{ source: 'commune' as const, table: commune }] : []),
  ];
  return targetMeasures.map((m) => targetInForce(m, year, layers, adjustments));
}

/**
 * The targets a row's rates are measured against. A row's CDHT rate is over all adults 15+ (the
 * population entered for the place), so it goes by the commune's (or province's) own target alone,
 * none when it set none: the target in force is decision 677's, a share of the adults in learning
 * families, clans and communities (shared/domain/cdht-rates.ts, shown only on the headline).
 */
export const targetValues = (t: TargetInForce[]): Record<TargetMeasure, number | null> =>
  Object.fromEntries(t.map((x) => [x.measure, x.measure === 'cdht' ? localTarget(x.trace) : x.value])) as Record<
    TargetMeasure,
    number | null
  >;

/** Each place's rate of Learning Citizens year by year, from its recognized and the adults entered for it. */
export function trendOf(
  places: DashboardRow[],
  years: number[],
  targetsByYear: Map<number, TargetInForce[]>,
  of: (year: number, name: string) => { recognized: number; entered: number[] },
): Dashboard['placeTrend'] {
  return places.map((place) => ({
    name: place.name,
    points: years.map((y) => {
      const { recognized, entered } = of(y, place.name);
      const population = entered.length === 0 ? null : entered.reduce((sum, c) => sum + c, 0);
      return { year: y, ...rateFigure(recognized, population, targetValues(targetsByYear.get(y) ?? []).cdht ?? null) };
    }),
  }));
}

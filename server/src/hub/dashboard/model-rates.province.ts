/**
 * A province hub's view of the four other titles: one row per commune, summed from the
 * ModelAggregateV1 each commune relayed for the year (numbers only), against the model targets.
 */
import { rateFigure } from '../../../../shared/domain/rates.ts';
import type { VillageNames } from '../../../../shared/domain/collective-titles/model-registry.ts';
import type { ModelTargetMeasure } from '../../../../shared/domain/collective-titles/targets.ts';
import { foldName, unitResolver } from '../../../../shared/domain/units.ts';
import { modelTitles } from '../../../../shared/schemas/model-criteria-set.ts';
import type { ModelCountsView, ModelRateRowView, ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import type { ModelAggregateV1 } from '../../../../shared/sync/messages.ts';
import { unitChanges } from './dashboard.parts.ts';
import { recordsOf } from './dashboard.repository.ts';
import { targetsOf, targetValues, trendYears, type ModelRatesDeps } from './model-rates.commune.ts';

const addCounts = (a: ModelCountsView, b: ModelCountsView): ModelCountsView => ({
  registered: a.registered + b.registered,
  assessed: a.assessed + b.assessed,
  recognized: a.recognized + b.recognized,
});
const zero = (): ModelCountsView => ({ registered: 0, assessed: 0, recognized: 0 });
const addKnown = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);
/** A total over communes is known only when every commune entered its own. */
const addAll = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);

interface Sums {
  families: ModelCountsView;
  clans: ModelCountsView;
  communities: ModelCountsView;
  units: ModelCountsView;
  households: number | null;
  adults: number | null;
  workers: { n: number; d: number | null };
  staff: { n: number; d: number | null };
  /** All clans and all units of the communes as they entered them (null when any did not). */
  totals: { clans: number | null; units: number | null };
}
const emptySums = (): Sums => ({
  families: zero(),
  clans: zero(),
  communities: zero(),
  units: zero(),
  households: null,
  adults: null,
  workers: { n: 0, d: null },
  staff: { n: 0, d: null },
  totals: { clans: 0, units: 0 },
});
const addSums = (a: Sums, b: Sums): Sums => ({
  families: addCounts(a.families, b.families),
  clans: addCounts(a.clans, b.clans),
  communities: addCounts(a.communities, b.communities),
  units: addCounts(a.units, b.units),
  households: addKnown(a.households, b.households),
  adults: addKnown(a.adults, b.adults),
  workers: { n: a.workers.n + b.workers.n, d: addKnown(a.workers.d, b.workers.d) },
  staff: { n: a.staff.n + b.staff.n, d: addKnown(a.staff.d, b.staff.d) },
  totals: { clans: addAll(a.totals.clans, b.totals.clans), units: addAll(a.totals.units, b.totals.units) },
});

/** One commune's aggregate summed over its villages, its clans counted once. */
function sumsOf(m: ModelAggregateV1): Sums {
  let s = emptySums();
  for (const v of m.villages) {
    s = addSums(s, {
      families: v.families,
      clans: zero(),
      communities: v.communities,
      units: v.units,
      households: v.households,
      adults: v.adults,
      workers: { n: v.workers.recognized, d: v.workers.of },
      staff: { n: v.unitStaff.recognized, d: v.unitStaff.of },
      totals: { clans: 0, units: 0 },
    });
  }
  return { ...s, clans: m.communeClans, totals: { clans: m.totals?.clans ?? null, units: m.totals?.units ?? null } };
}

function rowOf(
  name: string,
  formerNames: string[],
  s: Sums,
  targets: Record<ModelTargetMeasure, number | null>,
): ModelRateRowView {
  return {
    name,
    formerNames,
    families: s.families,
    clans: s.clans,
    communities: s.communities,
    units: s.units,
    households: s.households,
    adults: s.adults,
    rates: {
      families: rateFigure(s.families.recognized, s.households, targets.families),
      clans: rateFigure(s.clans.recognized, s.totals.clans, targets.clans),
      communities: rateFigure(s.communities.recognized, s.communities.registered, targets.communities),
      units: rateFigure(s.units.recognized, s.totals.units, targets.units),
      workers: rateFigure(s.workers.n, s.workers.d, targets.workers),
      unitStaff: rateFigure(s.staff.n, s.staff.d, targets.unitStaff),
    },
  };
}

/** One year of a province: its communes' aggregates of that year summed per commune (by today's name), the province's total, and what ends per title. */
function provinceYear(
  aggregates: readonly ModelAggregateV1[],
  places: VillageNames,
): { rows: { name: string; sums: Sums }[]; total: Sums; expiring: Map<string, number> } {
  const byName = new Map<string, { name: string; sums: Sums }>();
  const expiring = new Map<string, number>();
  for (const m of aggregates) {
    const name = places.current(m.commune);
    const into = byName.get(foldName(name)) ?? { name, sums: emptySums() };
    into.sums = addSums(into.sums, sumsOf(m));
    byName.set(foldName(name), into);
    for (const e of m.expiring) expiring.set(e.title, (expiring.get(e.title) ?? 0) + e.count);
  }
  const rows = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { rows, total: rows.reduce((s, r) => addSums(s, r.sums), emptySums()), expiring };
}

/** The province's view: one row per commune, from the ModelAggregateV1 each relayed for the year; across the years, from each year's. */
export async function provinceView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  const records = await recordsOf(deps.db, 'model-aggregate');
  const all = records
    .map((r) => JSON.parse(r.payload) as ModelAggregateV1)
    .filter((m) => m.type === 'ModelAggregateV1');
  const places = unitResolver(await unitChanges(deps), 'village');
  const ofYear = (y: number) =>
    provinceYear(
      all.filter((m) => m.year === y),
      places,
    );
  const targets = targetsOf(deps, year);
  const values = targetValues(targets);
  const { rows, total, expiring } = ofYear(year);
  const totalRow = rowOf(deps.config.center.province, [], total, values);
  const first = all.length === 0 ? null : Math.min(...all.map((m) => m.year));
  const trend = trendYears(first, year).map((y) => ({
    year: y,
    row:
      y === year ? totalRow : rowOf(deps.config.center.province, [], ofYear(y).total, targetValues(targetsOf(deps, y))),
  }));
  return {
    level: 'province',
    scope: deps.config.center.province,
    year,
    targets,
    places: rows.map((r) => rowOf(r.name, places.former(r.name), r.sums, values)),
    total: totalRow,
    notes: [],
    validity: [],
    expiring: modelTitles.map((title) => ({ title, count: expiring.get(title) ?? 0 })),
    trend,
  };
}

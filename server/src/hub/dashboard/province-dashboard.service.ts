/**
 * The province hub's dashboard, over communes, from the aggregates they relayed (relay.ts on each
 * commune hub): counts per commune and group, the adults the communes entered (or the province
 * entered for them), the rates against the targets in force, and whether each commune reported on time.
 */
import { addCounts, emptyCounts, fillYears, rowRates } from '../../../../shared/domain/rates.ts';
import { unitResolver } from '../../../../shared/domain/units.ts';
import type { Counts, Dashboard, DashboardRow, TargetInForce } from '../../../../shared/schemas/dashboard.ts';
import type { CommuneAggregateV1, CommuneAggregateV2 } from '../../../../shared/sync/messages.ts';
import {
  groupTitles,
  rowsOf,
  targetsFor,
  targetValues,
  trendOf,
  unitChanges,
  type DashboardDeps,
  type Part,
} from './dashboard.parts.ts';
import * as repo from './dashboard.repository.ts';
import { reporting } from './reporting.ts';

type Aggregate = CommuneAggregateV1 | CommuneAggregateV2;

/** The province hub's dashboard, over communes, from the aggregates they relayed. */
export async function provinceDashboard(deps: DashboardDeps, year: number): Promise<Dashboard> {
  // Every read at once: on PostgreSQL each goes on a connection of its own.
  const [records, firstAt, changes, pops, nodes] = await Promise.all([
    repo.recordsOf(deps.db, 'aggregate'),
    repo.aggregatesFirstSeen(deps.db),
    unitChanges(deps),
    // Adults the province entered for a commune take the place of the sum the commune sent.
    repo.adultsEntered(deps.db),
    repo.nodesByName(deps.db),
  ]);
  const aggregates = records.map((r) => ({ origin: r.origin, id: r.record_id, m: JSON.parse(r.payload) as Aggregate }));
  const years = [...new Set([...aggregates.map((a) => a.m.year), year])].sort((a, b) => a - b);
  const places = unitResolver(changes, 'village');
  const targetsByYear = new Map<number, TargetInForce[]>(
    await Promise.all(years.map(async (y) => [y, await targetsFor(deps, y)] as const)),
  );
  const targets = targetsByYear.get(year)!;
  const values = targetValues(targets);

  // A group row's "registered" is who began the year's assessment in it (V1 named that "registered").
  const countsOfRow = (r: Aggregate['rows'][number]): Counts =>
    'started' in r
      ? {
          registered: r.started,
          selfAssessed: r.selfAssessed,
          appraised: r.appraised,
          recognized: r.recognized,
          digital: r.digital,
          proficient: r.proficient,
          outstanding: r.outstanding,
        }
      : {
          ...emptyCounts(),
          registered: r.registered,
          selfAssessed: r.selfAssessed,
          appraised: r.appraised,
          recognized: r.recognized,
        };
  const partsOf = (y: number) =>
    aggregates
      .filter((a) => a.m.year === y)
      .map((a) => {
        let counts = emptyCounts();
        for (const r of a.m.rows) counts = addCounts(counts, countsOfRow(r));
        let population: number | null = null;
        if (a.m.type === 'CommuneAggregateV2') {
          counts.registered = a.m.villages.reduce((sum, v) => sum + v.registered, 0);
          const entered = a.m.villages.filter((v) => v.adults !== null);
          population = entered.length === 0 ? null : entered.reduce((sum, v) => sum + (v.adults ?? 0), 0);
        }
        return { name: a.m.commune, counts, population };
      });
  // Each year's parts made once, and grouped by the commune's current name once: the trend asks for
  // every commune in every year (made again per commune, the work grew with the square of the communes).
  const partsByYear = new Map<number, Part[]>();
  const placeParts = (y: number): Part[] => {
    const made = partsByYear.get(y);
    if (made) return made;
    const entered = pops.filter((p) => p.year === y);
    const own = new Set(entered.map((p) => places.current(p.name)));
    const parts = [
      ...partsOf(y).map((p) => (own.has(places.current(p.name)) ? { ...p, population: null } : p)),
      ...entered.map((p) => ({ name: p.name, counts: emptyCounts(), population: p.count })),
    ];
    partsByYear.set(y, parts);
    return parts;
  };
  const namedByYear = new Map<number, Map<string, Part[]>>();
  const partsNamed = (y: number, name: string): Part[] => {
    let named = namedByYear.get(y);
    if (!named) {
      named = new Map();
      for (const p of placeParts(y)) {
        const current = places.current(p.name);
        const list = named.get(current);
        if (list) list.push(p);
        else named.set(current, [p]);
      }
      namedByYear.set(y, named);
    }
    return named.get(name) ?? [];
  };
  const byPlace = rowsOf(placeParts(year), places.current, places.former, values);
  const groupParts: Part[] = aggregates
    .filter((a) => a.m.year === year)
    // Recognitions imported from paper (group '') belong to no group.
    .flatMap((a) =>
      a.m.rows.filter((r) => r.group !== '').map((r) => ({ name: r.group, counts: countsOfRow(r), population: null })),
    );
  const byGroup = rowsOf(groupParts, groupTitles(deps, year), () => [], values);
  const totalOf = (y: number): DashboardRow => {
    const parts = placeParts(y);
    let counts = emptyCounts();
    for (const p of parts) counts = addCounts(counts, p.counts);
    const known = parts.filter((p) => p.population !== null);
    const population = known.length === 0 ? null : known.reduce((s, p) => s + (p.population ?? 0), 0);
    return {
      name: deps.config.center.province,
      formerNames: [],
      counts,
      population,
      rates: rowRates(counts, population, targetValues(targetsByYear.get(y) ?? targets)),
    };
  };
  const byYear = new Map(years.map((y) => [y, totalOf(y)]));
  const trend = fillYears(years, byYear, () => totalOf(-1)).map(({ year: y, value }) => ({ year: y, row: value }));
  const reports = new Map<string, Map<number, string>>();
  for (const a of aggregates) {
    const perNode = reports.get(a.origin) ?? new Map<number, string>();
    perNode.set(a.m.year, firstAt.get(a.id) ?? '');
    reports.set(a.origin, perNode);
  }
  const placeTrend = trendOf(byPlace, years, targetsByYear, (y, name) => {
    const parts = partsNamed(y, name);
    return {
      recognized: parts.reduce((sum, p) => sum + p.counts.recognized, 0),
      entered: parts.flatMap((p) => (p.population === null ? [] : [p.population])),
    };
  });
  return {
    level: 'province',
    scope: deps.config.center.province,
    year,
    years,
    total: byYear.get(year)!,
    byPlace,
    byCenter: [],
    byGroup,
    placeTrend,
    trend,
    targets,
    reporting: reporting(
      deps.now(),
      year,
      years,
      nodes.filter((n) => n.status === 'active').map((n) => ({ id: n.id, name: n.name, enrolledAt: n.enrolled_at })),
      { reports, models: new Map() },
      places.current,
      deps.config.settings['calendar.communeDeadline'],
    ),
  };
}

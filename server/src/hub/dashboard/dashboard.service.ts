/**
 * The commune's (or province's) dashboard: counts per unit and year aggregated in SQL from the
 * projection (dashboard.repository.ts), named after merges and renames, against the denominators
 * the officer entered and the targets in force; rates by the pure functions of shared/domain/rates.ts.
 * A province's comes from the aggregates its communes relayed (province-dashboard.service.ts).
 */
import { addCounts, emptyCounts, fillYears, rowRates } from '../../../../shared/domain/rates.ts';
import { unitResolver } from '../../../../shared/domain/units.ts';
import type { Counts, Dashboard, DashboardRow, TargetInForce } from '../../../../shared/schemas/dashboard.ts';
import {
  groupTitles,
  rowsOf,
  sumRules,
  targetsFor,
  targetValues,
  trendOf,
  unitChanges,
  type DashboardDeps,
  type Part,
} from './dashboard.parts.ts';
import * as repo from './dashboard.repository.ts';
import { provinceDashboard } from './province-dashboard.service.ts';
import { closedLists, reporting } from './reporting.ts';
import { reportDeadlines } from './report-deadlines.ts';
import { modelRatesView } from './model-rates.service.ts';
import type { ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { cdhtRates } from '../../../../shared/domain/cdht-rates.ts';

const n = (x: string | number | null | undefined): number => Number(x ?? 0);

/** Counts of one (year, village, center, group) cell; `started` = assessments begun in the group. */
export interface Cell {
  year: number;
  village: string;
  nodeId: string;
  group: string;
  started: number;
  selfAssessed: number;
  appraised: number;
  proposed: number;
  recognized: number;
  digital: number;
  proficient: number;
  outstanding: number;
}

interface Registered {
  year: number;
  village: string;
  nodeId: string;
  count: number;
}

/** Every cell of one year: one grouped query over the projection. */
async function cellsOf(deps: DashboardDeps, year: number): Promise<Cell[]> {
  const { scoring, indicators } = deps.criteria.forYear(year);
  const pass = {
    indicators: indicators.length,
    minPerIndicator: scoring.minPerIndicator,
    passTotal: scoring.passTotal,
  };
  const rows = await repo.yearSums(deps.db, year, sumRules(deps), pass);
  const imported = (await repo.importedRecognized(deps.db, year)).map((r) => importedCell(year, r));
  const assessed = rows.map((r) => ({
    year,
    village: String(r.village),
    nodeId: String(r.node_id),
    group: String(r.grp),
    started: n(r.started),
    selfAssessed: n(r.self_assessed),
    appraised: n(r.appraised),
    proposed: n(r.proposed),
    recognized: n(r.recognized),
    digital: n(r.digital),
    proficient: n(r.proficient),
    outstanding: n(r.outstanding),
  }));
  return [...assessed, ...imported];
}

/**
 * A cell of Learning Citizens recognized on paper (imported, hub/history/) that no recognized
 * assessment counts: recognized only, in no group, at the matched person's center ('' while unmatched).
 */
const importedCell = (year: number, r: { village: string; node_id: string; n: number }): Cell => ({
  year,
  village: r.village,
  nodeId: r.node_id,
  group: '',
  started: 0,
  selfAssessed: 0,
  appraised: 0,
  proposed: 0,
  recognized: r.n,
  digital: 0,
  proficient: 0,
  outstanding: 0,
});

/**
 * Every year's counts per village (without registered), in one grouped query: summed for the
 * commune's trend, and kept per village for each village's rate across the years.
 */
async function yearVillageTotals(deps: DashboardDeps): Promise<{ year: number; village: string; counts: Counts }[]> {
  const rows = await repo.yearVillageSums(deps.db, sumRules(deps));
  const imported = (await repo.importedRecognized(deps.db, null)).map((r) => ({
    year: r.year,
    village: r.village,
    counts: { ...emptyCounts(), recognized: r.n },
  }));
  const assessed = rows.map((r) => ({
    year: n(r.year),
    village: String(r.village),
    counts: {
      registered: 0,
      selfAssessed: n(r.self_assessed),
      appraised: n(r.appraised),
      recognized: n(r.recognized),
      digital: n(r.digital),
      proficient: n(r.proficient),
      outstanding: n(r.outstanding),
    },
  }));
  return [...assessed, ...imported];
}

type Registrations = Awaited<ReturnType<typeof repo.registrations>>;

/** People registered per village and center by the end of each year (cumulative). */
function registeredBy(rows: Registrations, years: number[]): Registered[] {
  const out: Registered[] = [];
  for (const year of years) {
    const acc = new Map<string, Registered>();
    for (const r of rows) {
      if (Number(r.registered_year) > year) continue;
      const key = `${r.village}\u0000${r.node_id}`;
      const cur = acc.get(key) ?? { year, village: r.village, nodeId: r.node_id, count: 0 };
      cur.count += Number(r.n);
      acc.set(key, cur);
    }
    out.push(...acc.values());
  }
  return out;
}

/** Counts, per (year, village, group), of the whole commune: what the relay sends to the province. */
export async function communeCells(
  deps: DashboardDeps,
): Promise<{ cells: Cell[]; registered: Registered[]; years: number[] }> {
  const [years, rows] = await Promise.all([repo.assessmentYears(deps.db), repo.registrations(deps.db)]);
  const cells = (await Promise.all(years.map((y) => cellsOf(deps, y)))).flat();
  return { cells, registered: registeredBy(rows, years), years };
}

const countsOf = (c: Cell): Counts => ({
  registered: 0,
  selfAssessed: c.selfAssessed,
  appraised: c.appraised,
  recognized: c.recognized,
  digital: c.digital,
  proficient: c.proficient,
  outstanding: c.outstanding,
});

/** The commune hub's dashboard for `year`, and across every year on record. */
export async function communeDashboard(deps: DashboardDeps, year: number): Promise<Dashboard> {
  // Every read at once: on PostgreSQL each goes on a connection of its own.
  const [perVillage, yearCells, registrations, nodes, changes, pops, lists] = await Promise.all([
    yearVillageTotals(deps),
    cellsOf(deps, year),
    repo.registrations(deps.db),
    repo.nodesByName(deps.db),
    unitChanges(deps),
    repo.adultsEntered(deps.db),
    closedLists(deps.db),
  ]);
  const totals = new Map<number, Counts>();
  for (const v of perVillage) totals.set(v.year, addCounts(totals.get(v.year) ?? emptyCounts(), v.counts));
  const years = [...new Set([...totals.keys(), year])].sort((a, b) => a - b);
  const registered = registeredBy(registrations, years);
  const regNow = registered.filter((r) => r.year === year);
  const nodeName = new Map(nodes.map((n) => [n.id, n.name]));
  const villages = unitResolver(changes, 'village');
  const centerNames = unitResolver(changes, 'center');

  const targetsByYear = new Map<number, TargetInForce[]>(
    await Promise.all(years.map(async (y) => [y, await targetsFor(deps, y)] as const)),
  );
  const targets = targetsByYear.get(year)!;
  const values = targetValues(targets);

  // Villages: registered people and the year's assessments; population entered per (old or new) name.
  const villageParts: Part[] = [];
  for (const r of regNow)
    villageParts.push({ name: r.village, counts: { ...emptyCounts(), registered: r.count }, population: null });
  for (const c of yearCells) villageParts.push({ name: c.village, counts: countsOf(c), population: null });
  for (const p of pops.filter((x) => x.year === year))
    villageParts.push({ name: p.name, counts: emptyCounts(), population: p.count });
  const byPlace = rowsOf(villageParts, villages.current, villages.former, values);

  const centerParts: Part[] = [];
  for (const r of regNow)
    centerParts.push({
      name: nodeName.get(r.nodeId) ?? r.nodeId,
      counts: { ...emptyCounts(), registered: r.count },
      population: null,
    });
  // A paper recognition not matched with anyone registered yet belongs to no center.
  for (const c of yearCells.filter((x) => x.nodeId !== ''))
    centerParts.push({ name: nodeName.get(c.nodeId) ?? c.nodeId, counts: countsOf(c), population: null });
  const byCenter = rowsOf(centerParts, centerNames.current, centerNames.former, values);

  // Paper recognitions (group '') belong to no group.
  const groupParts: Part[] = yearCells
    .filter((c) => c.group !== '')
    .map((c) => ({
      name: c.group,
      counts: { ...countsOf(c), registered: c.started },
      population: null,
    }));
  const byGroup = rowsOf(groupParts, groupTitles(deps, year), () => [], values);

  const totalOf = (y: number): DashboardRow => {
    const counts = { ...(totals.get(y) ?? emptyCounts()) };
    counts.registered = registered.filter((r) => r.year === y).reduce((s, r) => s + r.count, 0);
    const entered = pops.filter((p) => p.year === y);
    const population = entered.length === 0 ? null : entered.reduce((s, p) => s + p.count, 0);
    return {
      name: deps.config.center.commune,
      formerNames: [],
      counts,
      population,
      rates: rowRates(counts, population, targetValues(targetsByYear.get(y) ?? targets)),
    };
  };
  const byYear = new Map(years.map((y) => [y, totalOf(y)]));
  const trend = fillYears(years, byYear, () => totalOf(-1)).map(({ year: y, value }) => ({ year: y, row: value }));

  const placeTrend = trendOf(byPlace, years, targetsByYear, (y, name) => ({
    recognized: perVillage
      .filter((r) => r.year === y && villages.current(r.village) === name)
      .reduce((sum, r) => sum + r.counts.recognized, 0),
    entered: pops.filter((p) => p.year === y && villages.current(p.name) === name).map((p) => p.count),
  }));
  return {
    level: 'commune',
    scope: deps.config.center.commune,
    year,
    years,
    total: byYear.get(year)!,
    byPlace,
    byCenter,
    byGroup,
    placeTrend,
    trend,
    targets,
    reporting: reporting(
      deps.now(),
      year,
      years,
      nodes.filter((n) => n.status === 'active').map((n) => ({ id: n.id, name: n.name, enrolledAt: n.enrolled_at })),
      lists,
      centerNames.current,
      deps.config.settings['calendar.centerDeadline'],
    ),
  };
}

/**
 * The dashboard this hub shows: over villages for a commune, over communes for a province; with the
 * CDHT rate of decision 677 (its adults from the four other titles' rates) beside the rate over all adults.
 */
export async function dashboard(deps: DashboardDeps, year: number, models?: ModelRatesView): Promise<Dashboard> {
  // The four other titles' view, when the caller has made it already (the yearly report prints it too).
  const [board, view] = await Promise.all([
    deps.config.settings['hub.level'] === 'province' ? provinceDashboard(deps, year) : communeDashboard(deps, year),
    models ?? modelRatesView(deps, year),
  ]);
  const learners = view.total.rates.workers;
  const target = board.targets.find((t) => t.measure === 'cdht');
  return {
    ...board,
    reportDeadlines: reportDeadlines(deps.config.settings, deps.now(), year),
    cdhtRates: cdhtRates(board.total.counts.recognized, board.total.population, learners, target),
  };
}

/** The public recognition list of a year: name and village of people recognized who agreed to appear on it. */
export async function publicRecognitionList(
  deps: DashboardDeps,
  year: number,
): Promise<{ name: string; village: string }[]> {
  const rows = await repo.publicListEntries(deps.db, year);
  const villages = unitResolver(await unitChanges(deps), 'village');
  return rows
    .map((r) => ({ name: r.name, village: villages.current(r.village) }))
    .sort((a, b) => a.village.localeCompare(b.village, 'vi') || a.name.localeCompare(b.name, 'vi'));
}

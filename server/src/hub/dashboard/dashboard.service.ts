import { sql } from 'kysely';
import { addCounts, emptyCounts, fillYears, mergeUnits, rateFigure, rowRates } from '../../../../shared/domain/rates.ts';
import { targetInForce, type TargetAdjustment } from '../../../../shared/domain/targets.ts';
import { unitResolver, type UnitChange } from '../../../../shared/domain/units.ts';
import { vietnamDate } from '../../../../shared/domain/vietnam-time.ts';
import {
  targetMeasures, type CenterReporting, type Counts, type Dashboard, type DashboardRow, type TargetInForce, type TargetMeasure,
} from '../../../../shared/schemas/dashboard.ts';
import type { CommuneAggregateV1, CommuneAggregateV2 } from '../../../../shared/sync/messages.ts';
import type { Deps } from '../../http/context.ts';

/**
 * The commune's (or province's) dashboard: counts per unit and year aggregated in SQL from the
 * projection (facts.ts), named after merges and renames, against the denominators the officer
 * entered and the targets in force; rates by the pure functions of shared/domain/rates.ts.
 */

type DashboardDeps = Pick<Deps, 'db' | 'config' | 'criteria' | 'now'>;
const TITLE = 'cdht';

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

interface Registered { year: number; village: string; nodeId: string; count: number }

/** Years with any Learning Citizen assessment, ascending. */
async function dataYears(deps: DashboardDeps): Promise<number[]> {
  const rows = await deps.db.selectFrom('hub_assessment').select('year').distinct().execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

/**
 * The sums every count is made of, over rows of hub_assessment `a` (recognized and streak kept by
 * facts.ts). Digital skills and proficiency come from the person's latest self-check of the year;
 * without one, from the appraised CS05 score (≥ digital.minScore) and, for proficient, having
 * completed the self-assessment unassisted.
 */
function sums(deps: DashboardDeps) {
  const streak = deps.config.settings['recognition.outstandingYears'];
  const digitalMin = deps.config.settings['digital.minScore'];
  return sql`count(*) as started,
      sum(a.submitted) as self_assessed,
      sum(case when a.submitted = 1 and a.appraised = 1 then 1 else 0 end) as appraised,
      sum(a.recognized) as recognized,
      sum(case when a.recognized = 1 and (a.check_digital = 1 or (a.check_digital is null and a.digital_score >= ${digitalMin})) then 1 else 0 end) as digital,
      sum(case when a.recognized = 1 and (a.check_proficient = 1 or (a.check_digital is null and a.digital_score >= ${digitalMin} and a.assisted = 0)) then 1 else 0 end) as proficient,
      sum(case when a.streak >= ${streak} then 1 else 0 end) as outstanding`;
}

type SumRow = Record<string, string | number | null>;
const n = (x: string | number | null | undefined): number => Number(x ?? 0);

/** Every cell of one year: one grouped query over the projection. */
async function cellsOf(deps: DashboardDeps, year: number): Promise<Cell[]> {
  const { scoring, indicators } = deps.criteria.forYear(year);
  const { rows } = await sql<SumRow>`
    select a.village, a.node_id, a.grp, ${sums(deps)},
      sum(case when a.submitted = 1 and a.appraised = 1 and a.appraised_count >= ${indicators.length}
        and a.appraised_min >= ${scoring.minPerIndicator} and a.appraised_total >= ${scoring.passTotal} then 1 else 0 end) as proposed
    from hub_assessment a
    where a.year = ${year}
    group by a.village, a.node_id, a.grp`.execute(deps.db);
  return rows.map((r) => ({
    year, village: String(r.village), nodeId: String(r.node_id), group: String(r.grp),
    started: n(r.started), selfAssessed: n(r.self_assessed), appraised: n(r.appraised), proposed: n(r.proposed),
    recognized: n(r.recognized), digital: n(r.digital), proficient: n(r.proficient), outstanding: n(r.outstanding),
  }));
}

/**
 * Every year's counts per village (without registered), in one grouped query: summed for the
 * commune's trend, and kept per village for each village's rate across the years.
 */
async function yearVillageTotals(deps: DashboardDeps): Promise<{ year: number; village: string; counts: Counts }[]> {
  const { rows } = await sql<SumRow>`select a.year, a.village, ${sums(deps)} from hub_assessment a group by a.year, a.village`.execute(deps.db);
  return rows.map((r) => ({
    year: n(r.year), village: String(r.village), counts: {
      registered: 0, selfAssessed: n(r.self_assessed), appraised: n(r.appraised), recognized: n(r.recognized),
      digital: n(r.digital), proficient: n(r.proficient), outstanding: n(r.outstanding),
    },
  }));
}

/** People registered per village and center by the end of each year (cumulative). */
async function registeredBy(deps: DashboardDeps, years: number[]): Promise<Registered[]> {
  const rows = await deps.db.selectFrom('hub_person')
    .select(['village', 'node_id', 'registered_year', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['village', 'node_id', 'registered_year']).execute();
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
export async function communeCells(deps: DashboardDeps): Promise<{ cells: Cell[]; registered: Registered[]; years: number[] }> {
  const years = await dataYears(deps);
  const cells = (await Promise.all(years.map((y) => cellsOf(deps, y)))).flat();
  return { cells, registered: await registeredBy(deps, years), years };
}

const countsOf = (c: Cell): Counts => ({
  registered: 0, selfAssessed: c.selfAssessed, appraised: c.appraised, recognized: c.recognized,
  digital: c.digital, proficient: c.proficient, outstanding: c.outstanding,
});

interface Part { name: string; counts: Counts; population: number | null }

function rowsOf(parts: Part[], resolve: (n: string) => string, former: (n: string) => string[], targets: Record<TargetMeasure, number | null>): DashboardRow[] {
  return mergeUnits(parts, resolve).map((m) => ({
    name: m.name, formerNames: former(m.name), counts: m.counts, population: m.population,
    rates: rowRates(m.counts, m.population, targets),
  }));
}

/** Group ids → their titles in the year's criteria set (and in every set known, for older ids). */
function groupTitles(deps: DashboardDeps, year: number): (id: string) => string {
  const titles = new Map<string, string>();
  for (const set of [...deps.config.criteriaSets, deps.criteria.forYear(year)]) for (const g of set.groups) titles.set(g.id, g.title);
  return (id) => titles.get(id) ?? id;
}

/** The merges and renames of villages and centers the officer recorded, in order (shared/domain/units.ts). */
export async function unitChanges(deps: Pick<DashboardDeps, 'db'>): Promise<UnitChange[]> {
  const rows = await deps.db.selectFrom('hub_unit_change').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ kind: r.kind, from: r.from_name, to: r.to_name, year: r.year, at: r.at }));
}

async function targetsFor(deps: DashboardDeps, year: number): Promise<TargetInForce[]> {
  const rows = await deps.db.selectFrom('hub_target_adjustment').selectAll().where('year', '=', year).orderBy('id').execute();
  const adjustments: TargetAdjustment[] = rows.map((r) => ({ measure: r.measure as TargetMeasure, year: r.year, value: Number(r.value), reason: r.reason, by: r.by_name, at: r.at }));
  const { national, province, commune } = deps.config.targets;
  const layers = [{ source: 'national' as const, table: national }, { source: 'province' as const, table: province }, ...(deps.config.settings['hub.level'] === 'commune' ? [{ source: 'commune' as const, table: commune }] : [])];
  return targetMeasures.map((m) => targetInForce(m, year, layers, adjustments));
}

const targetValues = (t: TargetInForce[]): Record<TargetMeasure, number | null> =>
  Object.fromEntries(t.map((x) => [x.measure, x.value])) as Record<TargetMeasure, number | null>;

/** Each place's rate of Learning Citizens year by year, from its recognized and the adults entered for it. */
function trendOf(places: DashboardRow[], years: number[], targetsByYear: Map<number, TargetInForce[]>,
  of: (year: number, name: string) => { recognized: number; entered: number[] }): Dashboard['placeTrend'] {
  return places.map((place) => ({
    name: place.name,
    points: years.map((y) => {
      const { recognized, entered } = of(y, place.name);
      const population = entered.length === 0 ? null : entered.reduce((sum, c) => sum + c, 0);
      return { year: y, ...rateFigure(recognized, population, targetValues(targetsByYear.get(y) ?? []).cdht ?? null) };
    }),
  }));
}

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

type ModelListTitle = NonNullable<CenterReporting['models']>[number]['title'];
const modelListTitles: readonly ModelListTitle[] = ['gdht', 'dhht'];

/** The latest closing per node and year of the lists the nodes closed: CDHT (their report) and, apart, the other titles. */
interface ClosedLists {
  reports: Map<string, Map<number, string>>;
  models: Map<string, Map<number, Map<ModelListTitle, string>>>;
}

/**
 * Reads every proposal list the nodes closed. Only a CDHT list (ProposalListClosedV1, or a V2
 * titled 'cdht') is a village's report; a household's or clan's list (V2 with its title) is kept
 * apart, so it never stands in for a CDHT report.
 */
async function closedLists(deps: DashboardDeps): Promise<ClosedLists> {
  const rows = await deps.db.selectFrom('hub_record').select(['origin', 'payload']).where('record_kind', '=', 'proposal-list').execute();
  const out: ClosedLists = { reports: new Map(), models: new Map() };
  const later = (before: string | undefined, at: string) => !before || at > before;
  for (const r of rows) {
    const m = JSON.parse(r.payload) as { year?: unknown; closedAt?: unknown; title?: unknown };
    if (typeof m.year !== 'number' || typeof m.closedAt !== 'string') continue;
    const title = m.title ?? 'cdht';
    if (title === 'cdht') {
      const perNode = out.reports.get(r.origin) ?? new Map<number, string>();
      if (later(perNode.get(m.year), m.closedAt)) perNode.set(m.year, m.closedAt);
      out.reports.set(r.origin, perNode);
    } else if (modelListTitles.includes(title as ModelListTitle)) {
      const perNode = out.models.get(r.origin) ?? new Map<number, Map<ModelListTitle, string>>();
      const perYear = perNode.get(m.year) ?? new Map<ModelListTitle, string>();
      if (later(perYear.get(title as ModelListTitle), m.closedAt)) perYear.set(title as ModelListTitle, m.closedAt);
      perNode.set(m.year, perYear);
      out.models.set(r.origin, perNode);
    }
  }
  return out;
}

/** Merges two centers' model lists of a year: the latest closing per title, in title order. */
function mergeModels(a: CenterReporting['models'], b: CenterReporting['models']): CenterReporting['models'] {
  const latest = new Map<ModelListTitle, string>();
  for (const m of [...(a ?? []), ...(b ?? [])]) if (!latest.has(m.title) || m.reportedAt > latest.get(m.title)!) latest.set(m.title, m.reportedAt);
  const out = modelListTitles.filter((t) => latest.has(t)).map((title) => ({ title, reportedAt: latest.get(title)! }));
  return out.length === 0 ? undefined : out;
}

/** Whether the active nodes' reports (closing time per node and year) came by each year's deadline. */
function reporting(deps: DashboardDeps, year: number, years: number[], nodes: { id: string; name: string; enrolledAt: string }[],
  { reports, models }: ClosedLists, resolveCenter: (n: string) => string, deadlineMonthDay: string): Dashboard['reporting'] {
  const today = vietnamDate(deps.now());
  const deadlineOf = (y: number) => `${y}-${deadlineMonthDay}`;
  const centers = new Map<string, CenterReporting>();
  for (const node of nodes) {
    const sent = reports.get(node.id) ?? new Map<number, string>();
    const enrolledYear = Number(vietnamDate(new Date(node.enrolledAt)).slice(0, 4));
    let due = 0;
    let onTime = 0;
    for (const y of new Set([...years, year])) {
      if (y < enrolledYear) continue;
      const at = sent.get(y);
      if (!at && deadlineOf(y) >= today) continue;
      due++;
      if (at && vietnamDate(new Date(at)) <= deadlineOf(y)) onTime++;
    }
    const at = sent.get(year) ?? null;
    const own = mergeModels([...models.get(node.id)?.get(year) ?? []].map(([title, reportedAt]) => ({ title, reportedAt })), undefined);
    const name = resolveCenter(node.name);
    const prev = centers.get(name);
    // A merged center reports once: its latest report, its due years summed.
    const row: CenterReporting = prev
      ? { ...prev, reportedAt: [prev.reportedAt, at].filter((x): x is string => x !== null).sort().at(-1) ?? null, yearsDue: prev.yearsDue + due, yearsOnTime: prev.yearsOnTime + onTime, onTime: null, onTimeRate: null }
      : { name, reportedAt: at, onTime: null, yearsDue: due, yearsOnTime: onTime, onTimeRate: null };
    const merged = mergeModels(prev?.models, own);
    if (merged) row.models = merged;
    row.onTime = row.reportedAt === null ? (deadlineOf(year) < today ? false : null) : vietnamDate(new Date(row.reportedAt)) <= deadlineOf(year);
    row.onTimeRate = row.yearsDue === 0 ? null : row.yearsOnTime / row.yearsDue;
    centers.set(name, row);
  }
  return {
    deadline: deadlineOf(year), daysLeft: dayNumber(deadlineOf(year)) - dayNumber(today),
    centers: [...centers.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

async function populations(deps: DashboardDeps): Promise<{ name: string; year: number; count: number }[]> {
  const rows = await deps.db.selectFrom('hub_population').select(['name', 'year', 'count']).where('kind', '=', 'village').execute();
  return rows.map((r) => ({ name: r.name, year: Number(r.year), count: Number(r.count) }));
}

/** The commune hub's dashboard for `year`, and across every year on record. */
export async function communeDashboard(deps: DashboardDeps, year: number): Promise<Dashboard> {
  const perVillage = await yearVillageTotals(deps);
  const totals = new Map<number, Counts>();
  for (const v of perVillage) totals.set(v.year, addCounts(totals.get(v.year) ?? emptyCounts(), v.counts));
  const years = [...new Set([...totals.keys(), year])].sort((a, b) => a - b);
  const yearCells = await cellsOf(deps, year);
  const registered = await registeredBy(deps, years);
  const regNow = registered.filter((r) => r.year === year);
  const nodes = await deps.db.selectFrom('hub_node').select(['id', 'name', 'enrolled_at', 'status']).orderBy('name').execute();
  const nodeName = new Map(nodes.map((n) => [n.id, n.name]));
  const changes = await unitChanges(deps);
  const villages = unitResolver(changes, 'village');
  const centerNames = unitResolver(changes, 'center');
  const pops = await populations(deps);

  const targetsByYear = new Map<number, TargetInForce[]>();
  for (const y of years) targetsByYear.set(y, await targetsFor(deps, y));
  const targets = targetsByYear.get(year)!;
  const values = targetValues(targets);

  // Villages: registered people and the year's assessments; population entered per (old or new) name.
  const villageParts: Part[] = [];
  for (const r of regNow) villageParts.push({ name: r.village, counts: { ...emptyCounts(), registered: r.count }, population: null });
  for (const c of yearCells) villageParts.push({ name: c.village, counts: countsOf(c), population: null });
  for (const p of pops.filter((x) => x.year === year)) villageParts.push({ name: p.name, counts: emptyCounts(), population: p.count });
  const byPlace = rowsOf(villageParts, villages.current, villages.former, values);

  const centerParts: Part[] = [];
  for (const r of regNow) centerParts.push({ name: nodeName.get(r.nodeId) ?? r.nodeId, counts: { ...emptyCounts(), registered: r.count }, population: null });
  for (const c of yearCells) centerParts.push({ name: nodeName.get(c.nodeId) ?? c.nodeId, counts: countsOf(c), population: null });
  const byCenter = rowsOf(centerParts, centerNames.current, centerNames.former, values);

  const groupParts: Part[] = yearCells.map((c) => ({ name: c.group, counts: { ...countsOf(c), registered: c.started }, population: null }));
  const byGroup = rowsOf(groupParts, groupTitles(deps, year), () => [], values);

  const totalOf = (y: number): DashboardRow => {
    const counts = { ...(totals.get(y) ?? emptyCounts()) };
    counts.registered = registered.filter((r) => r.year === y).reduce((s, r) => s + r.count, 0);
    const entered = pops.filter((p) => p.year === y);
    const population = entered.length === 0 ? null : entered.reduce((s, p) => s + p.count, 0);
    return { name: deps.config.center.commune, formerNames: [], counts, population, rates: rowRates(counts, population, targetValues(targetsByYear.get(y) ?? targets)) };
  };
  const byYear = new Map(years.map((y) => [y, totalOf(y)]));
  const trend = fillYears(years, byYear, () => totalOf(-1))
    .map(({ year: y, value }) => ({ year: y, row: value }));

  const lists = await closedLists(deps);
  const placeTrend = trendOf(byPlace, years, targetsByYear, (y, name) => ({
    recognized: perVillage.filter((r) => r.year === y && villages.current(r.village) === name).reduce((sum, r) => sum + r.counts.recognized, 0),
    entered: pops.filter((p) => p.year === y && villages.current(p.name) === name).map((p) => p.count),
  }));
  return {
    level: 'commune', scope: deps.config.center.commune, year, years, total: byYear.get(year)!, byPlace, byCenter, byGroup, placeTrend, trend, targets,
    reporting: reporting(deps, year, years, nodes.filter((n) => n.status === 'active').map((n) => ({ id: n.id, name: n.name, enrolledAt: n.enrolled_at })), lists, centerNames.current, deps.config.settings['calendar.centerDeadline']),
  };
}

type Aggregate = CommuneAggregateV1 | CommuneAggregateV2;

/** The province hub's dashboard, over communes, from the aggregates they relayed. */
export async function provinceDashboard(deps: DashboardDeps, year: number): Promise<Dashboard> {
  const records = await deps.db.selectFrom('hub_record').select(['origin', 'record_id', 'payload']).where('record_kind', '=', 'aggregate').execute();
  const firstSeen = await deps.db.selectFrom('hub_record_history').select(['record_id', (eb) => eb.fn.min('received_at').as('at')])
    .where('record_kind', '=', 'aggregate').groupBy('record_id').execute();
  const firstAt = new Map(firstSeen.map((r) => [r.record_id, String(r.at)]));
  const aggregates = records.map((r) => ({ origin: r.origin, id: r.record_id, m: JSON.parse(r.payload) as Aggregate }));
  const years = [...new Set([...aggregates.map((a) => a.m.year), year])].sort((a, b) => a - b);
  const changes = await unitChanges(deps);
  const places = unitResolver(changes, 'village');
  const targetsByYear = new Map<number, TargetInForce[]>();
  for (const y of years) targetsByYear.set(y, await targetsFor(deps, y));
  const targets = targetsByYear.get(year)!;
  const values = targetValues(targets);

  // A group row's "registered" is who began the year's assessment in it (V1 named that "registered").
  const countsOfRow = (r: Aggregate['rows'][number]): Counts => 'started' in r
    ? { registered: r.started, selfAssessed: r.selfAssessed, appraised: r.appraised, recognized: r.recognized, digital: r.digital, proficient: r.proficient, outstanding: r.outstanding }
    : { ...emptyCounts(), registered: r.registered, selfAssessed: r.selfAssessed, appraised: r.appraised, recognized: r.recognized };
  const partsOf = (y: number) => aggregates.filter((a) => a.m.year === y).map((a) => {
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
  // Adults the province entered for a commune take the place of the sum the commune sent.
  const pops = await populations(deps);
  const placeParts = (y: number): Part[] => {
    const entered = pops.filter((p) => p.year === y);
    const own = new Set(entered.map((p) => places.current(p.name)));
    return [
      ...partsOf(y).map((p) => (own.has(places.current(p.name)) ? { ...p, population: null } : p)),
      ...entered.map((p) => ({ name: p.name, counts: emptyCounts(), population: p.count })),
    ];
  };
  const byPlace = rowsOf(placeParts(year), places.current, places.former, values);
  const groupParts: Part[] = aggregates.filter((a) => a.m.year === year).flatMap((a) => a.m.rows.map((r) => ({ name: r.group, counts: countsOfRow(r), population: null })));
  const byGroup = rowsOf(groupParts, groupTitles(deps, year), () => [], values);
  const totalOf = (y: number): DashboardRow => {
    const parts = placeParts(y);
    let counts = emptyCounts();
    for (const p of parts) counts = addCounts(counts, p.counts);
    const known = parts.filter((p) => p.population !== null);
    const population = known.length === 0 ? null : known.reduce((s, p) => s + (p.population ?? 0), 0);
    return { name: deps.config.center.province, formerNames: [], counts, population, rates: rowRates(counts, population, targetValues(targetsByYear.get(y) ?? targets)) };
  };
  const byYear = new Map(years.map((y) => [y, totalOf(y)]));
  const trend = fillYears(years, byYear, () => totalOf(-1)).map(({ year: y, value }) => ({ year: y, row: value }));
  const nodes = await deps.db.selectFrom('hub_node').select(['id', 'name', 'enrolled_at', 'status']).orderBy('name').execute();
  const reports = new Map<string, Map<number, string>>();
  for (const a of aggregates) {
    const perNode = reports.get(a.origin) ?? new Map<number, string>();
    perNode.set(a.m.year, firstAt.get(a.id) ?? '');
    reports.set(a.origin, perNode);
  }
  const placeTrend = trendOf(byPlace, years, targetsByYear, (y, name) => {
    const parts = placeParts(y).filter((p) => places.current(p.name) === name);
    return { recognized: parts.reduce((sum, p) => sum + p.counts.recognized, 0), entered: parts.flatMap((p) => (p.population === null ? [] : [p.population])) };
  });
  return {
    level: 'province', scope: deps.config.center.province, year, years, total: byYear.get(year)!, byPlace, byCenter: [], byGroup, placeTrend, trend, targets,
    reporting: reporting(deps, year, years, nodes.filter((n) => n.status === 'active').map((n) => ({ id: n.id, name: n.name, enrolledAt: n.enrolled_at })), { reports, models: new Map() }, places.current, deps.config.settings['calendar.communeDeadline']),
  };
}

/** The dashboard this hub shows: over villages for a commune, over communes for a province. */
export function dashboard(deps: DashboardDeps, year: number): Promise<Dashboard> {
  return deps.config.settings['hub.level'] === 'province' ? provinceDashboard(deps, year) : communeDashboard(deps, year);
}

/** The public recognition list of a year: name and village of people recognized who agreed to appear on it. */
export async function publicRecognitionList(deps: DashboardDeps, year: number): Promise<{ name: string; village: string }[]> {
  const rows = await deps.db.selectFrom('hub_decision_subject').innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .innerJoin('hub_person', 'hub_person.person_id', 'hub_decision_subject.subject_id')
    .select(['hub_person.name', 'hub_person.village']).distinct()
    .where('hub_decision.year', '=', year).where('hub_decision.title', '=', TITLE).where('hub_decision.revoked_reason', 'is', null)
    .where('hub_person.public_list', '=', 1).execute();
  const villages = unitResolver(await unitChanges(deps), 'village');
  return rows.map((r) => ({ name: r.name, village: villages.current(r.village) }))
    .sort((a, b) => a.village.localeCompare(b.village, 'vi') || a.name.localeCompare(b.name, 'vi'));
}


import { rateFigure } from '../../../shared/domain/rates.ts';
import { modelRates, type ModelRateRow, type ModelRates, type ModelRegistry, type RegistryCommunity, type VillageFigures, type VillageNames } from '../../../shared/domain/models/rates.ts';
import { modelTargetInForce, modelTargetMeasures, type ModelTargetMeasure } from '../../../shared/domain/models/targets.ts';
import { foldName, unitResolver, type UnitChange } from '../../../shared/domain/units.ts';
import { vietnamDate, vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import { modelTitles, titleSubject, type ModelSubjectKind, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import type { ModelCountsView, ModelRateRowView, ModelRatesView, ModelValidity } from '../../../shared/schemas/model-rates.ts';
import type { ModelAggregateV1 } from '../../../shared/sync/messages.ts';
import { ModelSets } from '../criteria/model-sets.ts';
import type { Deps } from '../http/context.ts';
import { unitChanges } from './dashboard.service.ts';
import { loadModelState, recognizedYearsOf, type HubModelState } from './ingest/model-facts.ts';

/**
 * The four other titles on the hub's dashboard and yearly report: the registry the centers sent
 * (model-facts.ts), the commune's decisions and the figures the officer entered, turned into the
 * shape shared/domain/models/rates.ts takes, and the rates against the year's model targets; the
 * recognitions standing in the year with the day each ends; the scope's figures for every year from
 * the first with anything of the four titles to the year asked, each computed as that year's own
 * view; and, for the relay, the same counts as a ModelAggregateV1 per year (numbers only). A
 * province hub reads the communes' aggregates instead, year by year.
 */

type ModelRatesDeps = Pick<Deps, 'db' | 'config' | 'now'>;

const KEY = (kind: string, id: string) => `${kind}\u0000${id}`;
const CHUNK = 500;

/** Everything a commune's model rates are computed from, read once for any number of years. */
interface CommuneModelData {
  state: HubModelState;
  /** Years with a submitted self-assessment of the subject's title, by subject key. */
  assessed: Map<string, number[]>;
  names: VillageNames;
  /** Every village name on record (people, figures entered, households, units, communities), as recorded. */
  villages: string[];
  /** Names of household heads, by person id. */
  heads: Map<string, string>;
  /** The clan a household belongs to (the first clan listing it). */
  clanOf: Map<string, string>;
}

async function loadCommune(deps: ModelRatesDeps): Promise<CommuneModelData> {
  const state = await loadModelState(deps.db, ModelSets.of(deps.config));
  const rows = await deps.db.selectFrom('hub_model_assessment').select(['subject_kind', 'subject_id', 'title', 'year'])
    .where('submitted', '=', 1).execute();
  const assessed = new Map<string, number[]>();
  for (const r of rows) {
    // Only an assessment for the title its subject kind is assessed for counts.
    if (titleSubject[r.title as ModelTitle] !== r.subject_kind) continue;
    const key = KEY(r.subject_kind, r.subject_id);
    const years = assessed.get(key) ?? [];
    if (!years.includes(Number(r.year))) years.push(Number(r.year));
    assessed.set(key, years);
  }
  const { registry } = state;
  const headIds = [...new Set([...registry.households.values()].map((h) => h.headPersonId))];
  const heads = new Map<string, string>();
  for (let i = 0; i < headIds.length; i += CHUNK) {
    const part = headIds.slice(i, i + CHUNK);
    for (const p of await deps.db.selectFrom('hub_person').select(['person_id', 'name']).where('person_id', 'in', part).execute()) heads.set(p.person_id, p.name);
  }
  const clanOf = new Map<string, string>();
  for (const c of [...registry.clans.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const h of c.householdIds) if (!clanOf.has(h)) clanOf.set(h, c.id);
  }
  const peopleVillages = (await deps.db.selectFrom('hub_person').select('village').distinct().execute()).map((r) => r.village);
  const communities = [...assessed.keys(), ...state.decided.keys()].filter((k) => k.startsWith(KEY('community', ''))).map((k) => k.slice(KEY('community', '').length));
  const villages = [...new Set([
    ...peopleVillages, ...state.population.map((p) => p.name),
    ...[...registry.households.values()].map((h) => h.village), ...[...registry.units.values()].map((u) => u.village), ...communities,
  ])];
  return { state, assessed, names: unitResolver(await unitChanges(deps), 'village'), villages, heads, clanOf };
}

/** The registry as shared/domain/models/rates.ts takes it, for `year` (figures are the year's). */
function registryFor(data: CommuneModelData, year: number): ModelRegistry {
  const { state, assessed } = data;
  const { registry, decided, cdht } = state;
  const status = (kind: ModelSubjectKind, id: string, registeredAt: string) => ({
    registeredYear: vietnamYear(registeredAt), assessedYears: assessed.get(KEY(kind, id)) ?? [], recognizedYears: recognizedYearsOf(decided, kind, id),
  });
  const people = (ids: readonly string[]) => ids.map((personId) => ({ personId, recognizedCdhtYears: cdht.get(personId) ?? [] }));

  const communityNames = new Set<string>();
  for (const key of [...assessed.keys(), ...decided.keys()]) if (key.startsWith(KEY('community', ''))) communityNames.add(key.slice(KEY('community', '').length));
  const communities: RegistryCommunity[] = [...communityNames].map((village) => ({
    village, assessedYears: assessed.get(KEY('community', village)) ?? [], recognizedYears: recognizedYearsOf(decided, 'community', village),
  }));

  // One entry per name as recorded: households and adults entered for the year, CDHT recognized in it.
  const figures = new Map<string, VillageFigures>();
  const figure = (village: string) => {
    const f = figures.get(village) ?? { village, households: null, adults: null, cdhtRecognized: 0 };
    figures.set(village, f);
    return f;
  };
  for (const p of state.population.filter((x) => x.year === year)) {
    if (p.kind === 'households') figure(p.name).households = p.count;
    else if (p.kind === 'village') figure(p.name).adults = p.count;
  }
  for (const [village, byYear] of state.cdhtByVillage) {
    const n = byYear[String(year)] ?? 0;
    if (n > 0) figure(village).cdhtRecognized = n;
  }

  return {
    villages: data.villages,
    figures: [...figures.values()],
    households: [...registry.households.values()].map((h) => ({
      householdId: h.id, village: h.village, clanId: data.clanOf.get(h.id) ?? null, adults: people(h.memberPersonIds), ...status('household', h.id, h.registeredAt),
    })),
    clans: [...registry.clans.values()].map((c) => ({ clanId: c.id, ...status('clan', c.id, c.registeredAt) })),
    communities,
    units: [...registry.units.values()].map((u) => ({
      unitId: u.id, village: u.village, staffCount: u.staffCounts.find((s) => s.year === year)?.count ?? null, members: people(u.memberPersonIds),
      ...status('unit', u.id, u.registeredAt),
    })),
  };
}

function targetsOf(deps: ModelRatesDeps, year: number) {
  const layers = [{ source: 'national' as const, table: deps.config.modelTargets.national }];
  return modelTargetMeasures.map((m) => modelTargetInForce(m, year, layers));
}
const targetValues = (targets: ReturnType<typeof targetsOf>) =>
  Object.fromEntries(targets.map((t) => [t.measure, t.value])) as Record<ModelTargetMeasure, number | null>;

const viewRow = (row: ModelRateRow, formerNames: string[]): ModelRateRowView => ({
  name: row.name, formerNames, families: row.families, clans: row.clans, communities: row.communities, units: row.units,
  households: row.households, adults: row.adults, rates: row.rates,
});

/**
 * Every recognition standing in `year` (decided for that year or before, and lasting into it), the
 * latest per subject and title, soonest to end first; `today` (YYYY-MM-DD) says which have ended.
 */
function validityFor(data: CommuneModelData, year: number, today: string): ModelValidity[] {
  const { registry, decided } = data.state;
  const current = (v: string) => data.names.current(v);
  const out: ModelValidity[] = [];
  for (const [key, recognitions] of decided) {
    const [kind, id] = key.split('\u0000') as [ModelSubjectKind, string];
    const latest = new Map<ModelTitle, (typeof recognitions)[number]>();
    for (const r of recognitions) {
      if (r.year > year || r.validThrough < `${year}-01-01`) continue;
      const before = latest.get(r.title);
      if (!before || r.validThrough > before.validThrough) latest.set(r.title, r);
    }
    for (const r of latest.values()) {
      let label: string | null = null;
      let village: string | null = null;
      if (kind === 'household') {
        const h = registry.households.get(id);
        label = h ? (data.heads.get(h.headPersonId) ?? null) : null;
        village = h ? current(h.village) : null;
      } else if (kind === 'clan') {
        const c = registry.clans.get(id);
        label = c?.name ?? null;
        const villages = [...new Set((c?.householdIds ?? []).flatMap((hid) => {
          const h = registry.households.get(hid);
          return h ? [current(h.village)] : [];
        }))].sort((a, b) => a.localeCompare(b, 'vi'));
        village = villages.length > 0 ? villages.join(', ') : null;
      } else if (kind === 'community') {
        label = current(id);
        village = current(id);
      } else {
        const u = registry.units.get(id);
        label = u?.name ?? null;
        village = u ? current(u.village) : null;
      }
      out.push({
        title: r.title, subjectKind: kind, subjectId: id, label, village, decisionNumber: r.number, decisionDate: r.decisionDate, validThrough: r.validThrough,
        expiresInYear: r.validThrough.startsWith(`${year}-`), expired: r.validThrough < today,
      });
    }
  }
  return out.sort((a, b) => a.validThrough.localeCompare(b.validThrough) || modelTitles.indexOf(a.title) - modelTitles.indexOf(b.title)
    || (a.label ?? '').localeCompare(b.label ?? '', 'vi'));
}

const expiringOf = (validity: readonly Pick<ModelValidity, 'title' | 'expiresInYear'>[]) =>
  modelTitles.map((title) => ({ title, count: validity.filter((x) => x.title === title && x.expiresInYear).length }));

function communeRatesOf(deps: ModelRatesDeps, data: CommuneModelData, year: number): { rates: ModelRates; targets: ReturnType<typeof targetsOf> } {
  const targets = targetsOf(deps, year);
  return { rates: modelRates(registryFor(data, year), year, data.names, targetValues(targets), deps.config.center.commune), targets };
}

/**
 * The years a trend covers: from the first year on record to the year asked; the year asked alone
 * when nothing is on record before it.
 */
function trendYears(first: number | null, year: number): number[] {
  const from = Math.min(first ?? year, year);
  return Array.from({ length: year - from + 1 }, (_, i) => from + i);
}

async function communeView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  const data = await loadCommune(deps);
  const { rates, targets } = communeRatesOf(deps, data, year);
  const validity = validityFor(data, year, vietnamDate(deps.now()));
  const total = viewRow(rates.commune, []);
  // Every earlier year as its own view computes it: the same rules, that year's figures and targets.
  const trend = trendYears(firstModelYear(data), year)
    .map((y) => ({ year: y, row: y === year ? total : viewRow(communeRatesOf(deps, data, y).rates.commune, []) }));
  return {
    level: 'commune', scope: deps.config.center.commune, year, targets,
    places: rates.villages.map((r) => viewRow(r, data.names.former(r.name))),
    total,
    notes: rates.notes.map((n) => (n.kind === 'community-adults-unknown'
      ? { kind: n.kind, name: n.village }
      : { kind: n.kind, name: data.state.registry.units.get(n.unitId)?.name ?? n.unitId })),
    validity,
    expiring: expiringOf(validity),
    trend,
  };
}

// ---------------------------------------------------------------------------------------------
// The relay's counts, and a province's view of them

type AggregateContent = Omit<ModelAggregateV1, 'type' | 'id' | 'revision' | 'commune'>;

/** Every year a commune has something of the four titles in: a registration, a self-assessment, a decision, households entered, a unit's staff count. */
function yearsOnRecord(data: CommuneModelData): Set<number> {
  const { registry, decided, population } = data.state;
  const years = new Set<number>();
  const subjects = [...registry.households.values(), ...registry.clans.values(), ...registry.units.values()];
  for (const s of subjects) years.add(vietnamYear(s.registeredAt));
  for (const list of data.assessed.values()) for (const y of list) years.add(y);
  for (const list of decided.values()) for (const r of list) years.add(r.year);
  for (const p of population) if (p.kind === 'households') years.add(p.year);
  for (const u of registry.units.values()) for (const c of u.staffCounts) years.add(c.year);
  return years;
}

/** The first year a commune has anything of the four titles; null when it has nothing. */
function firstModelYear(data: CommuneModelData): number | null {
  const years = yearsOnRecord(data);
  return years.size === 0 ? null : Math.min(...years);
}

/** The years a commune has anything of the four titles for: from the first to the last, and this year while anything is registered. */
function modelYears(data: CommuneModelData, thisYear: number): number[] {
  const { registry, decided } = data.state;
  const years = yearsOnRecord(data);
  if (years.size === 0) return [];
  if (registry.households.size + registry.clans.size + registry.units.size > 0 || decided.size > 0) years.add(thisYear);
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A commune's ModelAggregateV1 content for every year it has anything of the four titles: counts,
 * figures entered and the two CDHT rates' numerators and denominators per village, its clans once,
 * and how many recognitions end in the year per title. Numbers and village names only.
 */
export async function modelAggregateContent(deps: ModelRatesDeps): Promise<AggregateContent[]> {
  // Before every push: a commune with nothing of the four titles reads no further.
  const probes = [
    () => deps.db.selectFrom('hub_model_subject').select('id').limit(1).executeTakeFirst(),
    () => deps.db.selectFrom('hub_model_assessment').select('assessment_id').limit(1).executeTakeFirst(),
    () => deps.db.selectFrom('hub_decision_subject').select('subject_id').where('subject_kind', '!=', 'person').limit(1).executeTakeFirst(),
    () => deps.db.selectFrom('hub_population').select('name').where('kind', '=', 'households').limit(1).executeTakeFirst(),
  ];
  let any = false;
  for (const probe of probes) if (!any && (await probe()) !== undefined) any = true;
  if (!any) return [];
  const data = await loadCommune(deps);
  const out: AggregateContent[] = [];
  for (const year of modelYears(data, vietnamYear(deps.now().toISOString()))) {
    const { rates } = communeRatesOf(deps, data, year);
    // Whether a recognition has ended by today is left out: the content must not change with the date.
    const validity = validityFor(data, year, '0000-00-00');
    out.push({
      year,
      villages: rates.villages.map((r) => ({
        village: r.name, families: r.families, clans: r.clans, communities: r.communities, units: r.units, households: r.households, adults: r.adults,
        workers: { recognized: r.rates.workers.numerator, of: r.rates.workers.denominator },
        unitStaff: { recognized: r.rates.unitStaff.numerator, of: r.rates.unitStaff.denominator },
      })),
      communeClans: rates.commune.clans,
      expiring: expiringOf(validity),
    });
  }
  return out;
}

const addCounts = (a: ModelCountsView, b: ModelCountsView): ModelCountsView =>
  ({ registered: a.registered + b.registered, assessed: a.assessed + b.assessed, recognized: a.recognized + b.recognized });
const zero = (): ModelCountsView => ({ registered: 0, assessed: 0, recognized: 0 });
const addKnown = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

interface Sums {
  families: ModelCountsView; clans: ModelCountsView; communities: ModelCountsView; units: ModelCountsView;
  households: number | null; adults: number | null;
  workers: { n: number; d: number | null }; staff: { n: number; d: number | null };
}
const emptySums = (): Sums => ({
  families: zero(), clans: zero(), communities: zero(), units: zero(), households: null, adults: null, workers: { n: 0, d: null }, staff: { n: 0, d: null },
});
const addSums = (a: Sums, b: Sums): Sums => ({
  families: addCounts(a.families, b.families), clans: addCounts(a.clans, b.clans), communities: addCounts(a.communities, b.communities), units: addCounts(a.units, b.units),
  households: addKnown(a.households, b.households), adults: addKnown(a.adults, b.adults),
  workers: { n: a.workers.n + b.workers.n, d: addKnown(a.workers.d, b.workers.d) }, staff: { n: a.staff.n + b.staff.n, d: addKnown(a.staff.d, b.staff.d) },
});

/** One commune's aggregate summed over its villages, its clans counted once. */
function sumsOf(m: ModelAggregateV1): Sums {
  let s = emptySums();
  for (const v of m.villages) {
    s = addSums(s, {
      families: v.families, clans: zero(), communities: v.communities, units: v.units, households: v.households, adults: v.adults,
      workers: { n: v.workers.recognized, d: v.workers.of }, staff: { n: v.unitStaff.recognized, d: v.unitStaff.of },
    });
  }
  return { ...s, clans: m.communeClans };
}

function rowOf(name: string, formerNames: string[], s: Sums, targets: Record<ModelTargetMeasure, number | null>): ModelRateRowView {
  return {
    name, formerNames, families: s.families, clans: s.clans, communities: s.communities, units: s.units, households: s.households, adults: s.adults,
    rates: {
      families: rateFigure(s.families.recognized, s.households, targets.families),
      clans: rateFigure(s.clans.recognized, s.clans.registered, targets.clans),
      communities: rateFigure(s.communities.recognized, s.communities.registered, targets.communities),
      units: rateFigure(s.units.recognized, s.units.registered, targets.units),
      workers: rateFigure(s.workers.n, s.workers.d, targets.workers),
      unitStaff: rateFigure(s.staff.n, s.staff.d, targets.unitStaff),
    },
  };
}

/** One year of a province: its communes' aggregates of that year summed per commune (by today's name), the province's total, and what ends per title. */
function provinceYear(aggregates: readonly ModelAggregateV1[], places: VillageNames): { rows: { name: string; sums: Sums }[]; total: Sums; expiring: Map<string, number> } {
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
async function provinceView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  const records = await deps.db.selectFrom('hub_record').select('payload').where('record_kind', '=', 'model-aggregate').execute();
  const all = records.map((r) => JSON.parse(r.payload) as ModelAggregateV1).filter((m) => m.type === 'ModelAggregateV1');
  const places = unitResolver(await unitChanges(deps), 'village');
  const ofYear = (y: number) => provinceYear(all.filter((m) => m.year === y), places);
  const targets = targetsOf(deps, year);
  const values = targetValues(targets);
  const { rows, total, expiring } = ofYear(year);
  const totalRow = rowOf(deps.config.center.province, [], total, values);
  const first = all.length === 0 ? null : Math.min(...all.map((m) => m.year));
  const trend = trendYears(first, year)
    .map((y) => ({ year: y, row: y === year ? totalRow : rowOf(deps.config.center.province, [], ofYear(y).total, targetValues(targetsOf(deps, y))) }));
  return {
    level: 'province', scope: deps.config.center.province, year, targets,
    places: rows.map((r) => rowOf(r.name, places.former(r.name), r.sums, values)),
    total: totalRow,
    notes: [],
    validity: [],
    expiring: modelTitles.map((title) => ({ title, count: expiring.get(title) ?? 0 })),
    trend,
  };
}

/** The four titles' counts, rates and recognitions to renew for `year`: over villages on a commune hub, over communes on a province hub. */
export function modelRatesView(deps: ModelRatesDeps, year: number): Promise<ModelRatesView> {
  return deps.config.settings['hub.level'] === 'province' ? provinceView(deps, year) : communeView(deps, year);
}

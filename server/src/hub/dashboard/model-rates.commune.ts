/**
 * A commune's four other titles, read once (model-rates.service.ts turns them into views and the
 * relay's counts): the registry the centers sent (model-facts.ts), the commune's decisions and the
 * figures the officer entered, in the shape shared/domain/collective-titles/rates.ts takes, with the targets
 * in force, the recognitions standing in a year, and the years there is anything on record.
 */
import { modelRates, type ModelRateRow, type ModelRates } from '../../../../shared/domain/collective-titles/rates.ts';
import type {
  ModelRegistry,
  RegistryCommunity,
  VillageFigures,
  VillageNames,
} from '../../../../shared/domain/collective-titles/model-registry.ts';
import {
  modelTargetInForce,
  modelTargetMeasures,
  type ModelTargetMeasure,
} from '../../../../shared/domain/collective-titles/targets.ts';
import { unitResolver } from '../../../../shared/domain/units.ts';
import { vietnamYear } from '../../../../shared/domain/vietnam-time.ts';
import {
  modelTitles,
  titleSubject,
  type ModelSubjectKind,
  type ModelTitle,
} from '../../../../shared/schemas/model-criteria-set.ts';
import type { ModelRateRowView, ModelValidity } from '../../../../shared/schemas/model-rates.ts';
import { ModelSets } from '../../criteria/model-sets.ts';
import type { Deps } from '../../http/context.ts';
import { loadModelState, recognizedYearsOf, type HubModelState } from '../ingest/model-facts.ts';
import { unitChanges } from './dashboard.parts.ts';
import * as repo from './dashboard.repository.ts';

export type ModelRatesDeps = Pick<Deps, 'db' | 'config' | 'now'>;

export const KEY = (kind: string, id: string) => `${kind}\u0000${id}`;

/** Everything a commune's model rates are computed from, read once for any number of years. */
export interface CommuneModelData {
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

export async function loadCommune(deps: ModelRatesDeps): Promise<CommuneModelData> {
  const state = await loadModelState(deps.db, ModelSets.of(deps.config));
  const rows = await repo.submittedModelAssessments(deps.db);
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
  const heads = await repo.personNames(deps.db, headIds);
  const clanOf = new Map<string, string>();
  for (const c of [...registry.clans.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const h of c.householdIds) if (!clanOf.has(h)) clanOf.set(h, c.id);
  }
  const peopleVillages = await repo.personVillages(deps.db);
  const communities = [...assessed.keys(), ...state.decided.keys()]
    .filter((k) => k.startsWith(KEY('community', '')))
    .map((k) => k.slice(KEY('community', '').length));
  const villages = [
    ...new Set([
      ...peopleVillages,
      ...state.population.filter((p) => p.kind === 'village' || p.kind === 'households').map((p) => p.name),
      ...[...registry.households.values()].map((h) => h.village),
      ...[...registry.units.values()].map((u) => u.village),
      ...communities,
    ]),
  ];
  return { state, assessed, names: unitResolver(await unitChanges(deps), 'village'), villages, heads, clanOf };
}

/** The registry as shared/domain/collective-titles/rates.ts takes it, for `year` (figures are the year's). */
export function registryFor(data: CommuneModelData, year: number): ModelRegistry {
  const { state, assessed } = data;
  const { registry, decided, cdht } = state;
  const status = (kind: ModelSubjectKind, id: string, registeredAt: string) => ({
    registeredYear: vietnamYear(registeredAt),
    assessedYears: assessed.get(KEY(kind, id)) ?? [],
    recognizedYears: recognizedYearsOf(decided, kind, id),
  });
  const people = (ids: readonly string[]) =>
    ids.map((personId) => ({ personId, recognizedCdhtYears: cdht.get(personId) ?? [] }));

  const communityNames = new Set<string>();
  for (const key of [...assessed.keys(), ...decided.keys()])
    if (key.startsWith(KEY('community', ''))) communityNames.add(key.slice(KEY('community', '').length));
  const communities: RegistryCommunity[] = [...communityNames].map((village) => ({
    village,
    assessedYears: assessed.get(KEY('community', village)) ?? [],
    recognizedYears: recognizedYearsOf(decided, 'community', village),
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

  const total = (kind: string) => state.population.find((p) => p.kind === kind && p.year === year)?.count ?? null;
  return {
    villages: data.villages,
    figures: [...figures.values()],
    totals: { clans: total('clans-total'), units: total('units-total') },
    households: [...registry.households.values()].map((h) => ({
      householdId: h.id,
      village: h.village,
      clanId: data.clanOf.get(h.id) ?? null,
      adults: people(h.memberPersonIds),
      ...status('household', h.id, h.registeredAt),
    })),
    clans: [...registry.clans.values()].map((c) => ({ clanId: c.id, ...status('clan', c.id, c.registeredAt) })),
    communities,
    units: [...registry.units.values()].map((u) => ({
      unitId: u.id,
      village: u.village,
      staffCount: u.staffCounts.find((s) => s.year === year)?.count ?? null,
      members: people(u.memberPersonIds),
      ...status('unit', u.id, u.registeredAt),
    })),
  };
}

export function targetsOf(deps: ModelRatesDeps, year: number) {
  const layers = [{ source: 'national' as const, table: deps.config.modelTargets.national }];
  return modelTargetMeasures.map((m) => modelTargetInForce(m, year, layers));
}
export const targetValues = (targets: ReturnType<typeof targetsOf>) =>
  Object.fromEntries(targets.map((t) => [t.measure, t.value])) as Record<ModelTargetMeasure, number | null>;

export const viewRow = (row: ModelRateRow, formerNames: string[]): ModelRateRowView => ({
  name: row.name,
  formerNames,
  families: row.families,
  clans: row.clans,
  communities: row.communities,
  units: row.units,
  households: row.households,
  adults: row.adults,
  rates: row.rates,
});

/**
 * Every recognition standing in `year` (decided for that year or before, and lasting into it), the
 * latest per subject and title, soonest to end first; `today` (YYYY-MM-DD) says which have ended.
 */
export function validityFor(data: CommuneModelData, year: number, today: string): ModelValidity[] {
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
        const villages = [
          ...new Set(
            (c?.householdIds ?? []).flatMap((hid) => {
              const h = registry.households.get(hid);
              return h ? [current(h.village)] : [];
            }),
          ),
        ].sort((a, b) => a.localeCompare(b, 'vi'));
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
        title: r.title,
        subjectKind: kind,
        subjectId: id,
        label,
        village,
        decisionNumber: r.number,
        decisionDate: r.decisionDate,
        validThrough: r.validThrough,
        expiresInYear: r.validThrough.startsWith(`${year}-`),
        expired: r.validThrough < today,
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.validThrough.localeCompare(b.validThrough) ||
      modelTitles.indexOf(a.title) - modelTitles.indexOf(b.title) ||
      (a.label ?? '').localeCompare(b.label ?? '', 'vi'),
  );
}

export const expiringOf = (validity: readonly Pick<ModelValidity, 'title' | 'expiresInYear'>[]) =>
  modelTitles.map((title) => ({ title, count: validity.filter((x) => x.title === title && x.expiresInYear).length }));

export function communeRatesOf(
  deps: ModelRatesDeps,
  data: CommuneModelData,
  year: number,
): { rates: ModelRates; targets: ReturnType<typeof targetsOf> } {
  const targets = targetsOf(deps, year);
  return {
    rates: modelRates(registryFor(data, year), year, data.names, targetValues(targets), deps.config.center.commune),
    targets,
  };
}

/**
 * The years a trend covers: from the first year on record to the year asked; the year asked alone
 * when nothing is on record before it.
 */
export function trendYears(first: number | null, year: number): number[] {
  const from = Math.min(first ?? year, year);
  return Array.from({ length: year - from + 1 }, (_, i) => from + i);
}

/** Every year a commune has something of the four titles in: a registration, a self-assessment, a decision, households entered, a unit's staff count. */
export function yearsOnRecord(data: CommuneModelData): Set<number> {
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
export function firstModelYear(data: CommuneModelData): number | null {
  const years = yearsOnRecord(data);
  return years.size === 0 ? null : Math.min(...years);
}

/** The years a commune has anything of the four titles for: from the first to the last, and this year while anything is registered. */
export function modelYears(data: CommuneModelData, thisYear: number): number[] {
  const { registry, decided } = data.state;
  const years = yearsOnRecord(data);
  if (years.size === 0) return [];
  if (registry.households.size + registry.clans.size + registry.units.size > 0 || decided.size > 0) years.add(thisYear);
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

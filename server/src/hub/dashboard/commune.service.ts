import { AppError } from '../../../../shared/errors.ts';
import { foldName, unitResolver } from '../../../../shared/domain/units.ts';
import type { PopulationInput, TargetAdjustmentInput, UnitChangeInput } from '../../../../shared/schemas/commune.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import type { Deps } from '../../http/context.ts';
import type { KioskConfig } from '../../config/load.ts';
import type { Db } from '../../db/database.ts';
import * as repo from './commune.repository.ts';
import { unitChangeRows } from './dashboard.repository.ts';

/**
 * What the commune officer keeps on the hub besides decisions: the denominators (adults and
 * households per village, staff per learning unit, per year), adjustments to the year's targets (each kept, with
 * who, when and why, as the target's trace), and merges and renames of villages and centers.
 * Every change is audited.
 */

type CommuneDeps = Pick<Deps, 'db' | 'now'>;
/** What says which places a hub knows: its level, and (a commune) the villages of its configuration. */
type PopulationConfig = {
  readonly center: Pick<KioskConfig['center'], 'villages' | 'commune'>;
  readonly settings: Pick<KioskConfig['settings'], 'hub.level'>;
};

export async function listPopulation(deps: CommuneDeps, year: number) {
  const rows = await repo.populationOf(deps.db, year);
  return rows.map((r) => ({
    kind: r.kind,
    name: r.name,
    year: r.year,
    count: Number(r.count),
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  }));
}

/**
 * The name a figure of adults or households goes under: a place this hub knows, as it knows it
 * (compared folded, so "thôn khe ngang" is Thôn Khe Ngang), or null. A commune hub knows the
 * villages of its own configuration (the commune's), those its centers sent and the names of the
 * merges and renames it recorded; a province hub, whose places are communes, the communes that
 * relayed their figures or enrolled, and their recorded renames. Figures for a place no record
 * names would never meet a count and only skew the totals (issue 21).
 */
async function knownPlace(trx: Db, config: PopulationConfig, name: string): Promise<string | null> {
  const names = await placesKnown(trx, config);
  if (names.includes(name)) return name;
  return names.find((n) => foldName(n) === foldName(name)) ?? null;
}

/** Every place name the hub knows (see knownPlace). */
function placesKnown(trx: Db, config: PopulationConfig): Promise<string[]> {
  return config.settings['hub.level'] === 'province'
    ? repo.communeNamesSeen(trx)
    : repo.villageNamesSeen(trx).then((seen) => [...config.center.villages, ...seen]);
}

/**
 * Enters (or corrects) a figure for a year. Adults and households only for a place the hub knows
 * (`population.village-unknown` otherwise, nothing written); a learning unit's staff for any unit,
 * since the units' rate counts every unit of the commune, registered at a center or not. The
 * commune's totals of clans and of units (agencies, schools, enterprises, organisations) only on a
 * commune hub (`population.totals-commune-only`), under the commune's name, and never fewer than
 * the clans or units its centers registered by that year (`population.total-below-registered`).
 */
export async function setPopulation(
  deps: CommuneDeps & { config: PopulationConfig },
  actor: Actor,
  given: PopulationInput,
): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const name = await placeOf(trx, deps.config, given);
    const input = { kind: given.kind, year: given.year, count: given.count, name };
    const before = await repo.populationCount(trx, input.kind, input.name, input.year);
    await repo.putPopulation(trx, { ...input, entered_by: actor.name, entered_at: at });
    await audit(
      trx,
      actor,
      {
        action: 'hub.population',
        subjectKind: input.kind,
        subjectId: `${input.name}/${input.year}`,
        details: { count: input.count, before },
      },
      at,
    );
  });
}

/** The name a figure goes under, or the refusal (see setPopulation). */
async function placeOf(trx: Db, config: PopulationConfig, given: PopulationInput): Promise<string> {
  if (!('name' in given)) {
    if (config.settings['hub.level'] !== 'commune') throw new AppError('population.totals-commune-only');
    const registered = await repo.registeredSubjects(trx, given.kind === 'clans-total' ? 'clan' : 'unit', given.year);
    if (given.count < registered)
      throw new AppError('population.total-below-registered', { kind: given.kind, count: given.count, registered });
    return config.center.commune;
  }
  if (given.kind === 'unit') return given.name;
  const name = await knownPlace(trx, config, given.name);
  if (name === null) throw new AppError('population.village-unknown', { name: given.name });
  return name;
}

export async function adjustTarget(deps: CommuneDeps, actor: Actor, input: TargetAdjustmentInput): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertTargetAdjustment(trx, { ...input, by_name: actor.name, at });
    await audit(
      trx,
      actor,
      {
        action: 'hub.target-adjust',
        subjectKind: 'target',
        subjectId: `${input.measure}/${input.year}`,
        details: { value: input.value, reason: input.reason },
      },
      at,
    );
  });
}

export async function listUnitChanges(deps: CommuneDeps) {
  const rows = await unitChangeRows(deps.db);
  return rows.map((r) => ({ kind: r.kind, from: r.from_name, to: r.to_name, year: r.year, by: r.by_name, at: r.at }));
}

/**
 * Renames a village or center (one old name) or merges several into one. Records keep the names
 * they were made under; every count resolves them to the current name, so history and rates stay
 * whole and the old names stay searchable. Refuses a change that would go round in a circle.
 */
export async function changeUnits(
  deps: CommuneDeps & { config: PopulationConfig },
  actor: Actor,
  input: UnitChangeInput,
): Promise<void> {
  const from = [...new Set(input.from)];
  if (from.some((f) => foldName(f) === foldName(input.to))) throw new AppError('unit.same-name');
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const existing = (await repo.unitChangesOfKind(trx, input.kind)).map((r) => ({
      kind: r.kind,
      from: r.from_name,
      to: r.to_name,
      year: r.year,
      at: r.at,
    }));
    // The places the hub knows (as population figures take them: knownPlace), and any a figure was entered for.
    const known = new Set(
      [
        ...existing.flatMap((c) => [c.from, c.to]),
        ...(input.kind === 'village'
          ? [...(await placesKnown(trx, deps.config)), ...(await repo.populatedPlaceNames(trx))]
          : await repo.nodeNameList(trx)),
      ].map(foldName),
    );
    const unknown = from.filter((f) => !known.has(foldName(f)));
    if (unknown.length > 0) throw new AppError('unit.unknown', { names: unknown });
    const resolve = unitResolver(existing, input.kind);
    for (const f of from) {
      if (foldName(resolve.current(input.to)) === foldName(f)) throw new AppError('unit.cycle', { name: input.to });
    }
    await repo.insertUnitChanges(
      trx,
      from.map((f) => ({
        kind: input.kind,
        from_name: f,
        to_name: input.to,
        year: input.year,
        by_name: actor.name,
        at,
      })),
    );
    await audit(
      trx,
      actor,
      {
        action: from.length > 1 ? 'hub.unit-merge' : 'hub.unit-rename',
        subjectKind: input.kind,
        subjectId: input.to,
        details: { from, year: input.year },
      },
      at,
    );
  });
}

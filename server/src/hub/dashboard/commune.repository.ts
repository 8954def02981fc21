/**
 * The Kysely code of what the commune officer keeps on the hub besides decisions (commune.service.ts):
 * the figures entered per place and year (hub_population), the targets' adjustments
 * (hub_target_adjustment) and the merges and renames of villages and centers (hub_unit_change).
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

type PopulationRow = Database['hub_population'];

export function populationOf(db: Db, year: number) {
  return db.selectFrom('hub_population').selectAll().where('year', '=', year).orderBy('kind').orderBy('name').execute();
}

/** The figure entered for a place and year, if any. */
export async function populationCount(
  db: Db,
  kind: PopulationRow['kind'],
  name: string,
  year: number,
): Promise<number | null> {
  const before = await db
    .selectFrom('hub_population')
    .select('count')
    .where('kind', '=', kind)
    .where('name', '=', name)
    .where('year', '=', year)
    .executeTakeFirst();
  return before ? Number(before.count) : null;
}

export async function putPopulation(db: Db, row: PopulationRow): Promise<void> {
  await db
    .insertInto('hub_population')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['kind', 'name', 'year'])
        .doUpdateSet({ count: row.count, entered_by: row.entered_by, entered_at: row.entered_at }),
    )
    .execute();
}

/** Every place name a figure of adults or households was entered for. */
export async function populatedPlaceNames(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('hub_population')
    .select('name')
    .where('kind', 'in', ['village', 'households'])
    .distinct()
    .execute();
  return rows.map((r) => r.name);
}

/** Clans or units the centers registered by the end of `year` (still on record). */
export async function registeredSubjects(db: Db, kind: 'clan' | 'unit', year: number): Promise<number> {
  const row = await db
    .selectFrom('hub_model_subject')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('kind', '=', kind)
    .where('registered_year', '<=', year)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertTargetAdjustment(
  db: Db,
  row: Insertable<Database['hub_target_adjustment']>,
): Promise<void> {
  await db.insertInto('hub_target_adjustment').values(row).execute();
}

/** The recorded changes of one kind of unit (village or center). */
export function unitChangesOfKind(db: Db, kind: 'village' | 'center') {
  return db.selectFrom('hub_unit_change').selectAll().where('kind', '=', kind).execute();
}

export async function insertUnitChanges(db: Db, rows: Insertable<Database['hub_unit_change']>[]): Promise<void> {
  await db.insertInto('hub_unit_change').values(rows).execute();
}

/** The names the nodes below enrolled with. */
export async function nodeNameList(db: Db): Promise<string[]> {
  return (await db.selectFrom('hub_node').select('name').execute()).map((r) => r.name);
}

/**
 * The village names a commune hub has from its centers: people's and the registry's (households,
 * units), villages assessed as learning communities, and every name of a recorded merge or rename.
 */
export async function villageNamesSeen(db: Db): Promise<string[]> {
  const names = await Promise.all([
    db.selectFrom('hub_person').select('village as name').distinct().execute(),
    db.selectFrom('hub_model_subject').select('village as name').where('village', 'is not', null).distinct().execute(),
    db
      .selectFrom('hub_model_assessment')
      .select('subject_id as name')
      .where('subject_kind', '=', 'community')
      .distinct()
      .execute(),
    db.selectFrom('hub_unit_change').select('from_name as name').where('kind', '=', 'village').distinct().execute(),
    db.selectFrom('hub_unit_change').select('to_name as name').where('kind', '=', 'village').distinct().execute(),
  ]);
  return names
    .flat()
    .map((r) => r.name)
    .filter((n): n is string => n !== null);
}

/**
 * The commune names a province hub has: those its communes relayed their figures under, the names
 * they enrolled with, and every name of a recorded merge or rename (a province names communes as a
 * commune names villages).
 */
export async function communeNamesSeen(db: Db): Promise<string[]> {
  const aggregates = await db
    .selectFrom('hub_record')
    .select('payload')
    .where('record_kind', '=', 'aggregate')
    .execute();
  const relayed = aggregates
    .map((r) => (JSON.parse(r.payload) as { commune?: unknown }).commune)
    .filter((c): c is string => typeof c === 'string');
  const nodes = await db.selectFrom('hub_node').select('name').execute();
  const changed = await db
    .selectFrom('hub_unit_change')
    .select(['from_name', 'to_name'])
    .where('kind', '=', 'village')
    .execute();
  return [...relayed, ...nodes.map((n) => n.name), ...changed.flatMap((c) => [c.from_name, c.to_name])];
}

import type { Db } from '../db/database.ts';

/** Units, their staff counts per year and the staff registered here linked to them. */

export function findUnit(db: Db, id: string) {
  return db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUnit(
  db: Db,
  unit: { id: string; name: string; kind: string; village: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('unit')
    .values({ ...unit, created_at: at, updated_at: at })
    .execute();
}

export async function updateUnitRow(
  db: Db,
  id: string,
  change: { name: string; kind: string; village: string },
): Promise<void> {
  await db.updateTable('unit').set(change).where('id', '=', id).execute();
}

export async function unitIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('unit').select('id').orderBy('name').execute()).map((r) => r.id);
}

/** The staff count entered for a year, if any. */
export async function findStaffCount(db: Db, unitId: string, year: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('unit_staff_count')
    .select('count')
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.count;
}

export async function upsertStaffCount(
  db: Db,
  unitId: string,
  year: number,
  row: { count: number; entered_by: string; entered_at: string },
): Promise<void> {
  await db
    .insertInto('unit_staff_count')
    .values({ unit_id: unitId, year, ...row })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet(row))
    .execute();
}

export async function isCurrentMember(db: Db, unitId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit_member')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUnitMember(db: Db, unitId: string, personId: string, at: string): Promise<void> {
  await db
    .insertInto('unit_member')
    .values({ unit_id: unitId, person_id: personId, joined_at: at, left_at: null })
    .execute();
}

/** Closes a person's current membership of a unit; false when she was not in it. */
export async function closeUnitMember(db: Db, unitId: string, personId: string, at: string): Promise<boolean> {
  const closed = await db
    .updateTable('unit_member')
    .set({ left_at: at })
    .where('unit_id', '=', unitId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) > 0;
}

/** How many staff are linked to the unit now. */
export async function linkedCount(db: Db, unitId: string): Promise<number> {
  const r = await db
    .selectFrom('unit_member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unitId)
    .where('left_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A unit's staff counts by year and its current members with their names. */
export async function unitDetails(db: Db, id: string) {
  const counts = await db
    .selectFrom('unit_staff_count')
    .select(['year', 'count'])
    .where('unit_id', '=', id)
    .orderBy('year')
    .execute();
  const members = await db
    .selectFrom('unit_member')
    .innerJoin('person', 'person.id', 'unit_member.person_id')
    .select(['person.id as personId', 'person.code', 'person.name', 'unit_member.joined_at as since'])
    .where('unit_member.unit_id', '=', id)
    .where('unit_member.left_at', 'is', null)
    .orderBy('unit_member.joined_at')
    .execute();
  return { counts, members };
}

/** What a unit's change message carries: the row, its staff counts by year, its current members' ids. */
export async function unitRecord(db: Db, id: string) {
  const row = await db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('unit_staff_count')
    .select(['year', 'count'])
    .where('unit_id', '=', id)
    .orderBy('year')
    .execute();
  const members = await db
    .selectFrom('unit_member')
    .select('person_id')
    .where('unit_id', '=', id)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
  return { row, counts, memberIds: members.map((m) => m.person_id) };
}

export async function touchUnit(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('unit').set({ updated_at: at }).where('id', '=', id).execute();
}

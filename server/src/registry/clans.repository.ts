import type { Db } from '../db/database.ts';

/** Clans and the households in them; a household's membership is closed (`left_at`), not deleted. */

export function findClan(db: Db, id: string) {
  return db.selectFrom('clan').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertClan(db: Db, id: string, name: string, representative: string, at: string): Promise<void> {
  await db.insertInto('clan').values({ id, name, representative, created_at: at, updated_at: at }).execute();
}

export async function updateClanRow(db: Db, id: string, name: string, representative: string): Promise<void> {
  await db.updateTable('clan').set({ name, representative }).where('id', '=', id).execute();
}

export async function clanIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('clan').select('id').orderBy('name').execute()).map((r) => r.id);
}

/** The household each person with this slip code heads (null for one heading none). */
export async function householdsHeadedByCode(db: Db, code: string): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('person')
    .leftJoin('household', 'household.head_person_id', 'person.id')
    .select('household.id')
    .where('person.code', '=', code)
    .execute();
  return rows.map((r) => r.id);
}

export function findCurrentClanOf(db: Db, householdId: string) {
  return db
    .selectFrom('clan_household')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

export async function closeClanMembership(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('clan_household').set({ left_at: at }).where('id', '=', id).execute();
}

export async function insertClanHousehold(db: Db, clanId: string, householdId: string, at: string): Promise<void> {
  await db
    .insertInto('clan_household')
    .values({ clan_id: clanId, household_id: householdId, joined_at: at, left_at: null })
    .execute();
}

/** Closes a household's current membership of a clan; false when it was not in it. */
export async function closeClanHousehold(db: Db, clanId: string, householdId: string, at: string): Promise<boolean> {
  const closed = await db
    .updateTable('clan_household')
    .set({ left_at: at })
    .where('clan_id', '=', clanId)
    .where('household_id', '=', householdId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) > 0;
}

/** A clan's current households with their village and head's name, first joined first. */
export function clanHouseholds(db: Db, clanId: string) {
  return db
    .selectFrom('clan_household')
    .innerJoin('household', 'household.id', 'clan_household.household_id')
    .innerJoin('person', 'person.id', 'household.head_person_id')
    .select([
      'household.id as householdId',
      'household.village',
      'person.name as head',
      'clan_household.joined_at as since',
    ])
    .where('clan_household.clan_id', '=', clanId)
    .where('clan_household.left_at', 'is', null)
    .orderBy('clan_household.joined_at')
    .execute();
}

/** What a clan's change message carries: the row and its current households' ids, first joined first. */
export async function clanRecord(db: Db, id: string) {
  const row = await db.selectFrom('clan').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const households = await db
    .selectFrom('clan_household')
    .select('household_id')
    .where('clan_id', '=', id)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
  return { row, householdIds: households.map((h) => h.household_id) };
}

export async function touchClan(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('clan').set({ updated_at: at }).where('id', '=', id).execute();
}

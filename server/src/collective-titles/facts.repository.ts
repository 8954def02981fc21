import type { Db } from '../db/database.ts';

/** What the registry holds about a household, clan, unit or village, read for the titles' computations. */

export function findHouseholdLabel(db: Db, id: string) {
  return db
    .selectFrom('household')
    .innerJoin('person', 'person.id', 'household.head_person_id')
    .select(['household.id', 'household.village', 'person.name'])
    .where('household.id', '=', id)
    .executeTakeFirst();
}

export function findClanLabel(db: Db, id: string) {
  return db.selectFrom('clan').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findUnitLabel(db: Db, id: string) {
  return db.selectFrom('unit').select(['id', 'name', 'village']).where('id', '=', id).executeTakeFirst();
}

/** CDHT recognitions (person id and year) of these people, oldest year first. */
export function cdhtRecognitions(db: Db, personIds: readonly string[]) {
  return db
    .selectFrom('recognition')
    .select(['subject_id', 'year'])
    .where('title', '=', 'cdht')
    .where('subject_id', 'in', [...personIds])
    .orderBy('year')
    .execute();
}

/** A household's village, its current members and its facts for `year`. */
export async function householdFactsRows(db: Db, householdId: string, year: number) {
  const household = await db
    .selectFrom('household')
    .select(['id', 'village'])
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('household_member')
    .select('person_id')
    .where('household_id', '=', householdId)
    .where('left_at', 'is', null)
    .execute();
  const facts = await db
    .selectFrom('household_facts')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('year', '=', year)
    .executeTakeFirst();
  return { village: household.village, memberIds: members.map((m) => m.person_id), facts };
}

/** A clan's current households, first linked first. */
export async function clanHouseholdIds(db: Db, clanId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('clan_household')
    .select('household_id')
    .where('clan_id', '=', clanId)
    .where('left_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.household_id);
}

/** A unit's staff count for `year` (null: not entered) and its current members. */
export async function unitFactsRows(db: Db, unitId: string, year: number) {
  const count = await db
    .selectFrom('unit_staff_count')
    .select('count')
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
  const members = await db
    .selectFrom('unit_member')
    .select('person_id')
    .where('unit_id', '=', unitId)
    .where('left_at', 'is', null)
    .execute();
  return { staffCount: count?.count ?? null, memberIds: members.map((m) => m.person_id) };
}

/** A village's registered households, the clans they are in and its CDHT recognitions counted by year. */
export async function communityRows(db: Db, village: string) {
  const households = await db.selectFrom('household').select('id').where('village', '=', village).execute();
  const clans = await db
    .selectFrom('clan_household')
    .innerJoin('household', 'household.id', 'clan_household.household_id')
    .select('clan_household.clan_id')
    .distinct()
    .where('household.village', '=', village)
    .where('clan_household.left_at', 'is', null)
    .execute();
  const cdht = await db
    .selectFrom('recognition')
    .innerJoin('person', 'person.id', 'recognition.subject_id')
    .select(['recognition.year', (eb) => eb.fn.countAll<number>().as('n')])
    .where('recognition.title', '=', 'cdht')
    .where('person.village', '=', village)
    .groupBy('recognition.year')
    .execute();
  return { householdIds: households.map((h) => h.id), clanIds: clans.map((c) => c.clan_id), cdht };
}

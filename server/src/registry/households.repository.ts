import type { Db } from '../db/database.ts';

/** Households, their members and their children's facts; a membership is closed (`left_at`), not deleted. */

export function findHousehold(db: Db, id: string) {
  return db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The household a person belongs to now, if any. */
export function findCurrentMembership(db: Db, personId: string) {
  return db
    .selectFrom('household_member')
    .selectAll()
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

export async function insertHousehold(db: Db, id: string, village: string, headId: string, at: string): Promise<void> {
  await db
    .insertInto('household')
    .values({ id, village, head_person_id: headId, revision: 1, created_at: at, updated_at: at })
    .execute();
}

export async function insertMember(
  db: Db,
  householdId: string,
  personId: string,
  role: 'head' | 'member',
  at: string,
): Promise<void> {
  await db
    .insertInto('household_member')
    .values({ household_id: householdId, person_id: personId, role, joined_at: at, left_at: null })
    .execute();
}

export async function closeMember(db: Db, householdId: string, personId: string, at: string): Promise<void> {
  await db
    .updateTable('household_member')
    .set({ left_at: at })
    .where('household_id', '=', householdId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
}

/** The current head becomes a member and the membership `membershipId` the head. */
export async function moveHead(db: Db, householdId: string, membershipId: number, personId: string): Promise<void> {
  await db
    .updateTable('household_member')
    .set({ role: 'member' })
    .where('household_id', '=', householdId)
    .where('left_at', 'is', null)
    .where('role', '=', 'head')
    .execute();
  await setHeadMembership(db, householdId, membershipId, personId);
}

/** Marks one membership as the head's and names its person head of the household. */
export async function setHeadMembership(
  db: Db,
  householdId: string,
  membershipId: number,
  personId: string,
): Promise<void> {
  await db.updateTable('household_member').set({ role: 'head' }).where('id', '=', membershipId).execute();
  await db.updateTable('household').set({ head_person_id: personId }).where('id', '=', householdId).execute();
}

export function findFacts(db: Db, householdId: string, year: number) {
  return db
    .selectFrom('household_facts')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function upsertFacts(
  db: Db,
  householdId: string,
  year: number,
  row: { school_age_children: number; all_children_in_school: number | null; updated_at: string },
): Promise<void> {
  await db
    .insertInto('household_facts')
    .values({ household_id: householdId, year, ...row })
    .onConflict((oc) => oc.columns(['household_id', 'year']).doUpdateSet(row))
    .execute();
}

/** Household ids of a village (or all), oldest first. */
export async function householdIds(db: Db, village?: string): Promise<string[]> {
  let q = db.selectFrom('household').select('id').orderBy('created_at');
  if (village) q = q.where('village', '=', village);
  return (await q.execute()).map((r) => r.id);
}

/** A person's memberships of households and units, past ones included. */
export async function membershipHistory(db: Db, personId: string) {
  const households = await db
    .selectFrom('household_member')
    .innerJoin('household', 'household.id', 'household_member.household_id')
    .select([
      'household.id as householdId',
      'household.village',
      'household_member.role',
      'household_member.joined_at as joinedAt',
      'household_member.left_at as leftAt',
    ])
    .where('person_id', '=', personId)
    .orderBy('household_member.id')
    .execute();
  const units = await db
    .selectFrom('unit_member')
    .innerJoin('unit', 'unit.id', 'unit_member.unit_id')
    .select(['unit.id as unitId', 'unit.name', 'unit_member.joined_at as joinedAt', 'unit_member.left_at as leftAt'])
    .where('person_id', '=', personId)
    .orderBy('unit_member.id')
    .execute();
  return { households, units };
}

/** Where a person is now: the households she is in, those she heads, the units she is in. */
export async function currentTies(db: Db, personId: string) {
  const memberOf = await db
    .selectFrom('household_member')
    .select('household_id')
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
  const headed = await db.selectFrom('household').select('id').where('head_person_id', '=', personId).execute();
  const units = await db
    .selectFrom('unit_member')
    .select('unit_id')
    .distinct()
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
  return {
    households: memberOf.map((m) => m.household_id),
    headed: headed.map((h) => h.id),
    units: units.map((u) => u.unit_id),
  };
}

/** Removes all of a person's household and unit memberships, past ones included. */
export async function deleteMemberships(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('household_member').where('person_id', '=', personId).execute();
  await db.deleteFrom('unit_member').where('person_id', '=', personId).execute();
}

/** The longest-standing current member of a household. */
export function longestMember(db: Db, householdId: string) {
  return db
    .selectFrom('household_member')
    .select(['id', 'person_id'])
    .where('household_id', '=', householdId)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Deletes a household with its facts, its own self-assessments (with items, appraisals and evidence)
 * and its recognitions. Returns the assessments' ids, the photos that went and the clans it was in.
 */
export async function deleteHousehold(db: Db, id: string) {
  await db.deleteFrom('household_member').where('household_id', '=', id).execute();
  await db.deleteFrom('household_facts').where('household_id', '=', id).execute();
  const assessments = (
    await db
      .selectFrom('assessment')
      .select('id')
      .where('subject_kind', '=', 'household')
      .where('subject_id', '=', id)
      .execute()
  ).map((a) => a.id);
  const photos =
    assessments.length > 0
      ? await db.selectFrom('evidence').select(['id', 'sha256']).where('assessment_id', 'in', assessments).execute()
      : [];
  if (assessments.length > 0) {
    await db.deleteFrom('evidence').where('assessment_id', 'in', assessments).execute();
    await db.deleteFrom('appraisal_item').where('assessment_id', 'in', assessments).execute();
    await db.deleteFrom('appraisal').where('assessment_id', 'in', assessments).execute();
    await db.deleteFrom('assessment_item').where('assessment_id', 'in', assessments).execute();
    await db.deleteFrom('assessment').where('id', 'in', assessments).execute();
  }
  await db.deleteFrom('recognition').where('subject_kind', '=', 'household').where('subject_id', '=', id).execute();
  const clans = await db
    .selectFrom('clan_household')
    .select('clan_id')
    .where('household_id', '=', id)
    .where('left_at', 'is', null)
    .execute();
  await db.deleteFrom('clan_household').where('household_id', '=', id).execute();
  await db.deleteFrom('household').where('id', '=', id).execute();
  return { assessments, photos, clans: clans.map((c) => c.clan_id) };
}

/** What the household view shows besides the row: current members (with names), facts by year, clan. */
export async function householdDetails(db: Db, id: string) {
  const members = await db
    .selectFrom('household_member')
    .innerJoin('person', 'person.id', 'household_member.person_id')
    .select([
      'person.id as personId',
      'person.code',
      'person.name',
      'household_member.role',
      'household_member.joined_at as since',
    ])
    .where('household_id', '=', id)
    .where('left_at', 'is', null)
    .orderBy('household_member.joined_at')
    .orderBy('household_member.id')
    .execute();
  const facts = await db
    .selectFrom('household_facts')
    .selectAll()
    .where('household_id', '=', id)
    .orderBy('year')
    .execute();
  const clan = await db
    .selectFrom('clan_household')
    .select('clan_id')
    .where('household_id', '=', id)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return { members, facts, clanId: clan?.clan_id ?? null };
}

/** What a household's change message carries: the row, its current members (first joined first), its facts. */
export async function householdRecord(db: Db, id: string) {
  const row = await db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('household_member')
    .select(['person_id', 'role'])
    .where('household_id', '=', id)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
  const facts = await db
    .selectFrom('household_facts')
    .select(['year', 'school_age_children', 'all_children_in_school'])
    .where('household_id', '=', id)
    .orderBy('year')
    .execute();
  return { row, members, facts };
}

/** A household's next revision, at `at`. */
export async function bumpHouseholdRevision(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('household')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
}

import type { Transaction } from 'kysely';
import type { ClanUpsertV1, HouseholdUpsertV1, UnitUpsertV1 } from '../../../shared/sync/messages.ts';
import type { Database } from '../db/schema.ts';
import { appendChange, nextRevision } from '../outbox/outbox.repository.ts';

/**
 * Households, clans and units go up to the commune hub as their whole current record, one message
 * per change, appended in the transaction that made it. Each is built here from the database and
 * nowhere else, so every change sends the same shape: current members only (a person who left or
 * was erased is simply absent), children only as the household's two facts per year.
 */

type Trx = Transaction<Database>;

export async function householdMessage(trx: Trx, id: string): Promise<HouseholdUpsertV1> {
  const h = await trx.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const members = await trx.selectFrom('household_member').select(['person_id', 'role']).where('household_id', '=', id).where('left_at', 'is', null)
    .orderBy('joined_at').orderBy('id').execute();
  const facts = await trx.selectFrom('household_facts').select(['year', 'school_age_children', 'all_children_in_school'])
    .where('household_id', '=', id).orderBy('year').execute();
  return {
    type: 'HouseholdUpsertV1', id, revision: h.revision, village: h.village, headPersonId: h.head_person_id,
    memberPersonIds: [...members.filter((m) => m.role === 'head'), ...members.filter((m) => m.role !== 'head')].map((m) => m.person_id),
    facts: facts.map((f) => ({
      year: f.year, schoolAgeChildren: f.school_age_children, allChildrenInSchool: f.all_children_in_school === null ? null : f.all_children_in_school === 1,
    })),
    registeredAt: h.created_at,
  };
}

export async function clanMessage(trx: Trx, id: string, revision: number): Promise<ClanUpsertV1> {
  const clan = await trx.selectFrom('clan').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const households = await trx.selectFrom('clan_household').select('household_id').where('clan_id', '=', id).where('left_at', 'is', null)
    .orderBy('joined_at').orderBy('id').execute();
  return {
    type: 'ClanUpsertV1', id, revision, name: clan.name, representative: clan.representative,
    householdIds: households.map((h) => h.household_id), registeredAt: clan.created_at,
  };
}

export async function unitMessage(trx: Trx, id: string, revision: number): Promise<UnitUpsertV1> {
  const unit = await trx.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const counts = await trx.selectFrom('unit_staff_count').select(['year', 'count']).where('unit_id', '=', id).orderBy('year').execute();
  const members = await trx.selectFrom('unit_member').select('person_id').where('unit_id', '=', id).where('left_at', 'is', null)
    .orderBy('joined_at').orderBy('id').execute();
  return {
    type: 'UnitUpsertV1', id, revision, name: unit.name, kind: unit.kind, village: unit.village,
    staffCounts: counts.map((c) => ({ year: c.year, count: c.count })), memberPersonIds: members.map((m) => m.person_id),
    registeredAt: unit.created_at,
  };
}

/**
 * A household changed: its revision goes up by one and the whole record goes to the outbox. Call
 * once per household per transaction, after the change (a registration appends revision 1 itself).
 */
export async function householdChanged(trx: Trx, id: string, at: string): Promise<void> {
  await trx.updateTable('household').set((eb) => ({ revision: eb('revision', '+', 1), updated_at: at })).where('id', '=', id).execute();
  await sendHousehold(trx, id, at);
}

/** Appends the household at the revision it holds. */
export async function sendHousehold(trx: Trx, id: string, at: string): Promise<void> {
  await appendChange(trx, await householdMessage(trx, id), at);
}

/** A clan was created or changed: its next revision (clans keep none of their own) goes to the outbox. */
export async function clanChanged(trx: Trx, id: string, at: string): Promise<void> {
  await trx.updateTable('clan').set({ updated_at: at }).where('id', '=', id).execute();
  await appendChange(trx, await clanMessage(trx, id, await nextRevision(trx, 'clan', id)), at);
}

/** A unit was created or changed: its next revision goes to the outbox. */
export async function unitChanged(trx: Trx, id: string, at: string): Promise<void> {
  await trx.updateTable('unit').set({ updated_at: at }).where('id', '=', id).execute();
  await appendChange(trx, await unitMessage(trx, id, await nextRevision(trx, 'unit', id)), at);
}

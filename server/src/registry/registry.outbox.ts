import type { Transaction } from 'kysely';
import type { ClanUpsertV1, HouseholdUpsertV1, UnitUpsertV1 } from '../../../shared/sync/messages.ts';
import type { Database } from '../db/schema.ts';
import { appendChange, nextRevision } from '../outbox/outbox.repository.ts';
import { clanRecord, touchClan } from './clans.repository.ts';
import { bumpHouseholdRevision, householdRecord } from './households.repository.ts';
import { touchUnit, unitRecord } from './units.repository.ts';

/**
 * Households, clans and units go up to the commune hub as their whole current record, one message
 * per change, appended in the transaction that made it. Each is built here from the database and
 * nowhere else, so every change sends the same shape: current members only (a person who left or
 * was erased is simply absent), children only as the household's two facts per year.
 */

type Trx = Transaction<Database>;

export async function householdMessage(trx: Trx, id: string): Promise<HouseholdUpsertV1> {
  const { row: h, members, facts } = await householdRecord(trx, id);
  return {
    type: 'HouseholdUpsertV1',
    id,
    revision: h.revision,
    village: h.village,
    headPersonId: h.head_person_id,
    memberPersonIds: [...members.filter((m) => m.role === 'head'), ...members.filter((m) => m.role !== 'head')].map(
      (m) => m.person_id,
    ),
    facts: facts.map((f) => ({
      year: f.year,
      schoolAgeChildren: f.school_age_children,
      allChildrenInSchool: f.all_children_in_school === null ? null : f.all_children_in_school === 1,
    })),
    registeredAt: h.created_at,
  };
}

export async function clanMessage(trx: Trx, id: string, revision: number): Promise<ClanUpsertV1> {
  const { row: clan, householdIds } = await clanRecord(trx, id);
  return {
    type: 'ClanUpsertV1',
    id,
    revision,
    name: clan.name,
    representative: clan.representative,
    householdIds,
    registeredAt: clan.created_at,
  };
}

export async function unitMessage(trx: Trx, id: string, revision: number): Promise<UnitUpsertV1> {
  const { row: unit, counts, memberIds } = await unitRecord(trx, id);
  return {
    type: 'UnitUpsertV1',
    id,
    revision,
    name: unit.name,
    kind: unit.kind,
    village: unit.village,
    staffCounts: counts.map((c) => ({ year: c.year, count: c.count })),
    memberPersonIds: memberIds,
    registeredAt: unit.created_at,
  };
}

/**
 * A household changed: its revision goes up by one and the whole record goes to the outbox. Call
 * once per household per transaction, after the change (a registration appends revision 1 itself).
 */
export async function householdChanged(trx: Trx, id: string, at: string): Promise<void> {
  await bumpHouseholdRevision(trx, id, at);
  await sendHousehold(trx, id, at);
}

/** Appends the household at the revision it holds. */
export async function sendHousehold(trx: Trx, id: string, at: string): Promise<void> {
  await appendChange(trx, await householdMessage(trx, id), at);
}

/** A clan was created or changed: its next revision (clans keep none of their own) goes to the outbox. */
export async function clanChanged(trx: Trx, id: string, at: string): Promise<void> {
  await touchClan(trx, id, at);
  await appendChange(trx, await clanMessage(trx, id, await nextRevision(trx, 'clan', id)), at);
}

/** A unit was created or changed: its next revision goes to the outbox. */
export async function unitChanged(trx: Trx, id: string, at: string): Promise<void> {
  await touchUnit(trx, id, at);
  await appendChange(trx, await unitMessage(trx, id, await nextRevision(trx, 'unit', id)), at);
}

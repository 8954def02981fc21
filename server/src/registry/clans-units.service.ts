import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import type { ClanView, CreateClan, CreateUnit, LinkHousehold, UnitView, UpdateClan, UpdateUnit } from '../../../shared/schemas/registry.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import { personBySlip, type RegistryDeps } from './households.service.ts';
import { clanChanged, unitChanged } from './registry.outbox.ts';

/**
 * Clans (dòng họ: a name, a representative, member households across villages) and units (đơn
 * vị: an agency, school, enterprise, cooperative or production unit, with its staff count per
 * year and the staff registered here linked to it). Kept by facilitators and officers. Every change
 * goes up as the clan's or unit's next revision (registry.outbox.ts); a retry that changes nothing
 * sends nothing.
 */

// ---- Clans ----

export async function createClan(deps: RegistryDeps, actor: Actor, input: CreateClan): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('clan').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (existing.name !== input.name || existing.representative !== input.representative) throw new AppError('clan.id-conflict');
      return clanView(trx, input.id);
    }
    await trx.insertInto('clan').values({ id: input.id, name: input.name, representative: input.representative, created_at: at, updated_at: at }).execute();
    await clanChanged(trx, input.id, at);
    await audit(trx, actor, { action: 'registry.clan', subjectKind: 'clan', subjectId: input.id, details: { name: input.name } }, at);
    return clanView(trx, input.id);
  });
}

/** A clan's name or representative corrected; the same values again change nothing. */
export async function updateClan(deps: RegistryDeps, actor: Actor, id: string, input: UpdateClan): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await clanRow(trx, id);
    if (before.name === input.name && before.representative === input.representative) return clanView(trx, id);
    await trx.updateTable('clan').set({ name: input.name, representative: input.representative }).where('id', '=', id).execute();
    await clanChanged(trx, id, at);
    await audit(trx, actor, { action: 'registry.clan', subjectKind: 'clan', subjectId: id, details: { name: input.name, renamedFrom: before.name === input.name ? undefined : before.name } }, at);
    return clanView(trx, id);
  });
}

/**
 * A household joins a clan, found by its head's slip code; a household is in one clan at a time.
 * One already in another clan is refused unless staff ask to move it: its old membership closes in
 * the same transaction (history kept) and both clans go up.
 */
export async function linkClanHousehold(deps: RegistryDeps, actor: Actor, clanId: string, input: LinkHousehold): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await clanRow(trx, clanId);
    // A slip is unique as (code, birth year): among the people with this code, the one heading a household.
    const heads = await trx.selectFrom('person').leftJoin('household', 'household.head_person_id', 'person.id')
      .select('household.id').where('person.code', '=', input.headCode).execute();
    if (heads.length === 0) throw new AppError('person.not-found');
    const households = heads.filter((h) => h.id !== null);
    if (households.length === 0) throw new AppError('household.not-found');
    if (households.length > 1) throw new AppError('request.invalid', { reason: `${households.length} household heads have the code ${input.headCode}` });
    const household = { id: households[0]!.id! };
    const current = await trx.selectFrom('clan_household').selectAll().where('household_id', '=', household.id).where('left_at', 'is', null).executeTakeFirst();
    if (current?.clan_id === clanId) return clanView(trx, clanId);
    if (current && !input.move) throw new AppError('clan.household-taken');
    if (current) {
      await trx.updateTable('clan_household').set({ left_at: at }).where('id', '=', current.id).execute();
      await clanChanged(trx, current.clan_id, at);
    }
    await trx.insertInto('clan_household').values({ clan_id: clanId, household_id: household.id, joined_at: at, left_at: null }).execute();
    await clanChanged(trx, clanId, at);
    await audit(trx, actor, { action: 'registry.clan', subjectKind: 'clan', subjectId: clanId, details: { householdId: household.id, joined: true, from: current?.clan_id } }, at);
    return clanView(trx, clanId);
  });
}

/** A household leaves a clan (the membership is closed, not deleted). */
export async function leaveClan(deps: RegistryDeps, actor: Actor, clanId: string, householdId: string): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await clanRow(trx, clanId);
    const closed = await trx.updateTable('clan_household').set({ left_at: at })
      .where('clan_id', '=', clanId).where('household_id', '=', householdId).where('left_at', 'is', null).executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) throw new AppError('clan.household-not-found');
    await clanChanged(trx, clanId, at);
    await audit(trx, actor, { action: 'registry.clan', subjectKind: 'clan', subjectId: clanId, details: { householdId, joined: false } }, at);
    return clanView(trx, clanId);
  });
}

export async function getClan(db: Db, id: string): Promise<ClanView> {
  await clanRow(db, id);
  return clanView(db, id);
}

export async function listClans(db: Db): Promise<ClanView[]> {
  const rows = await db.selectFrom('clan').select('id').orderBy('name').execute();
  return Promise.all(rows.map((r) => clanView(db, r.id)));
}

async function clanRow(db: Db | Transaction<Database>, id: string) {
  const row = await db.selectFrom('clan').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('clan.not-found');
  return row;
}

async function clanView(db: Db | Transaction<Database>, id: string): Promise<ClanView> {
  const clan = await clanRow(db, id);
  const households = await db.selectFrom('clan_household')
    .innerJoin('household', 'household.id', 'clan_household.household_id')
    .innerJoin('person', 'person.id', 'household.head_person_id')
    .select(['household.id as householdId', 'household.village', 'person.name as head', 'clan_household.joined_at as since'])
    .where('clan_household.clan_id', '=', id).where('clan_household.left_at', 'is', null).orderBy('clan_household.joined_at').execute();
  return {
    id, name: clan.name, representative: clan.representative, households,
    villages: [...new Set(households.map((h) => h.village))].sort((a, b) => a.localeCompare(b, 'vi')),
  };
}

// ---- Units ----

export async function createUnit(deps: RegistryDeps, actor: Actor, input: CreateUnit): Promise<UnitView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('unit').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (existing) {
      if (existing.name !== input.name || existing.kind !== input.kind || existing.village !== input.village) throw new AppError('unit.id-conflict');
      return unitView(trx, input.id);
    }
    await trx.insertInto('unit').values({ ...input, created_at: at, updated_at: at }).execute();
    await unitChanged(trx, input.id, at);
    await audit(trx, actor, { action: 'registry.unit', subjectKind: 'unit', subjectId: input.id, details: { name: input.name, kind: input.kind } }, at);
    return unitView(trx, input.id);
  });
}

/** A unit's name, kind or village corrected; the same values again change nothing. */
export async function updateUnit(deps: RegistryDeps, actor: Actor, id: string, input: UpdateUnit): Promise<UnitView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await unitRow(trx, id);
    if (before.name === input.name && before.kind === input.kind && before.village === input.village) return unitView(trx, id);
    await trx.updateTable('unit').set({ name: input.name, kind: input.kind, village: input.village }).where('id', '=', id).execute();
    await unitChanged(trx, id, at);
    await audit(trx, actor, { action: 'registry.unit', subjectKind: 'unit', subjectId: id, details: { name: input.name, kind: input.kind, village: input.village } }, at);
    return unitView(trx, id);
  });
}

/** The leader's staff count for a year; never below the staff already linked (they are staff too). The same count again changes nothing. */
export async function setStaffCount(deps: RegistryDeps, actor: Actor, unitId: string, year: number, count: number): Promise<UnitView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    const linked = await linkedCount(trx, unitId);
    if (count < linked) throw new AppError('unit.staff-count-below-linked', { count, linked });
    const stored = await trx.selectFrom('unit_staff_count').select('count').where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();
    if (stored?.count === count) return unitView(trx, unitId);
    const row = { count, entered_by: actor.name, entered_at: at };
    await trx.insertInto('unit_staff_count').values({ unit_id: unitId, year, ...row })
      .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet(row)).execute();
    await unitChanged(trx, unitId, at);
    await audit(trx, actor, { action: 'registry.unit', subjectKind: 'unit', subjectId: unitId, details: { year, staffCount: count } }, at);
    return unitView(trx, unitId);
  });
}

/** Links a registered person as the unit's staff; refused when it would pass this year's staff count. */
export async function linkUnitMember(deps: RegistryDeps, actor: Actor, unitId: string, code: string, birthYear: number): Promise<UnitView> {
  const at = deps.now().toISOString();
  const year = vietnamYear(at);
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    const person = await personBySlip(trx, code, birthYear);
    const current = await trx.selectFrom('unit_member').select('id').where('unit_id', '=', unitId).where('person_id', '=', person.id).where('left_at', 'is', null).executeTakeFirst();
    if (current) return unitView(trx, unitId);
    const declared = await trx.selectFrom('unit_staff_count').select('count').where('unit_id', '=', unitId).where('year', '=', year).executeTakeFirst();
    const linked = await linkedCount(trx, unitId);
    if (declared && linked + 1 > declared.count) throw new AppError('unit.staff-count-below-linked', { count: declared.count, linked: linked + 1 });
    await trx.insertInto('unit_member').values({ unit_id: unitId, person_id: person.id, joined_at: at, left_at: null }).execute();
    await unitChanged(trx, unitId, at);
    await audit(trx, actor, { action: 'registry.unit', subjectKind: 'unit', subjectId: unitId, details: { personId: person.id, joined: true } }, at);
    return unitView(trx, unitId);
  });
}

export async function leaveUnit(deps: RegistryDeps, actor: Actor, unitId: string, personId: string): Promise<UnitView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    const closed = await trx.updateTable('unit_member').set({ left_at: at }).where('unit_id', '=', unitId).where('person_id', '=', personId).where('left_at', 'is', null).executeTakeFirst();
    if (Number(closed.numUpdatedRows) === 0) throw new AppError('unit.member-not-found');
    await unitChanged(trx, unitId, at);
    await audit(trx, actor, { action: 'registry.unit', subjectKind: 'unit', subjectId: unitId, details: { personId, joined: false } }, at);
    return unitView(trx, unitId);
  });
}

export async function listUnits(db: Db): Promise<UnitView[]> {
  const rows = await db.selectFrom('unit').select('id').orderBy('name').execute();
  return Promise.all(rows.map((r) => unitView(db, r.id)));
}

export async function getUnit(db: Db, id: string): Promise<UnitView> {
  await unitRow(db, id);
  return unitView(db, id);
}

async function linkedCount(db: Db | Transaction<Database>, unitId: string): Promise<number> {
  const r = await db.selectFrom('unit_member').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unitId).where('left_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function unitRow(db: Db | Transaction<Database>, id: string) {
  const row = await db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('unit.not-found');
  return row;
}

async function unitView(db: Db | Transaction<Database>, id: string): Promise<UnitView> {
  const unit = await unitRow(db, id);
  const counts = await db.selectFrom('unit_staff_count').select(['year', 'count']).where('unit_id', '=', id).orderBy('year').execute();
  const members = await db.selectFrom('unit_member').innerJoin('person', 'person.id', 'unit_member.person_id')
    .select(['person.id as personId', 'person.code', 'person.name', 'unit_member.joined_at as since'])
    .where('unit_member.unit_id', '=', id).where('unit_member.left_at', 'is', null).orderBy('unit_member.joined_at').execute();
  return {
    id, name: unit.name, kind: unit.kind as UnitView['kind'], village: unit.village, members,
    staffCounts: Object.fromEntries(counts.map((c) => [String(c.year), c.count])),
  };
}

import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import type { HouseholdFacts, HouseholdView, LinkMember, RegisterHousehold } from '../../../shared/schemas/registry.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database, PersonRow } from '../db/schema.ts';
import { recognitionsOf, type ValidityMonths } from '../models/recognitions.ts';
import { findPersonById, findPersonBySlip } from '../people/people.repository.ts';
import { clanChanged, householdChanged, sendHousehold, unitChanged } from './registry.outbox.ts';

/**
 * Households (gia đình) at the center: registered at a tablet by the head, adults linked by the
 * codes on their slips. A person is in at most one household at a time; leaving or moving closes
 * the membership (history kept), and only staff can move someone out of another household. Every
 * change goes up as the household's next revision (registry.outbox.ts); a retry that changes
 * nothing sends nothing.
 */


export interface RegistryDeps {
  db: Db;
  villages: readonly string[];
  now: () => Date;
  /** How long each title's recognition stands (the household view says until when). */
  validity: ValidityMonths;
}

/** What reading a household needs. */
export type ReadDeps = Pick<RegistryDeps, 'db' | 'validity'>;

/** A person found by slip code and birth year; a wrong birth year answers like an unknown code. */
export async function personBySlip(db: Db, code: string, birthYear: number): Promise<PersonRow> {
  const person = await findPersonBySlip(db, code, birthYear);
  if (!person) throw new AppError('person.not-found');
  return person;
}

/** The household a person belongs to now, if any. */
export async function currentMembership(db: Db, personId: string) {
  return db.selectFrom('household_member').selectAll().where('person_id', '=', personId).where('left_at', 'is', null).executeTakeFirst();
}

export async function registerHousehold(deps: RegistryDeps, id: string, input: RegisterHousehold): Promise<HouseholdView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const head = await personBySlip(trx, input.headCode, input.headBirthYear);
    const existing = await trx.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();
    if (existing) {
      // A retried registration answers what was stored; another household under this id is refused.
      if (existing.head_person_id !== head.id || existing.village !== input.village) throw new AppError('household.id-conflict');
      return householdView(trx, id, deps.validity);
    }
    if (await currentMembership(trx, head.id)) throw new AppError('household.member-taken');
    await trx.insertInto('household').values({ id, village: input.village, head_person_id: head.id, revision: 1, created_at: at, updated_at: at }).execute();
    await trx.insertInto('household_member').values({ household_id: id, person_id: head.id, role: 'head', joined_at: at, left_at: null }).execute();
    await sendHousehold(trx, id, at);
    return householdView(trx, id, deps.validity);
  });
}

/**
 * Links an adult by slip code. Already a member here: nothing changes. In another household: refused,
 * unless staff ask to move her (her old membership closes in the same transaction).
 */
export async function linkMember(deps: RegistryDeps, actor: Actor | null, householdId: string, input: LinkMember): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await householdRow(trx, householdId);
    const person = await personBySlip(trx, input.code, input.birthYear);
    const current = await currentMembership(trx, person.id);
    if (current?.household_id === householdId) return householdView(trx, householdId, deps.validity);
    if (current) {
      if (!input.move || !actor) throw new AppError('household.member-taken');
      if (current.role === 'head') throw new AppError('household.head-cannot-leave');
      // A move: the household she leaves goes up without her, the one she joins with her.
      await closeMembership(trx, current.household_id, person.id, at);
    }
    await trx.insertInto('household_member').values({ household_id: householdId, person_id: person.id, role: 'member', joined_at: at, left_at: null }).execute();
    await householdChanged(trx, householdId, at);
    if (actor) await audit(trx, actor, { action: 'registry.household-member', subjectKind: 'household', subjectId: householdId, details: { personId: person.id, joined: true, movedFrom: current?.household_id ?? null } }, at);
    return householdView(trx, householdId, deps.validity);
  });
}

/** Staff: a member leaves (moved away, died, married out). The head hands over first. */
export async function leaveHousehold(deps: RegistryDeps, actor: Actor, householdId: string, personId: string): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await householdRow(trx, householdId);
    const current = await currentMembership(trx, personId);
    if (current?.household_id !== householdId) throw new AppError('household.member-not-found');
    if (current.role === 'head') throw new AppError('household.head-cannot-leave');
    await closeMembership(trx, householdId, personId, at);
    await audit(trx, actor, { action: 'registry.household-member', subjectKind: 'household', subjectId: householdId, details: { personId, joined: false } }, at);
    return householdView(trx, householdId, deps.validity);
  });
}

/** Staff: another current member becomes the head. */
export async function setHead(deps: RegistryDeps, actor: Actor, householdId: string, personId: string): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const household = await householdRow(trx, householdId);
    const current = await currentMembership(trx, personId);
    if (current?.household_id !== householdId) throw new AppError('household.member-not-found');
    if (household.head_person_id === personId) return householdView(trx, householdId, deps.validity);
    await trx.updateTable('household_member').set({ role: 'member' }).where('household_id', '=', householdId).where('left_at', 'is', null).where('role', '=', 'head').execute();
    await trx.updateTable('household_member').set({ role: 'head' }).where('id', '=', current.id).execute();
    await trx.updateTable('household').set({ head_person_id: personId }).where('id', '=', householdId).execute();
    await householdChanged(trx, householdId, at);
    await audit(trx, actor, { action: 'registry.household-head', subjectKind: 'household', subjectId: householdId, details: { personId } }, at);
    return householdView(trx, householdId, deps.validity);
  });
}

/** The household's children for a year, as two facts about the household. The same facts again change nothing. */
export async function putFacts(deps: RegistryDeps, householdId: string, year: number, facts: HouseholdFacts): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  if (year > vietnamYear(at)) throw new AppError('household.year-invalid', { year });
  return deps.db.transaction().execute(async (trx) => {
    await householdRow(trx, householdId);
    const row = { school_age_children: facts.schoolAgeChildren, all_children_in_school: facts.allChildrenInSchool === null ? null : facts.allChildrenInSchool ? 1 : 0, updated_at: at };
    const stored = await trx.selectFrom('household_facts').selectAll().where('household_id', '=', householdId).where('year', '=', year).executeTakeFirst();
    if (stored?.school_age_children === row.school_age_children && stored.all_children_in_school === row.all_children_in_school) return householdView(trx, householdId, deps.validity);
    await trx.insertInto('household_facts').values({ household_id: householdId, year, ...row })
      .onConflict((oc) => oc.columns(['household_id', 'year']).doUpdateSet(row)).execute();
    await householdChanged(trx, householdId, at);
    return householdView(trx, householdId, deps.validity);
  });
}

export async function getHousehold(deps: ReadDeps, id: string): Promise<HouseholdView> {
  await householdRow(deps.db, id);
  return householdView(deps.db, id, deps.validity);
}

/** The household a person is in now (what the tablet shows her), or null. */
export async function householdOf(deps: ReadDeps, personId: string): Promise<HouseholdView | null> {
  if (!(await findPersonById(deps.db, personId))) throw new AppError('person.not-found');
  const m = await currentMembership(deps.db, personId);
  return m ? householdView(deps.db, m.household_id, deps.validity) : null;
}

/** Households of a village (or all), for the facilitator's list. */
export async function listHouseholds(deps: ReadDeps, village?: string): Promise<HouseholdView[]> {
  let q = deps.db.selectFrom('household').select('id').orderBy('created_at');
  if (village) q = q.where('village', '=', village);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => householdView(deps.db, r.id, deps.validity)));
}

/** A person's memberships of households and units, past ones included (her data export). */
export async function membershipsOf(db: Db, personId: string) {
  const households = await db.selectFrom('household_member').innerJoin('household', 'household.id', 'household_member.household_id')
    .select(['household.id as householdId', 'household.village', 'household_member.role', 'household_member.joined_at as joinedAt', 'household_member.left_at as leftAt'])
    .where('person_id', '=', personId).orderBy('household_member.id').execute();
  const units = await db.selectFrom('unit_member').innerJoin('unit', 'unit.id', 'unit_member.unit_id')
    .select(['unit.id as unitId', 'unit.name', 'unit_member.joined_at as joinedAt', 'unit_member.left_at as leftAt'])
    .where('person_id', '=', personId).orderBy('unit_member.id').execute();
  return { households, units };
}

/**
 * Erasing a person removes her memberships, and every household and unit she was in goes up again
 * without her. A household she headed passes to its longest-standing member, or goes with her when
 * she was its only adult. Returns the ids of the records that went with her (such a household, its
 * self-assessments and their photos), whose earlier outbox payloads the caller redacts, and those
 * photos' files, which the caller removes once the transaction is committed (as it does hers).
 */
export async function forgetPerson(trx: Transaction<Database>, personId: string, at: string): Promise<{ gone: string[]; photos: GonePhoto[] }> {
  const memberOf = await trx.selectFrom('household_member').select('household_id').where('person_id', '=', personId).where('left_at', 'is', null).execute();
  const headed = new Set((await trx.selectFrom('household').select('id').where('head_person_id', '=', personId).execute()).map((h) => h.id));
  const units = await trx.selectFrom('unit_member').select('unit_id').distinct().where('person_id', '=', personId).where('left_at', 'is', null).execute();
  await trx.deleteFrom('household_member').where('person_id', '=', personId).execute();
  await trx.deleteFrom('unit_member').where('person_id', '=', personId).execute();
  const gone: string[] = [];
  const photos: GonePhoto[] = [];
  for (const id of new Set([...memberOf.map((m) => m.household_id), ...headed])) {
    if (headed.has(id)) {
      const next = await trx.selectFrom('household_member').select(['id', 'person_id']).where('household_id', '=', id).where('left_at', 'is', null)
        .orderBy('joined_at').orderBy('id').executeTakeFirst();
      if (!next) {
        const removed = await removeHousehold(trx, id, at);
        gone.push(...removed.ids);
        photos.push(...removed.photos);
        continue;
      }
      await trx.updateTable('household_member').set({ role: 'head' }).where('id', '=', next.id).execute();
      await trx.updateTable('household').set({ head_person_id: next.person_id }).where('id', '=', id).execute();
    }
    await householdChanged(trx, id, at);
  }
  for (const { unit_id } of units) await unitChanged(trx, unit_id, at);
  return { gone, photos };
}

/** An evidence photo removed with its record: its file goes once no other evidence has the same hash. */
export interface GonePhoto { id: string; sha256: string }

/**
 * A household gone with its only adult: its facts, its own self-assessments with their appraisals
 * and evidence photos (they describe no one else) and its recognitions go with it; its clan goes
 * up without it.
 */
async function removeHousehold(trx: Transaction<Database>, id: string, at: string): Promise<{ ids: string[]; photos: GonePhoto[] }> {
  await trx.deleteFrom('household_member').where('household_id', '=', id).execute();
  await trx.deleteFrom('household_facts').where('household_id', '=', id).execute();
  const assessments = (await trx.selectFrom('assessment').select('id').where('subject_kind', '=', 'household').where('subject_id', '=', id).execute()).map((a) => a.id);
  const photos = assessments.length > 0 ? await trx.selectFrom('evidence').select(['id', 'sha256']).where('assessment_id', 'in', assessments).execute() : [];
  if (assessments.length > 0) {
    await trx.deleteFrom('evidence').where('assessment_id', 'in', assessments).execute();
    await trx.deleteFrom('appraisal_item').where('assessment_id', 'in', assessments).execute();
    await trx.deleteFrom('appraisal').where('assessment_id', 'in', assessments).execute();
    await trx.deleteFrom('assessment_item').where('assessment_id', 'in', assessments).execute();
    await trx.deleteFrom('assessment').where('id', 'in', assessments).execute();
  }
  await trx.deleteFrom('recognition').where('subject_kind', '=', 'household').where('subject_id', '=', id).execute();
  const clans = await trx.selectFrom('clan_household').select('clan_id').where('household_id', '=', id).where('left_at', 'is', null).execute();
  await trx.deleteFrom('clan_household').where('household_id', '=', id).execute();
  await trx.deleteFrom('household').where('id', '=', id).execute();
  for (const { clan_id } of clans) await clanChanged(trx, clan_id, at);
  return { ids: [id, ...assessments, ...photos.map((p) => p.id)], photos };
}

async function householdRow(db: Db, id: string) {
  const row = await db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('household.not-found');
  return row;
}

async function closeMembership(trx: Transaction<Database>, householdId: string, personId: string, at: string): Promise<void> {
  await trx.updateTable('household_member').set({ left_at: at }).where('household_id', '=', householdId).where('person_id', '=', personId).where('left_at', 'is', null).execute();
  await householdChanged(trx, householdId, at);
}

async function householdView(db: Db, id: string, validity: ValidityMonths): Promise<HouseholdView> {
  const h = await householdRow(db, id);
  const members = await db.selectFrom('household_member').innerJoin('person', 'person.id', 'household_member.person_id')
    .select(['person.id as personId', 'person.code', 'person.name', 'household_member.role', 'household_member.joined_at as since'])
    .where('household_id', '=', id).where('left_at', 'is', null).orderBy('household_member.joined_at').orderBy('household_member.id').execute();
  const facts = await db.selectFrom('household_facts').selectAll().where('household_id', '=', id).orderBy('year').execute();
  const clan = await db.selectFrom('clan_household').select('clan_id').where('household_id', '=', id).where('left_at', 'is', null).executeTakeFirst();
  const recognitions = (await recognitionsOf(db, 'household', 'gdht', [id], validity)).get(id) ?? [];
  return {
    id, village: h.village, headPersonId: h.head_person_id, revision: h.revision, clanId: clan?.clan_id ?? null,
    members: members.sort((a, b) => Number(b.role === 'head') - Number(a.role === 'head')),
    facts: Object.fromEntries(facts.map((f) => [String(f.year), {
      schoolAgeChildren: f.school_age_children, allChildrenInSchool: f.all_children_in_school === null ? null : f.all_children_in_school === 1,
    }])),
    recognitions,
  };
}

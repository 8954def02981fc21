import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import type { HouseholdFacts, HouseholdView, LinkMember, RegisterHousehold } from '../../../shared/schemas/registry.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database, PersonRow } from '../db/schema.ts';
import { recognitionsOf, type ValidityMonths } from '../collective-titles/recognitions.ts';
import { findPersonById, findPersonBySlip } from '../people/people.repository.ts';
import * as repo from './households.repository.ts';
import { householdChanged, sendHousehold } from './registry.outbox.ts';

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
  return repo.findCurrentMembership(db, personId);
}

export async function registerHousehold(
  deps: RegistryDeps,
  id: string,
  input: RegisterHousehold,
): Promise<HouseholdView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const head = await personBySlip(trx, input.headCode, input.headBirthYear);
    const existing = await repo.findHousehold(trx, id);
    if (existing) {
      // A retried registration answers what was stored; another household under this id is refused.
      if (existing.head_person_id !== head.id || existing.village !== input.village)
        throw new AppError('household.id-conflict');
      return householdView(trx, id, deps.validity);
    }
    if (await currentMembership(trx, head.id)) throw new AppError('household.member-taken');
    await repo.insertHousehold(trx, id, input.village, head.id, at);
    await repo.insertMember(trx, id, head.id, 'head', at);
    await sendHousehold(trx, id, at);
    return householdView(trx, id, deps.validity);
  });
}

/**
 * Links an adult by slip code. Already a member here: nothing changes. In another household: refused,
 * unless staff ask to move her (her old membership closes in the same transaction).
 */
export async function linkMember(
  deps: RegistryDeps,
  actor: Actor | null,
  householdId: string,
  input: LinkMember,
): Promise<HouseholdView> {
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
    await repo.insertMember(trx, householdId, person.id, 'member', at);
    await householdChanged(trx, householdId, at);
    if (actor)
      await audit(
        trx,
        actor,
        {
          action: 'registry.household-member',
          subjectKind: 'household',
          subjectId: householdId,
          details: { personId: person.id, joined: true, movedFrom: current?.household_id ?? null },
        },
        at,
      );
    return householdView(trx, householdId, deps.validity);
  });
}

/** Staff: a member leaves (moved away, died, married out). The head hands over first. */
export async function leaveHousehold(
  deps: RegistryDeps,
  actor: Actor,
  householdId: string,
  personId: string,
): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await householdRow(trx, householdId);
    const current = await currentMembership(trx, personId);
    if (current?.household_id !== householdId) throw new AppError('household.member-not-found');
    if (current.role === 'head') throw new AppError('household.head-cannot-leave');
    await closeMembership(trx, householdId, personId, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.household-member',
        subjectKind: 'household',
        subjectId: householdId,
        details: { personId, joined: false },
      },
      at,
    );
    return householdView(trx, householdId, deps.validity);
  });
}

/** Staff: another current member becomes the head. */
export async function setHead(
  deps: RegistryDeps,
  actor: Actor,
  householdId: string,
  personId: string,
): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const household = await householdRow(trx, householdId);
    const current = await currentMembership(trx, personId);
    if (current?.household_id !== householdId) throw new AppError('household.member-not-found');
    if (household.head_person_id === personId) return householdView(trx, householdId, deps.validity);
    await repo.moveHead(trx, householdId, current.id, personId);
    await householdChanged(trx, householdId, at);
    await audit(
      trx,
      actor,
      { action: 'registry.household-head', subjectKind: 'household', subjectId: householdId, details: { personId } },
      at,
    );
    return householdView(trx, householdId, deps.validity);
  });
}

/** The household's children for a year, as two facts about the household. The same facts again change nothing. */
export async function putFacts(
  deps: RegistryDeps,
  householdId: string,
  year: number,
  facts: HouseholdFacts,
): Promise<HouseholdView> {
  const at = deps.now().toISOString();
  if (year > vietnamYear(at)) throw new AppError('household.year-invalid', { year });
  return deps.db.transaction().execute(async (trx) => {
    await householdRow(trx, householdId);
    const row = {
      school_age_children: facts.schoolAgeChildren,
      all_children_in_school: facts.allChildrenInSchool === null ? null : facts.allChildrenInSchool ? 1 : 0,
      updated_at: at,
    };
    const stored = await repo.findFacts(trx, householdId, year);
    if (
      stored?.school_age_children === row.school_age_children &&
      stored.all_children_in_school === row.all_children_in_school
    )
      return householdView(trx, householdId, deps.validity);
    await repo.upsertFacts(trx, householdId, year, row);
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
  const ids = await repo.householdIds(deps.db, village);
  return Promise.all(ids.map((id) => householdView(deps.db, id, deps.validity)));
}

async function householdRow(db: Db, id: string) {
  const row = await repo.findHousehold(db, id);
  if (!row) throw new AppError('household.not-found');
  return row;
}

async function closeMembership(
  trx: Transaction<Database>,
  householdId: string,
  personId: string,
  at: string,
): Promise<void> {
  await repo.closeMember(trx, householdId, personId, at);
  await householdChanged(trx, householdId, at);
}

async function householdView(db: Db, id: string, validity: ValidityMonths): Promise<HouseholdView> {
  const h = await householdRow(db, id);
  const { members, facts, clanId } = await repo.householdDetails(db, id);
  const recognitions = (await recognitionsOf(db, 'household', 'gdht', [id], validity)).get(id) ?? [];
  return {
    id,
    village: h.village,
    headPersonId: h.head_person_id,
    revision: h.revision,
    clanId,
    members: members.sort((a, b) => Number(b.role === 'head') - Number(a.role === 'head')),
    facts: Object.fromEntries(
      facts.map((f) => [
        String(f.year),
        {
          schoolAgeChildren: f.school_age_children,
          allChildrenInSchool: f.all_children_in_school === null ? null : f.all_children_in_school === 1,
        },
      ]),
    ),
    recognitions,
  };
}

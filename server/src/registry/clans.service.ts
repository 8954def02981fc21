import { AppError } from '../../../shared/errors.ts';
import type { ClanView, CreateClan, LinkHousehold, UpdateClan } from '../../../shared/schemas/registry.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { RegistryDeps } from './households.service.ts';
import * as clans from './clans.repository.ts';
import { clanChanged } from './registry.outbox.ts';

/**
 * Clans (dòng họ: a name, a representative, member households across villages; units are in
 * units.service.ts). Kept by facilitators and officers. Every change goes up as the clan's next
 * revision (registry.outbox.ts); a retry that changes nothing sends nothing.
 */

export async function createClan(deps: RegistryDeps, actor: Actor, input: CreateClan): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await clans.findClan(trx, input.id);
    if (existing) {
      if (existing.name !== input.name || existing.representative !== input.representative)
        throw new AppError('clan.id-conflict');
      return clanView(trx, input.id);
    }
    await clans.insertClan(trx, input.id, input.name, input.representative, at);
    await clanChanged(trx, input.id, at);
    await audit(
      trx,
      actor,
      { action: 'registry.clan', subjectKind: 'clan', subjectId: input.id, details: { name: input.name } },
      at,
    );
    return clanView(trx, input.id);
  });
}

/** A clan's name or representative corrected; the same values again change nothing. */
export async function updateClan(deps: RegistryDeps, actor: Actor, id: string, input: UpdateClan): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await clanRow(trx, id);
    if (before.name === input.name && before.representative === input.representative) return clanView(trx, id);
    await clans.updateClanRow(trx, id, input.name, input.representative);
    await clanChanged(trx, id, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.clan',
        subjectKind: 'clan',
        subjectId: id,
        details: { name: input.name, renamedFrom: before.name === input.name ? undefined : before.name },
      },
      at,
    );
    return clanView(trx, id);
  });
}

/**
 * A household joins a clan, found by its head's slip code; a household is in one clan at a time.
 * One already in another clan is refused unless staff ask to move it: its old membership closes in
 * the same transaction (history kept) and both clans go up.
 */
export async function linkClanHousehold(
  deps: RegistryDeps,
  actor: Actor,
  clanId: string,
  input: LinkHousehold,
): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await clanRow(trx, clanId);
    // A slip is unique as (code, birth year): among the people with this code, the one heading a household.
    const heads = await clans.householdsHeadedByCode(trx, input.headCode);
    if (heads.length === 0) throw new AppError('person.not-found');
    const households = heads.filter((h) => h !== null);
    if (households.length === 0) throw new AppError('household.not-found');
    if (households.length > 1)
      throw new AppError('request.invalid', {
        reason: `${households.length} household heads have the code ${input.headCode}`,
      });
    const household = { id: households[0]! };
    const current = await clans.findCurrentClanOf(trx, household.id);
    if (current?.clan_id === clanId) return clanView(trx, clanId);
    if (current && !input.move) throw new AppError('clan.household-taken');
    if (current) {
      await clans.closeClanMembership(trx, current.id, at);
      await clanChanged(trx, current.clan_id, at);
    }
    await clans.insertClanHousehold(trx, clanId, household.id, at);
    await clanChanged(trx, clanId, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.clan',
        subjectKind: 'clan',
        subjectId: clanId,
        details: { householdId: household.id, joined: true, from: current?.clan_id },
      },
      at,
    );
    return clanView(trx, clanId);
  });
}

/** A household leaves a clan (the membership is closed, not deleted). */
export async function leaveClan(
  deps: RegistryDeps,
  actor: Actor,
  clanId: string,
  householdId: string,
): Promise<ClanView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await clanRow(trx, clanId);
    if (!(await clans.closeClanHousehold(trx, clanId, householdId, at))) throw new AppError('clan.household-not-found');
    await clanChanged(trx, clanId, at);
    await audit(
      trx,
      actor,
      { action: 'registry.clan', subjectKind: 'clan', subjectId: clanId, details: { householdId, joined: false } },
      at,
    );
    return clanView(trx, clanId);
  });
}

export async function getClan(db: Db, id: string): Promise<ClanView> {
  await clanRow(db, id);
  return clanView(db, id);
}

export async function listClans(db: Db): Promise<ClanView[]> {
  const ids = await clans.clanIds(db);
  return Promise.all(ids.map((id) => clanView(db, id)));
}

async function clanRow(db: Db, id: string) {
  const row = await clans.findClan(db, id);
  if (!row) throw new AppError('clan.not-found');
  return row;
}

async function clanView(db: Db, id: string): Promise<ClanView> {
  const clan = await clanRow(db, id);
  const households = await clans.clanHouseholds(db, id);
  return {
    id,
    name: clan.name,
    representative: clan.representative,
    households,
    villages: [...new Set(households.map((h) => h.village))].sort((a, b) => a.localeCompare(b, 'vi')),
  };
}

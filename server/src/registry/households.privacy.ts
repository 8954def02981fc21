import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import * as repo from './households.repository.ts';
import { clanChanged, householdChanged, unitChanged } from './registry.outbox.ts';

/** What the registry does for a person's privacy rights: her memberships for her data export, and her erasure. */

/** A person's memberships of households and units, past ones included (her data export). */
export async function membershipsOf(db: Db, personId: string) {
  return repo.membershipHistory(db, personId);
}

/**
 * Erasing a person removes her memberships, and every household and unit she was in goes up again
 * without her. A household she headed passes to its longest-standing member, or goes with her when
 * she was its only adult. Returns the ids of the records that went with her (such a household, its
 * self-assessments and their photos), whose earlier outbox payloads the caller redacts, and those
 * photos' files, which the caller removes once the transaction is committed (as it does hers).
 */
export async function forgetPerson(
  trx: Transaction<Database>,
  personId: string,
  at: string,
): Promise<{ gone: string[]; photos: GonePhoto[] }> {
  const ties = await repo.currentTies(trx, personId);
  const headed = new Set(ties.headed);
  await repo.deleteMemberships(trx, personId);
  const gone: string[] = [];
  const photos: GonePhoto[] = [];
  for (const id of new Set([...ties.households, ...headed])) {
    if (headed.has(id)) {
      const next = await repo.longestMember(trx, id);
      if (!next) {
        const removed = await removeHousehold(trx, id, at);
        gone.push(...removed.ids);
        photos.push(...removed.photos);
        continue;
      }
      await repo.setHeadMembership(trx, id, next.id, next.person_id);
    }
    await householdChanged(trx, id, at);
  }
  for (const unitId of ties.units) await unitChanged(trx, unitId, at);
  return { gone, photos };
}

/** An evidence photo removed with its record: its file goes once no other evidence has the same hash. */
export interface GonePhoto {
  id: string;
  sha256: string;
}

/**
 * A household gone with its only adult: its facts, its own self-assessments with their appraisals
 * and evidence photos (they describe no one else) and its recognitions go with it; its clan goes
 * up without it.
 */
async function removeHousehold(
  trx: Transaction<Database>,
  id: string,
  at: string,
): Promise<{ ids: string[]; photos: GonePhoto[] }> {
  const { assessments, photos, clans } = await repo.deleteHousehold(trx, id);
  for (const clanId of clans) await clanChanged(trx, clanId, at);
  return { ids: [id, ...assessments, ...photos.map((p) => p.id)], photos };
}

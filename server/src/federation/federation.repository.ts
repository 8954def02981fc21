import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Place } from '../resources/resources.feed.ts';

/** What a box's federation reads and flags besides its state (server/src/sync/sync-state.repository.ts). */

/** Evidence files not yet sent to the hub, by hash (at most `limit`). */
export async function unsentEvidence(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('evidence')
    .select('sha256')
    .distinct()
    .where('sent_to_hub', '=', 0)
    .limit(limit)
    .execute();
  return rows.map((r) => r.sha256);
}

export async function markEvidenceSent(db: Db, hashes: string[]): Promise<void> {
  await db.updateTable('evidence').set({ sent_to_hub: 1 }).where('sha256', 'in', hashes).execute();
}

/** Every evidence file goes again (the hub was restored behind what it acknowledged; it says which it lacks). */
export async function markEvidenceUnsent(db: Db): Promise<void> {
  await db.updateTable('evidence').set({ sent_to_hub: 0 }).where('sent_to_hub', '=', 1).execute();
}

/** The stored records of the resources made elsewhere than `place` still offered. */
export async function resourcesFromAbove(db: Db, place: Place): Promise<string[]> {
  const rows = await db
    .selectFrom('resource')
    .select('payload')
    .where('origin', '!=', place)
    .where('retired', '=', 0)
    .execute();
  return rows.map((r) => r.payload);
}

/** Raises the revision column of these tables by `step`. */
export async function raiseTableRevisions(trx: Db, tables: readonly string[], step: number): Promise<void> {
  for (const table of tables) await sql`update ${sql.table(table)} set revision = revision + ${step}`.execute(trx);
}

/** The sync_state rows whose key matches `pattern` (SQL like). */
export function stateLike(db: Db, pattern: string): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('sync_state').selectAll().where('key', 'like', pattern).execute();
}

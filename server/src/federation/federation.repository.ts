import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Place } from '../resources/resources.feed.ts';

/**
 * What a box's federation keeps (sync_state) and the flags it sets on what it sends. `hubCa`: the
 * PEM of the hub's CA pinned at enrolment (absent: the system's roots, or plain HTTP on this
 * machine). The center's history (issue 21, history.ts): `epoch` names the history it sends under,
 * `hubEpoch` the one the hub last agreed (they differ after enrolment and after a restore, until
 * the next push agrees them); `restoredSeq` is the highest outbox number a restored database held
 * (`restoredHeld` what a copy put back by hand held); `lostChanges` counts what the hub got from a
 * dead box and no backup held; `historyError` is set while the center cannot agree with its hub.
 * `enrolKeys`: the key pair sent with an enrolment whose answer has not come, reused until one does.
 */
export type StateKey = 'hubUrl' | 'hubName' | 'hubCa' | 'nodeId' | 'privateKey' | 'publicKey' | 'cursor' | 'feedCursor'
  | 'lastSuccessAt' | 'lastAttemptAt' | 'lastError' | 'epoch' | 'hubEpoch' | 'restoredSeq' | 'restoredHeld' | 'lostChanges'
  | 'historyError' | 'enrolKeys';

export type State = Partial<Record<StateKey, string>>;

export async function readState(db: Db): Promise<State> {
  const rows = await db.selectFrom('sync_state').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Sets these keys in one statement: one commit (one fsync) however many keys change. */
export async function writeState(db: Db, values: State): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value: value! }));
  if (rows.length === 0) return;
  await db.insertInto('sync_state').values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
}

export async function clearState(db: Db, keys: StateKey[]): Promise<void> {
  await db.deleteFrom('sync_state').where('key', 'in', keys).execute();
}

/** Evidence files not yet sent to the hub, by hash (at most `limit`). */
export async function unsentEvidence(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('evidence').select('sha256').distinct().where('sent_to_hub', '=', 0).limit(limit).execute();
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
  const rows = await db.selectFrom('resource').select('payload').where('origin', '!=', place).where('retired', '=', 0).execute();
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

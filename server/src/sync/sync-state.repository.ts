import type { Db } from '../db/database.ts';

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
export type StateKey =
  | 'hubUrl'
  | 'hubName'
  | 'hubCa'
  | 'nodeId'
  | 'privateKey'
  | 'publicKey'
  | 'cursor'
  | 'feedCursor'
  | 'lastSuccessAt'
  | 'lastAttemptAt'
  | 'lastError'
  | 'epoch'
  | 'hubEpoch'
  | 'restoredSeq'
  | 'restoredHeld'
  | 'lostChanges'
  | 'historyError'
  | 'enrolKeys';

export type State = Partial<Record<StateKey, string>>;

export async function readState(db: Db): Promise<State> {
  const rows = await db.selectFrom('sync_state').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Sets these keys in one statement: one commit (one fsync) however many keys change. */
export async function writeState(db: Db, values: State): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value: value! }));
  if (rows.length === 0) return;
  await db
    .insertInto('sync_state')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export async function clearState(db: Db, keys: StateKey[]): Promise<void> {
  await db.deleteFrom('sync_state').where('key', 'in', keys).execute();
}

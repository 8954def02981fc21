import type { Kysely, Transaction } from 'kysely';
import { recordKindOf, type ChangeMessage } from '../../../shared/sync/messages.ts';
import type { Database } from '../db/schema.ts';

/** Appends a change to the outbox; call inside the transaction that makes the change. */
export async function appendChange(trx: Transaction<Database>, message: ChangeMessage, at: string): Promise<void> {
  await trx.insertInto('outbox').values({
    record_kind: recordKindOf[message.type],
    record_id: message.id,
    revision: message.revision,
    message_type: message.type,
    payload: JSON.stringify(message),
    created_at: at,
  }).execute();
}

/** Changes after `afterSeq`, oldest first. */
export async function readChanges(db: Kysely<Database>, afterSeq: number, limit: number): Promise<{ seq: number; message: ChangeMessage }[]> {
  const rows = await db.selectFrom('outbox').select(['seq', 'payload']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: r.seq, message: JSON.parse(r.payload) as ChangeMessage }));
}

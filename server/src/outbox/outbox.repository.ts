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

/**
 * The next revision of a record that keeps no revision of its own (a clan, a unit): one above the
 * highest already in the outbox for it. The outbox is never pruned (redaction keeps the revision
 * column), so this never goes back; call it inside the transaction that appends the change.
 */
export async function nextRevision(trx: Transaction<Database>, recordKind: (typeof recordKindOf)[keyof typeof recordKindOf], recordId: string): Promise<number> {
  const row = await trx.selectFrom('outbox').select((eb) => eb.fn.max<number>('revision').as('revision'))
    .where('record_kind', '=', recordKind).where('record_id', '=', recordId).executeTakeFirst();
  return Number(row?.revision ?? 0) + 1;
}

/** Changes after `afterSeq`, oldest first. */
export async function readChanges(db: Kysely<Database>, afterSeq: number, limit: number): Promise<{ seq: number; message: ChangeMessage }[]> {
  const rows = await db.selectFrom('outbox').select(['seq', 'payload']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: r.seq, message: JSON.parse(r.payload) as ChangeMessage }));
}

import { PostgresAdapter, sql } from 'kysely';
import { recordKindOf, type ChangeMessage } from '../../../shared/sync/messages.ts';
import type { Db } from '../db/database.ts';
import type { NewOutboxRow } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';

/**
 * The outbox: every change a box sends up, numbered (`seq`) in the order it was made, written in
 * the transaction that makes the change. Its only writer and reader: appending, redacting, paging,
 * counting the backlog, and renumbering after a restore (federation/history.ts says when).
 */

/** Appends a change to the outbox; call inside the transaction that makes the change. */
export async function appendChange(trx: Db, message: ChangeMessage, at: string): Promise<void> {
  await insertChange(trx, {
    record_kind: recordKindOf[message.type],
    record_id: message.id,
    revision: message.revision,
    message_type: message.type,
    payload: JSON.stringify(message),
    created_at: at,
  });
}
// Every write appends a change: built and compiled once (db/prepared.ts).
const insertChange = prepared((db, p: Omit<NewOutboxRow, 'seq'>) => db.insertInto('outbox').values(p));

/**
 * The next revision of a record that keeps no revision of its own (a clan, a unit): one above the
 * highest already in the outbox for it. The outbox is never pruned (redaction keeps the revision
 * column), so this never goes back; call it inside the transaction that appends the change.
 */
export async function nextRevision(
  trx: Db,
  recordKind: (typeof recordKindOf)[keyof typeof recordKindOf],
  recordId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('outbox')
    .select((eb) => eb.fn.max<number>('revision').as('revision'))
    .where('record_kind', '=', recordKind)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return Number(row?.revision ?? 0) + 1;
}

/** Changes after `afterSeq`, oldest first. */
export async function readChanges(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<{ seq: number; message: ChangeMessage }[]> {
  return (await payloadsAfter(db, afterSeq, limit)).map((r) => ({
    seq: r.seq,
    message: JSON.parse(r.payload) as ChangeMessage,
  }));
}

/** The stored payloads after `afterSeq`, oldest first: the JSON of each message, or of a redacted change's marker. */
export function payloadsAfter(db: Db, afterSeq: number, limit: number): Promise<{ seq: number; payload: string }[]> {
  return db
    .selectFrom('outbox')
    .select(['seq', 'payload'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The backlog: how many changes wait after `afterSeq` (the cursor the hub acknowledged). */
export async function countAfter(db: Db, afterSeq: number): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', '>', afterSeq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a redacted change's payload is replaced with; it goes up as a Redacted message (outbox.service.ts). */
export const REDACTED_PAYLOAD = JSON.stringify({ redacted: true });

/**
 * Empties the payloads of the changes of these records and of any change whose payload holds
 * `text` (an erased person's id): each keeps its place, kind, id and revision. Call in the
 * transaction of the erasure.
 */
export async function redactChanges(trx: Db, recordIds: string[], text: string): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ payload: REDACTED_PAYLOAD })
    .where((eb) => eb.or([eb('record_id', 'in', recordIds), eb('payload', 'like', `%${text}%`)]))
    .execute();
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The highest outbox number this box has handed out: the highest row, or the sequence if it went
 * further (a row deleted since), so nothing made from now on is numbered at or below it.
 */
export async function highestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .executeTakeFirst();
  const max = Number(row?.seq ?? 0);
  const used = isPostgres(db)
    ? (
        await sql<{
          n: number | null;
        }>`select pg_sequence_last_value(pg_get_serial_sequence('outbox', 'seq')::regclass) as n`.execute(db)
      ).rows[0]?.n
    : (await sql<{ n: number }>`select seq as n from sqlite_sequence where name = 'outbox'`.execute(db)).rows[0]?.n;
  return Math.max(max, Number(used ?? 0));
}

/**
 * Re-stamps the outbox rows numbered above `after` to follow `to` (the first becomes to + 1), in
 * their order, and makes the next number handed out follow them: what the box made after a restore
 * then comes after everything the hub acknowledged. Through negative numbers, so no row ever takes
 * a number another still holds. Call inside the transaction that moves the cursor.
 */
export async function restamp(trx: Db, after: number, to: number): Promise<void> {
  const shift = to - after;
  if (shift > 0) {
    await sql`update outbox set seq = -seq where seq > ${after}`.execute(trx);
    await sql`update outbox set seq = ${shift} - seq where seq < 0`.execute(trx);
  }
  const next = Math.max(to, await highestSeq(trx));
  if (isPostgres(trx)) {
    await sql`select setval(pg_get_serial_sequence('outbox', 'seq'), ${next})`.execute(trx);
  } else {
    const known = (await sql`select 1 from sqlite_sequence where name = 'outbox'`.execute(trx)).rows.length > 0;
    await (
      known
        ? sql`update sqlite_sequence set seq = ${next} where name = 'outbox'`
        : sql`insert into sqlite_sequence (name, seq) values ('outbox', ${next})`
    ).execute(trx);
  }
}

/**
 * Raises the revision of every change by `step` (clans and units count theirs here): through
 * negative numbers, as the outbox is unique by record and revision.
 */
export async function raiseRevisions(trx: Db, step: number): Promise<void> {
  await sql`update outbox set revision = -(revision + ${step})`.execute(trx);
  await sql`update outbox set revision = -revision`.execute(trx);
}

import { randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { PostgresAdapter, sql, type Transaction } from 'kysely';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

/**
 * A center's history as its hub sees it (issue 21). The outbox numbers (`seq`) and the record
 * revisions a box hands out are the hub's only way to tell new from already received: the hub
 * skips a change numbered at or below what it acknowledged, and a revision at or below the one it
 * holds. A box restored from a backup hands them out again from where the backup stood, below what
 * the dead box already sent. So a restore starts a new history (`epoch`) and raises every revision
 * counter well above anything the dead box can have reached; when the center and its hub agree on
 * the new history, what the center made after the restore is re-stamped after the hub's position
 * (federation.service.ts). Here: the database side of that, on SQLite and PostgreSQL.
 */

/**
 * Added to every revision a box hands out when its database comes back from a backup: far more
 * edits than a box makes to one record between a backup and its death, and room for 2,000 restores
 * in PostgreSQL's 32-bit integer (hub_record.revision).
 */
export const REVISION_STEP = 1_000_000;

/** The tables whose rows go up with their own revision (outbox.revision apart: clans and units count theirs there). */
const REVISION_TABLES = ['person', 'assessment', 'appraisal', 'evidence', 'household', 'proposal_list'] as const;

/** The relayed aggregates of a commune hub keep their last revision in sync_state (relay.ts). */
const RELAY_KEYS = 'relay:%';

/** A new history's name: 32 hex digits. */
export function newEpoch(): string {
  return randomBytes(16).toString('hex');
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The highest outbox number this box has handed out: the highest row, or the sequence if it went
 * further (a row deleted since), so nothing made from now on is numbered at or below it.
 */
export async function highestSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.max<number>('seq').as('seq')).executeTakeFirst();
  const max = Number(row?.seq ?? 0);
  const used = isPostgres(db)
    ? (await sql<{ n: number | null }>`select pg_sequence_last_value(pg_get_serial_sequence('outbox', 'seq')::regclass) as n`.execute(db)).rows[0]?.n
    : (await sql<{ n: number }>`select seq as n from sqlite_sequence where name = 'outbox'`.execute(db)).rows[0]?.n;
  return Math.max(max, Number(used ?? 0));
}

/**
 * Re-stamps the outbox rows numbered above `after` to follow `to` (the first becomes to + 1), in
 * their order, and makes the next number handed out follow them: what the box made after a restore
 * then comes after everything the hub acknowledged. Through negative numbers, so no row ever takes
 * a number another still holds. Call inside the transaction that moves the cursor.
 */
export async function restamp(trx: Transaction<Database>, after: number, to: number): Promise<void> {
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
    await (known ? sql`update sqlite_sequence set seq = ${next} where name = 'outbox'` : sql`insert into sqlite_sequence (name, seq) values ('outbox', ${next})`).execute(trx);
  }
}

/**
 * Raises every revision counter of the box by REVISION_STEP: the records' own, the outbox's (which
 * counts clans and units), and the relayed aggregates'. The next edit of a record then beats any
 * revision the dead box sent of it. Through negative numbers for the outbox (unique by record and
 * revision). For a database found copied back by hand; restoreBackup does the same on the file.
 */
export async function raiseRevisions(trx: Transaction<Database>): Promise<void> {
  for (const table of REVISION_TABLES) await sql`update ${sql.table(table)} set revision = revision + ${REVISION_STEP}`.execute(trx);
  await sql`update outbox set revision = -(revision + ${REVISION_STEP})`.execute(trx);
  await sql`update outbox set revision = -revision`.execute(trx);
  const relayed = await trx.selectFrom('sync_state').selectAll().where('key', 'like', RELAY_KEYS).execute();
  for (const r of relayed) await trx.updateTable('sync_state').set({ value: raisedRelay(r.value) }).where('key', '=', r.key).execute();
}

function raisedRelay(value: string): string {
  const last = JSON.parse(value) as { revision: number; digest: string };
  return JSON.stringify({ ...last, revision: last.revision + REVISION_STEP });
}

/**
 * Marks a database file just restored from a backup, through its own connection (the kiosk is
 * stopped): a new epoch, `restoredSeq` (the highest outbox number it holds: what was made after it
 * is the restored box's own), and every revision counter raised. Only a box enrolled with a hub
 * has a history to mark; a backup from an older version may lack some tables. One transaction.
 * Answers what was marked, or null.
 */
export function markRestored(db: SQLite.Database): { epoch: string; restoredSeq: number } | null {
  const has = (table: string) => db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
  if (!has('sync_state') || !has('outbox')) return null;
  if (!db.prepare("select 1 from sync_state where key = 'nodeId'").get()) return null;
  const epoch = newEpoch();
  const mark = db.transaction(() => {
    const max = Number((db.prepare('select max(seq) as n from outbox').get() as { n: number | null }).n ?? 0);
    const used = has('sqlite_sequence') ? Number((db.prepare("select seq as n from sqlite_sequence where name = 'outbox'").get() as { n: number } | undefined)?.n ?? 0) : 0;
    const restoredSeq = Math.max(max, used);
    for (const table of REVISION_TABLES) {
      const columns = has(table) ? (db.prepare(`pragma table_info("${table}")`).all() as { name: string }[]) : [];
      if (columns.some((c) => c.name === 'revision')) db.prepare(`update "${table}" set revision = revision + ?`).run(REVISION_STEP);
    }
    db.prepare('update outbox set revision = -(revision + ?)').run(REVISION_STEP);
    db.prepare('update outbox set revision = -revision').run();
    const relayed = db.prepare('select key, value from sync_state where key like ?').all(RELAY_KEYS) as { key: string; value: string }[];
    for (const r of relayed) db.prepare('update sync_state set value = ? where key = ?').run(raisedRelay(r.value), r.key);
    const put = db.prepare('insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
    put.run('epoch', epoch);
    put.run('restoredSeq', String(restoredSeq));
    return restoredSeq;
  });
  return { epoch, restoredSeq: mark() };
}

/** The keys of sync_state this file reads and writes (federation.service.ts names them all). */
async function stateOf(trx: Transaction<Database>): Promise<Record<string, string>> {
  const rows = await trx.selectFrom('sync_state').selectAll().where('key', 'in', ['cursor', 'nodeId', 'restoredSeq', 'restoredHeld', 'lostChanges']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

async function put(trx: Transaction<Database>, values: Record<string, string>): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value }));
  await trx.insertInto('sync_state').values(rows).onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))).execute();
}

/**
 * Sets the center's cursor to `hubSeq`, how far the hub holds its changes, in one transaction with
 * what that position means:
 * - after a restore (`agreed`: the hub has just adopted this box's new epoch; `restoredSeq` marked):
 *   when the hub holds more than the backup did, the difference went with the dead box and is
 *   counted lost (sync_state `lostChanges`, the audit log), and what the box made after the
 *   restore is re-stamped to follow the hub's position;
 * - a database copied back by hand (no mark, but the hub holds changes numbered beyond any this
 *   box made): every revision is raised, and it becomes a restore that must first be agreed with
 *   the hub under a new epoch (answers 'copied-back'); what it holds after its cursor is then sent
 *   again (which of it the hub already has cannot be told; each is applied once) and at least the
 *   changes numbered beyond it are counted lost;
 * - the hub holds less than it acknowledged (restored from an older backup): everything after its
 *   position goes again, photos too (the hub answers which files it lacks);
 * - an acknowledgement that was lost: the cursor simply moves on.
 */
export async function settle(trx: Transaction<Database>, hubSeq: number, at: string, agreed: string | null): Promise<'settled' | 'copied-back'> {
  const s = await stateOf(trx);
  const cursor = Number(s.cursor ?? 0);
  const held = await highestSeq(trx);
  let after = agreed && s.restoredSeq !== undefined ? Number(s.restoredSeq) : null;
  let base = agreed && s.restoredHeld !== undefined ? Number(s.restoredHeld) : after;
  if (after === null && hubSeq > held) {
    await raiseRevisions(trx);
    if (!agreed) {
      await put(trx, { epoch: newEpoch(), restoredSeq: String(cursor), restoredHeld: String(held) });
      return 'copied-back';
    }
    after = cursor;
    base = held;
  }
  const values: Record<string, string> = { cursor: String(hubSeq) };
  if (after !== null && base !== null && hubSeq > base) {
    await restamp(trx, after, hubSeq);
    const lost = hubSeq - base;
    values.lostChanges = String(Number(s.lostChanges ?? 0) + lost);
    await audit(trx, null, { action: 'sync.history-lost', subjectKind: 'hub', ...(s.nodeId ? { subjectId: s.nodeId } : {}), details: { lost, hubSeq, restoredSeq: base } }, at);
  } else if (hubSeq < cursor) {
    await trx.updateTable('evidence').set({ sent_to_hub: 0 }).where('sent_to_hub', '=', 1).execute();
  }
  if (agreed) {
    values.hubEpoch = agreed;
    await trx.deleteFrom('sync_state').where('key', 'in', ['restoredSeq', 'restoredHeld', 'historyError']).execute();
  }
  await put(trx, values);
  return 'settled';
}

import { sql, type Insertable, type Selectable } from 'kysely';
import type { HubEnrolmentTable, HubNodeRow, HubNodeTable, HubRecordTable } from '../../db/schema.ts';
import { sqliteHandle, type Db } from '../../db/database.ts';

export function findNode(db: Db, id: string): Promise<HubNodeRow | undefined> {
  return db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listNodes(db: Db): Promise<HubNodeRow[]> {
  return db.selectFrom('hub_node').selectAll().orderBy('name').execute();
}

/** The active node holding this public key (the latest enrolled, should a revoked key have been enrolled again). */
export function findActiveNodeByKey(db: Db, publicKey: string): Promise<HubNodeRow | undefined> {
  return db
    .selectFrom('hub_node')
    .selectAll()
    .where('public_key', '=', publicKey)
    .where('status', '=', 'active')
    .orderBy('enrolled_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findEnrolment(db: Db, codeHash: string): Promise<Selectable<HubEnrolmentTable> | undefined> {
  return db.selectFrom('hub_enrolment').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Spends a code on a node, only if it is still unspent: answers whether it was. */
export async function spendEnrolment(db: Db, codeHash: string, nodeId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('hub_enrolment')
    .set({ used_at: at, node_id: nodeId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEnrolment(db: Db, row: Insertable<HubEnrolmentTable>): Promise<void> {
  await db.insertInto('hub_enrolment').values(row).execute();
}

export async function insertNode(db: Db, row: Insertable<HubNodeTable>): Promise<void> {
  await db.insertInto('hub_node').values(row).execute();
}

export async function revokeNode(db: Db, nodeId: string): Promise<void> {
  await db.updateTable('hub_node').set({ status: 'revoked' }).where('id', '=', nodeId).execute();
}

/** How far a node's changes are held, when it was last heard from, and what it said still waits. */
export async function advanceNode(db: Db, nodeId: string, lastSeq: number, at: string, backlog: number): Promise<void> {
  await db
    .updateTable('hub_node')
    .set({ last_seq: lastSeq, last_contact_at: at, backlog })
    .where('id', '=', nodeId)
    .execute();
}

/**
 * Spends a request's nonce, answering false when the node used it before; nonces older than
 * `forgetBefore` leave (they are outside any window).
 */
export async function spendNonce(
  db: Db,
  nodeId: string,
  nonce: string,
  at: string,
  forgetBefore: string,
): Promise<boolean> {
  const seen = await db
    .insertInto('hub_nonce')
    .values({ node_id: nodeId, nonce, at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(seen.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db.deleteFrom('hub_nonce').where('at', '<', forgetBefore).execute();
  return true;
}

/** The history a node sends under from now on, and those it replaced. */
export async function setEpoch(db: Db, nodeId: string, epoch: string, retired: string[], at: string): Promise<void> {
  await db
    .updateTable('hub_node')
    .set({ epoch, retired_epochs: JSON.stringify(retired), last_contact_at: at })
    .where('id', '=', nodeId)
    .execute();
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** The stored origin and revision of each of these records that the hub holds, one query per kind and 500 ids. */
export async function findRecords(
  db: Db,
  keys: { kind: string; id: string }[],
): Promise<Pick<HubRecordTable, 'record_kind' | 'record_id' | 'origin' | 'revision'>[]> {
  const byKind = new Map<string, Set<string>>();
  for (const k of keys) byKind.set(k.kind, (byKind.get(k.kind) ?? new Set()).add(k.id));
  const out: Pick<HubRecordTable, 'record_kind' | 'record_id' | 'origin' | 'revision'>[] = [];
  for (const [kind, ids] of byKind) {
    for (const part of chunks([...ids])) {
      out.push(
        ...(await db
          .selectFrom('hub_record')
          .select(['record_kind', 'record_id', 'origin', 'revision'])
          .where('record_kind', '=', kind)
          .where('record_id', 'in', part)
          .execute()),
      );
    }
  }
  return out;
}

/**
 * Makes `latest` (one row per record) the current revision of each record, new or not, and
 * appends every revision in `history` (in order) to the history: multi-row statements.
 */
export async function putRecords(trx: Db, latest: HubRecordTable[], history: HubRecordTable[]): Promise<void> {
  for (const part of chunks(latest)) {
    await trx
      .insertInto('hub_record')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['record_kind', 'record_id']).doUpdateSet((eb) => ({
          revision: eb.ref('excluded.revision'),
          message_type: eb.ref('excluded.message_type'),
          payload: eb.ref('excluded.payload'),
          received_at: eb.ref('excluded.received_at'),
        })),
      )
      .execute();
  }
  for (const part of chunks(history)) await trx.insertInto('hub_record_history').values(part).execute();
}

export async function deleteRecords(trx: Db, kind: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('hub_record').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
  await trx.deleteFrom('hub_record_history').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
}

/** Stored records of one kind, by id: the node that sent each and its message as stored (not yet checked). */
export async function recordPayloads(
  db: Db,
  kind: string,
  ids: readonly string[],
): Promise<Map<string, { origin: string; message: unknown }>> {
  const out = new Map<string, { origin: string; message: unknown }>();
  for (const part of chunks([...ids])) {
    const rows = await db
      .selectFrom('hub_record')
      .select(['record_id', 'origin', 'payload'])
      .where('record_kind', '=', kind)
      .where('record_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.record_id, { origin: r.origin, message: JSON.parse(r.payload) as unknown });
  }
  return out;
}

/** Every stored record of these kinds, current revision, as stored. */
export function recordsOfKinds(
  db: Db,
  kinds: readonly string[],
): Promise<Pick<HubRecordTable, 'record_kind' | 'record_id' | 'origin' | 'payload' | 'received_at'>[]> {
  return db
    .selectFrom('hub_record')
    .select(['record_kind', 'record_id', 'origin', 'payload', 'received_at'])
    .where('record_kind', 'in', [...kinds])
    .execute();
}

/**
 * PostgreSQL's statistics of the records brought up to date: a rebuild right after a large push
 * would otherwise plan each page as a scan and sort of the whole kind (22–55 s instead of about 12 s
 * for 30,000 people × 5 years). SQLite plans the page by its primary key anyway.
 */
export async function refreshRecordStats(db: Db): Promise<void> {
  if (sqliteHandle(db) === null) await sql`analyze hub_record`.execute(db);
}

/**
 * The stored records of `kind`, a page at a time in id order (keyset on the primary key): a rebuild
 * holds one page of payloads at a time, not the whole hub's (refreshRecordStats first on PostgreSQL).
 */
export async function* recordPagesOfKind(
  db: Db,
  kind: string,
  pageSize = 2_000,
): AsyncGenerator<Pick<HubRecordTable, 'record_id' | 'origin' | 'payload' | 'received_at'>[]> {
  let after: string | null = null;
  for (;;) {
    let q = db
      .selectFrom('hub_record')
      .select(['record_id', 'origin', 'payload', 'received_at'])
      .where('record_kind', '=', kind)
      .orderBy('record_id')
      .limit(pageSize);
    if (after !== null) q = q.where('record_id', '>', after);
    const page = await q.execute();
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.record_id;
  }
}

/** The stored records of one kind a node sent, as (id, message as stored). */
export async function recordsFrom(db: Db, kind: string, origin: string): Promise<{ id: string; message: unknown }[]> {
  const rows = await db
    .selectFrom('hub_record')
    .select(['record_id', 'payload'])
    .where('record_kind', '=', kind)
    .where('origin', '=', origin)
    .execute();
  return rows.map((r) => ({ id: r.record_id, message: JSON.parse(r.payload) as unknown }));
}

/**
 * The records of these kinds a node sent whose payload holds `text`, current and past (history
 * rows by their row id): ids are UUIDs, so a payload without the id as text cannot name it.
 */
export async function recordsNaming(db: Db, kinds: readonly string[], origin: string, text: string) {
  const current = await db
    .selectFrom('hub_record')
    .select(['record_kind', 'record_id', 'payload'])
    .where('record_kind', 'in', [...kinds])
    .where('origin', '=', origin)
    .where('payload', 'like', `%${text}%`)
    .execute();
  const past = await db
    .selectFrom('hub_record_history')
    .select(['id', 'record_kind', 'payload'])
    .where('record_kind', 'in', [...kinds])
    .where('origin', '=', origin)
    .where('payload', 'like', `%${text}%`)
    .execute();
  return { current, past };
}

export async function rewriteRecord(db: Db, kind: string, id: string, payload: string): Promise<void> {
  await db
    .updateTable('hub_record')
    .set({ payload })
    .where('record_kind', '=', kind)
    .where('record_id', '=', id)
    .execute();
}

/** Rewrites one past revision (by its history row id), or deletes it with `payload` null. */
export async function rewritePastRecord(db: Db, rowId: number, payload: string | null): Promise<void> {
  if (payload === null) await db.deleteFrom('hub_record_history').where('id', '=', rowId).execute();
  else await db.updateTable('hub_record_history').set({ payload }).where('id', '=', rowId).execute();
}

import type { Selectable, Transaction } from 'kysely';
import type { Database, HubEnrolmentTable, HubNodeRow, HubRecordTable } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

export function findNode(db: Db, id: string): Promise<HubNodeRow | undefined> {
  return db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listNodes(db: Db): Promise<HubNodeRow[]> {
  return db.selectFrom('hub_node').selectAll().orderBy('name').execute();
}

/** The active node holding this public key (the latest enrolled, should a revoked key have been enrolled again). */
export function findActiveNodeByKey(db: Db, publicKey: string): Promise<HubNodeRow | undefined> {
  return db.selectFrom('hub_node').selectAll().where('public_key', '=', publicKey).where('status', '=', 'active')
    .orderBy('enrolled_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function findEnrolment(db: Db, codeHash: string): Promise<Selectable<HubEnrolmentTable> | undefined> {
  return db.selectFrom('hub_enrolment').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/** Spends a code on a node, only if it is still unspent: answers whether it was. */
export async function spendEnrolment(db: Db, codeHash: string, nodeId: string, at: string): Promise<boolean> {
  const r = await db.updateTable('hub_enrolment').set({ used_at: at, node_id: nodeId }).where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The history a node sends under from now on, and those it replaced. */
export async function setEpoch(db: Db, nodeId: string, epoch: string, retired: string[], at: string): Promise<void> {
  await db.updateTable('hub_node').set({ epoch, retired_epochs: JSON.stringify(retired), last_contact_at: at }).where('id', '=', nodeId).execute();
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** The stored origin and revision of each of these records that the hub holds, one query per kind and 500 ids. */
export async function findRecords(db: Db, keys: { kind: string; id: string }[]): Promise<Pick<HubRecordTable, 'record_kind' | 'record_id' | 'origin' | 'revision'>[]> {
  const byKind = new Map<string, Set<string>>();
  for (const k of keys) byKind.set(k.kind, (byKind.get(k.kind) ?? new Set()).add(k.id));
  const out: Pick<HubRecordTable, 'record_kind' | 'record_id' | 'origin' | 'revision'>[] = [];
  for (const [kind, ids] of byKind) {
    for (const part of chunks([...ids])) {
      out.push(...await db.selectFrom('hub_record').select(['record_kind', 'record_id', 'origin', 'revision'])
        .where('record_kind', '=', kind).where('record_id', 'in', part).execute());
    }
  }
  return out;
}

/**
 * Makes `latest` (one row per record) the current revision of each record, new or not, and
 * appends every revision in `history` (in order) to the history: multi-row statements.
 */
export async function putRecords(trx: Transaction<Database>, latest: HubRecordTable[], history: HubRecordTable[]): Promise<void> {
  for (const part of chunks(latest)) {
    await trx.insertInto('hub_record').values(part).onConflict((oc) => oc.columns(['record_kind', 'record_id']).doUpdateSet((eb) => ({
      revision: eb.ref('excluded.revision'), message_type: eb.ref('excluded.message_type'), payload: eb.ref('excluded.payload'), received_at: eb.ref('excluded.received_at'),
    }))).execute();
  }
  for (const part of chunks(history)) await trx.insertInto('hub_record_history').values(part).execute();
}

export async function deleteRecords(trx: Transaction<Database>, kind: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('hub_record').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
  await trx.deleteFrom('hub_record_history').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
}

/** Rows a push gets for its refused changes, each naming its record; the rest are one row with their count. */
const MISMATCH_ROWS = 20;

/**
 * Logs the changes of one push refused for naming another node's records (sync.owner-mismatch), in
 * the push's own transaction (no commit of their own), at most MISMATCH_ROWS rows and one for the rest.
 */
export async function recordOwnerMismatches(trx: Transaction<Database>, nodeId: string, records: string[], at: string): Promise<void> {
  if (records.length === 0) return;
  const row = { at, node_id: nodeId, address: null, code: 'sync.owner-mismatch', path: '/api/hub/push' };
  const rows = records.slice(0, MISMATCH_ROWS).map((detail) => ({ ...row, detail, count: 1 }));
  const rest = records.length - rows.length;
  if (rest > 0) rows.push({ ...row, detail: `${records[MISMATCH_ROWS]} and others`, count: rest });
  await trx.insertInto('hub_refusal').values(rows).execute();
}

/**
 * The village names a commune hub has from its centers: people's and the registry's (households,
 * units), villages assessed as learning communities, and every name of a recorded merge or rename.
 */
export async function villageNamesSeen(db: Db): Promise<string[]> {
  const names = await Promise.all([
    db.selectFrom('hub_person').select('village as name').distinct().execute(),
    db.selectFrom('hub_model_subject').select('village as name').where('village', 'is not', null).distinct().execute(),
    db.selectFrom('hub_model_assessment').select('subject_id as name').where('subject_kind', '=', 'community').distinct().execute(),
    db.selectFrom('hub_unit_change').select('from_name as name').where('kind', '=', 'village').distinct().execute(),
    db.selectFrom('hub_unit_change').select('to_name as name').where('kind', '=', 'village').distinct().execute(),
  ]);
  return names.flat().map((r) => r.name).filter((n): n is string => n !== null);
}

/**
 * The commune names a province hub has: those its communes relayed their figures under, the names
 * they enrolled with, and every name of a recorded merge or rename (a province names communes as a
 * commune names villages).
 */
export async function communeNamesSeen(db: Db): Promise<string[]> {
  const aggregates = await db.selectFrom('hub_record').select('payload').where('record_kind', '=', 'aggregate').execute();
  const relayed = aggregates.map((r) => (JSON.parse(r.payload) as { commune?: unknown }).commune).filter((c): c is string => typeof c === 'string');
  const nodes = await db.selectFrom('hub_node').select('name').execute();
  const changed = await db.selectFrom('hub_unit_change').select(['from_name', 'to_name']).where('kind', '=', 'village').execute();
  return [...relayed, ...nodes.map((n) => n.name), ...changed.flatMap((c) => [c.from_name, c.to_name])];
}

import type { Kysely, Transaction } from 'kysely';
import type { Database, HubNodeRow, HubRecordTable } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function findNode(db: Db, id: string): Promise<HubNodeRow | undefined> {
  return db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listNodes(db: Db): Promise<HubNodeRow[]> {
  return db.selectFrom('hub_node').selectAll().orderBy('name').execute();
}

export function findRecord(db: Db, kind: string, id: string): Promise<HubRecordTable | undefined> {
  return db.selectFrom('hub_record').selectAll().where('record_kind', '=', kind).where('record_id', '=', id).executeTakeFirst();
}

/** Replaces the current revision of a record and appends it to the history. */
export async function putRecord(trx: Transaction<Database>, row: HubRecordTable, isNew: boolean): Promise<void> {
  if (isNew) await trx.insertInto('hub_record').values(row).execute();
  else {
    await trx.updateTable('hub_record').set({ revision: row.revision, message_type: row.message_type, payload: row.payload, received_at: row.received_at })
      .where('record_kind', '=', row.record_kind).where('record_id', '=', row.record_id).execute();
  }
  await trx.insertInto('hub_record_history').values(row).execute();
}

export async function deleteRecords(trx: Transaction<Database>, kind: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('hub_record').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
  await trx.deleteFrom('hub_record_history').where('record_kind', '=', kind).where('record_id', 'in', ids).execute();
}

export async function recordRefusal(db: Db, nodeId: string | null, code: string, path: string, at: string): Promise<void> {
  await db.insertInto('hub_refusal').values({ node_id: nodeId, code, path, at }).execute();
}

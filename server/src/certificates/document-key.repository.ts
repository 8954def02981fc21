import type { Db } from '../db/database.ts';
import type { DocumentKeyTable } from '../db/tables/documents.ts';

/** The document keys (db/tables/documents.ts) and the hub's feed rows that carry its own key down. */

const FEED_KIND = 'document-key';

export function ownKey(db: Db): Promise<DocumentKeyTable | undefined> {
  return db.selectFrom('document_key').selectAll().where('own', '=', 1).executeTakeFirst();
}

/** Adds a key unless one with its id (or, for an own key, any own key) is there already: the first one stays. */
export async function insertKey(db: Db, row: DocumentKeyTable): Promise<void> {
  await db
    .insertInto('document_key')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function keyById(db: Db, kid: string): Promise<Pick<DocumentKeyTable, 'public_key'> | undefined> {
  return db.selectFrom('document_key').select('public_key').where('key_id', '=', kid).executeTakeFirst();
}

export async function anyKey(db: Db): Promise<boolean> {
  return (await db.selectFrom('document_key').select('key_id').limit(1).executeTakeFirst()) !== undefined;
}

/** Whether this hub's feed already carries the key `kid` down. */
export async function keyInFeed(db: Db, kid: string): Promise<boolean> {
  const row = await db
    .selectFrom('hub_feed')
    .select('seq')
    .where('kind', '=', FEED_KIND)
    .where('record_id', '=', kid)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Puts a key into this hub's feed, for every node below. */
export async function appendKeyToFeed(db: Db, kid: string, payload: string, at: string): Promise<void> {
  await db
    .insertInto('hub_feed')
    .values({ kind: FEED_KIND, record_id: kid, revision: 1, node_id: null, payload, created_at: at })
    .execute();
}

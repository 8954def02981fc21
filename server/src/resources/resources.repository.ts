import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** The catalog of resources; every change takes the next catalog `version` (max + 1), which tablets page by. */

export type ResourceRow = Database['resource'];

/** The catalog's latest version (0 when empty). */
export async function latestVersion(db: Db): Promise<number> {
  const r = await db
    .selectFrom('resource')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

export function findResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resource').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertResource(db: Db, row: ResourceRow): Promise<void> {
  await db.insertInto('resource').values(row).execute();
}

export async function updateResource(db: Db, row: ResourceRow): Promise<void> {
  await db.updateTable('resource').set(row).where('id', '=', row.id).execute();
}

/** What changed after `version`, oldest first. */
export function resourcesSince(db: Db, version: number): Promise<ResourceRow[]> {
  return db.selectFrom('resource').selectAll().where('version', '>', version).orderBy('version').execute();
}

/** Everything, retired last, the latest change first. */
export function allResources(db: Db): Promise<ResourceRow[]> {
  return db.selectFrom('resource').selectAll().orderBy('retired').orderBy('updated_at', 'desc').execute();
}

/** Puts a resource's message into a hub's feed for every node below. */
export async function appendToFeed(db: Db, id: string, revision: number, payload: string, at: string): Promise<void> {
  await db
    .insertInto('hub_feed')
    .values({ kind: 'resource', record_id: id, revision, node_id: null, payload, created_at: at })
    .execute();
}

import type { Kysely } from 'kysely';

/**
 * A node's history at its hub (issue 21): `epoch` names the history the node's pushes belong to (a
 * center restored from a backup starts a new one, with its outbox numbers re-stamped after what the
 * hub holds); `retired_epochs` (a JSON list) keeps those it replaced, so a box that comes back after
 * its restored copy took over is refused rather than mixed in. Null: a node of an earlier version,
 * which adopts its first epoch when it asks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hub_node').addColumn('epoch', 'text').execute();
  await db.schema
    .alterTable('hub_node')
    .addColumn('retired_epochs', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['retired_epochs', 'epoch']) await db.schema.alterTable('hub_node').dropColumn(column).execute();
}

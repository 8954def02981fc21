import type { Kysely } from 'kysely';

/**
 * Returning a closed village list (issue 24): the commune's Hội Khuyến học returns a list a center
 * closed (chốt) with a reason. At the hub, `hub_list_return` keeps each return of a list's revision
 * (a later closing is a higher revision, closed again); at the center, `list_return` keeps the
 * return as it came down, which reopens that revision of the list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_list_return')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('list_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('village', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_list_return_pk', ['node_id', 'list_id', 'revision'])
    .execute();
  await db.schema
    .createTable('list_return')
    .addColumn('list_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_return_pk', ['list_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('list_return').execute();
  await db.schema.dropTable('hub_list_return').execute();
}

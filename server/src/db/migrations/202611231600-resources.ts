import type { Kysely } from 'kysely';

/**
 * The catalog of learning resources. Every change takes the next catalog version, so a tablet asks
 * only for what changed after the version it holds (retired resources included, to be dropped).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('retired', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resource').execute();
}

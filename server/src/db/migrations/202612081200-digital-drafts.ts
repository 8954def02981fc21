import type { Kysely } from 'kysely';

/**
 * Issue 21: a digital-skills self-check paused part-way is kept at the box, not on the shared
 * tablet. One row per person (the newer pause replaces the older), with the attempt id the finished
 * check will have, the bank, where she was and her answers so far (JSON). Deleted when she finishes,
 * when she is erased, and `digital.draftDays` after `started_at` (on read and by a periodic purge,
 * which the index on `started_at` serves).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digital_draft')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id'))
    .addColumn('attempt_id', 'text', (c) => c.notNull())
    .addColumn('bank_id', 'text', (c) => c.notNull())
    .addColumn('bank_version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('item_index', 'integer', (c) => c.notNull())
    .addColumn('responses', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digital_draft_started_at').on('digital_draft').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digital_draft').execute();
}

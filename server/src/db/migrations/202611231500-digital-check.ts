import type { Kysely } from 'kysely';

/**
 * The digital-skills self-check: one row per finished attempt, scored by the box from the
 * villager's responses (kept as they were given) with the bank it was taken on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digital_attempt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('bank_id', 'text', (c) => c.notNull())
    .addColumn('bank_version', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('responses', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('has_digital', 'integer', (c) => c.notNull())
    .addColumn('proficient', 'integer', (c) => c.notNull())
    .addColumn('assisted_by', 'text')
    .execute();
  await db.schema
    .createIndex('digital_attempt_person')
    .on('digital_attempt')
    .columns(['person_id', 'finished_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digital_attempt').execute();
}

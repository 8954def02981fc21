import type { Kysely } from 'kysely';

/**
 * Personal learning plans: one row per plan a villager made on a tablet (sent once under the
 * tablet's id); `payload` holds what it answers and the resources picked with their dates. The
 * latest plan of a year is the evidence for CS02.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('learning_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('assisted_by', 'text')
    .execute();
  await db.schema
    .createIndex('learning_plan_person')
    .on('learning_plan')
    .columns(['person_id', 'year', 'made_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_plan').execute();
}

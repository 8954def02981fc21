import type { Kysely } from 'kysely';

/**
 * Attendance at the center's classes: one row per person present at a session of a class (a
 * resource of kind 'class'), the session named by its start (ISO instant, UTC). Rows are set by a
 * facilitator; erasing a person deletes theirs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resource.id'))
    .addColumn('session_starts_at', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('marked_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['resource_id', 'session_starts_at', 'person_id'])
    .execute();
  // A person's sessions, by date: the CS03 evidence and the digital-skills retake.
  await db.schema
    .createIndex('attendance_person')
    .on('attendance')
    .columns(['person_id', 'session_starts_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attendance').execute();
}

import type { Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/**
 * A child's registration (issue 21): under person.guardianUnder a person is registered only with a
 * facilitator beside her and her parent's or guardian's consent (Law 91/2025). The consent is kept
 * here, at the center, with the guardian's name and relation, the facilitator and the time; it is
 * never sent to the commune. Append-only like `consent`; it goes with her record when she is erased.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withSerialId(db, db.schema.createTable('guardian_consent'), 'id')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('guardian_name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('assisted_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guardian_consent_person').on('guardian_consent').columns(['person_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guardian_consent').execute();
}

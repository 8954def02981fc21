import type { Kysely } from 'kysely';

/**
 * The written parts of the reports a hub signs (issue 25), one row per year and kind: the number and
 * date as entered, and the sections the officer rewrote (JSON, by section; a section not in it
 * follows the figures), with who saved them last.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_report_text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_report_text_pk', ['year', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hub_report_text').execute();
}

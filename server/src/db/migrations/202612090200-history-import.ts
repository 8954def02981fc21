import type { Kysely } from 'kysely';

/**
 * The commune's past recognitions (2021–2025, on paper) imported at the hub (issue 24): each row of
 * an imported workbook (`hub_history_row`, its id the hash of the row, so the same row imported
 * again is the same row), the files imported (`hub_history_import`), and the hub decision each
 * paper decision became once it names someone (`hub_history_decision`, by the paper decision's key).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_history_import')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hub_history_row')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer')
    .addColumn('village', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('candidate_id', 'text')
    .addColumn('rejected', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decision_id', 'text')
    .addColumn('matched_at', 'text')
    .execute();
  await db.schema.createIndex('hub_history_row_status').on('hub_history_row').columns(['status', 'kind']).execute();
  await db.schema
    .createTable('hub_history_decision')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['hub_history_decision', 'hub_history_row', 'hub_history_import'])
    await db.schema.dropTable(t).execute();
}

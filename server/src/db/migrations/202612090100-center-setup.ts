import { sql, type Kysely } from 'kysely';

/**
 * What the administrator set up in the browser (issue 24): what this box is, its province and
 * commune, the center's name and villages, the criteria set per year and the commune's own targets.
 * One row at most (id 1), the whole setup as validated JSON (shared/schemas/center-setup.ts); a
 * center file (kiosk-config/centers/) overrides it where both say something.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('center_setup')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('center_setup').execute();
}

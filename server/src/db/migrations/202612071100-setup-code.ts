import { sql, type Kysely } from 'kysely';

/**
 * The one-time setup code that creating the first administrator asks for (issue 20). One row at
 * most (id 1), in the database so that the server that prints it, `npm run staff -- setup-code` and
 * the tests all read the same code, and so that creating the administrator removes it in the same
 * transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_code')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_code').execute();
}

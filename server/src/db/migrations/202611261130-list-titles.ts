import { sql, type Kysely } from 'kysely';

/**
 * Proposal lists of every title the center proposes (issue 13): a village's "Công dân học tập" and
 * "Gia đình học tập" lists, and the center's "Dòng họ học tập" list. `proposal_list` gets a `title`
 * in its key; every list so far is a CDHT list. A clan's households may be in several villages, so
 * the clans' list is the whole center's and is stored with the village '' (the key cannot hold a
 * null on PostgreSQL).
 *
 * Neither SQLite nor PostgreSQL lets one statement change a primary key the same way, so the table
 * is rebuilt under a new name, filled from the old one, and renamed (its key under a new constraint
 * name, since a PostgreSQL constraint keeps its name through a table rename). Down keeps only the
 * CDHT lists, which are all the old key can hold.
 */
const columns = ['village', 'year', 'finalized_at', 'finalized_by', 'id', 'revision'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposal_list_titled')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('finalized_at', 'text', (c) => c.notNull())
    .addColumn('finalized_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('id', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('proposal_list_title_pk', ['title', 'village', 'year'])
    .execute();
  await db
    .insertInto('proposal_list_titled')
    .columns(['title', ...columns])
    .expression(db.selectFrom('proposal_list').select([sql<string>`'cdht'`.as('title'), ...columns]))
    .execute();
  await db.schema.dropTable('proposal_list').execute();
  await db.schema.alterTable('proposal_list_titled').renameTo('proposal_list').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposal_list_untitled')
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('finalized_at', 'text', (c) => c.notNull())
    .addColumn('finalized_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('id', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('proposal_list_pk', ['village', 'year'])
    .execute();
  await db
    .insertInto('proposal_list_untitled')
    .columns([...columns])
    .expression(
      db
        .selectFrom('proposal_list')
        .select([...columns])
        .where('title', '=', 'cdht'),
    )
    .execute();
  await db.schema.dropTable('proposal_list').execute();
  await db.schema.alterTable('proposal_list_untitled').renameTo('proposal_list').execute();
}

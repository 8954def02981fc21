import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * Issue 20, personal data at the tablet.
 *
 * `villager_token`: a villager's tablet session, stored only as the SHA-256 of the token the
 * tablet made, bound to one person, with when it was bound (reads and queued writes age from it).
 *
 * A person's slip is unique as (code, birth year), no longer as the code alone: the box keeps the
 * code the tablet made unless that exact pair exists, so a registration tells a prober no more than
 * a look-up with both would. On PostgreSQL the constraint is swapped in place; SQLite cannot drop
 * a column's UNIQUE, so the table is rebuilt as SQLite documents it (foreign keys off outside any
 * transaction, the copy inside one, `foreign_key_check` before they go on again). Down brings back
 * the code alone as the key, which fails while two people share a code.
 */
const columns = [
  'id',
  'code',
  'name',
  'birth_year',
  'village',
  'phone',
  'revision',
  'created_at',
  'updated_at',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await rekeyPerson(db, 'person_code_birth_year_key', ['code', 'birth_year'], 'person_code_key');
  await db.schema
    .createTable('villager_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('bound_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('villager_token_person').on('villager_token').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The key first: SQLite runs a migration outside a transaction, so a refusal must come before any change.
  await rekeyPerson(db, 'person_code_key', ['code'], 'person_code_birth_year_key');
  await db.schema.dropTable('villager_token').execute();
}

async function rekeyPerson(db: Kysely<any>, key: string, keyColumns: string[], oldKey: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table person drop constraint ${sql.id(oldKey)}`.execute(db);
    await sql`alter table person add constraint ${sql.id(key)} unique (${sql.join(keyColumns.map((c) => sql.id(c)))})`.execute(
      db,
    );
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await trx.schema
        .createTable('person_rekeyed')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('birth_year', 'integer', (c) => c.notNull())
        .addColumn('village', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint(key, keyColumns as any)
        .execute();
      await trx
        .insertInto('person_rekeyed')
        .columns([...columns])
        .expression(trx.selectFrom('person').select([...columns]))
        .execute();
      await trx.schema.dropTable('person').execute();
      await trx.schema.alterTable('person_rekeyed').renameTo('person').execute();
      const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`rebuilding person left ${broken.rows.length} dangling references`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

import type { Kysely } from 'kysely';

/**
 * The keys of certificates (issue 25): a hub's own Ed25519 document key, made once and kept in the
 * database like a box's sync key (so a backup carries it), and the public keys a node received
 * from its hub (at enrolment and in the feed), with which it checks certificates offline. `own` is
 * 1 for the hub's own key and unique, so two requests making it at once keep one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_key')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text')
    .addColumn('own', 'integer', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_key').execute();
}

import type { Kysely } from 'kysely';

/** Center side: which evidence files the hub has confirmed holding. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('evidence')
    .addColumn('sent_to_hub', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evidence').dropColumn('sent_to_hub').execute();
}

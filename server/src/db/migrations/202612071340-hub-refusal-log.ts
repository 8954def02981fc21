import type { Kysely } from 'kysely';

/**
 * Refused sync requests logged with a cap (issue 20): a row now stands for `count` refusals of one
 * code from one sender (the rest of a flood, counted in memory and written as one row), names the
 * connection's address, and can name the record a change was refused for (`detail`, e.g.
 * 'person/<id>' for a center naming another center's person).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hub_refusal').addColumn('address', 'text').execute();
  await db.schema.alterTable('hub_refusal').addColumn('detail', 'text').execute();
  await db.schema
    .alterTable('hub_refusal')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['count', 'detail', 'address'])
    await db.schema.alterTable('hub_refusal').dropColumn(column).execute();
}

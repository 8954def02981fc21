import type { Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/** Federation: the hub's registry of nodes below it and the records they send; the center's sync state. */
export async function up(db: Kysely<any>): Promise<void> {
  // Hub side: centers (or communes) enrolled below this hub.
  await db.schema
    .createTable('hub_node')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('last_contact_at', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('backlog', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('hub_enrolment')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('node_id', 'text')
    .execute();

  // Nonces seen within the clock-skew window: a replayed request is refused.
  await db.schema
    .createTable('hub_nonce')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_nonce_pk', ['node_id', 'nonce'])
    .execute();

  await withSerialId(db, db.schema.createTable('hub_refusal'), 'id')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .execute();

  // The latest revision of every record received, and every revision ever applied.
  await db.schema
    .createTable('hub_record')
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_record_pk', ['record_kind', 'record_id'])
    .execute();
  await withSerialId(db, db.schema.createTable('hub_record_history'), 'id')
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();

  // Center side: one row per key (hub address, node id, keys, cursor, last success and error).
  await db.schema
    .createTable('sync_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'sync_state',
    'hub_record_history',
    'hub_record',
    'hub_refusal',
    'hub_nonce',
    'hub_enrolment',
    'hub_node',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

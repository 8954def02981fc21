import type { Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/**
 * The downward feed: what a hub sends to the nodes below it (recognition decisions, and later
 * resources, criteria sets and targets), read by each node with its own cursor. Hub side: the
 * feed and the decisions; center side: the recognitions received and the records of the feed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Hub: one row per change sent down; `node_id` null means every node below.
  await withSerialId(db, db.schema.createTable('hub_feed'), 'seq')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hub_feed_node').on('hub_feed').columns(['node_id', 'seq']).execute();

  // Hub: a recognition decision (one act naming many people), and who it names.
  await db.schema
    .createTable('hub_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('revoked_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hub_decision_person')
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_decision_person_pk', ['decision_id', 'person_id'])
    .execute();

  // Center: a person's recognition as decided above, kept by (person, title, year).
  await db.schema
    .createTable('recognition')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recognition_pk', ['person_id', 'title', 'year'])
    .execute();
  // Center: the latest revision of every record the feed brought, by kind and id.
  await db.schema
    .createTable('feed_record')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_record_pk', ['kind', 'record_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['feed_record', 'recognition', 'hub_decision_person', 'hub_decision', 'hub_feed']) {
    await db.schema.dropTable(t).execute();
  }
}

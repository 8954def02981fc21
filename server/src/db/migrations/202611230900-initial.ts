import { sql, type Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/** People, consents, assessments over a subject kind, evidence and the outbox of changes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Append-only: a withdrawal is a new row, so the log shows who agreed to what and when.
  await withSerialId(db, db.schema.createTable('consent'), 'id')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_person').on('consent').columns(['person_id', 'id']).execute();

  // Over a subject kind from the start: a learning family or unit is a new criteria set and kind.
  await db.schema
    .createTable('assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('criteria_set_id', 'text', (c) => c.notNull())
    .addColumn('criteria_set_version', 'text', (c) => c.notNull())
    .addColumn('subject_group', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('assessment_subject_year', ['subject_kind', 'subject_id', 'title', 'year'])
    .execute();

  await db.schema
    .createTable('assessment_item')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessment.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('assessment_item_pk', ['assessment_id', 'indicator_id'])
    .execute();

  await db.schema
    .createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessment.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_assessment').on('evidence').column('assessment_id').execute();

  // Every change, written in the same transaction as the change: federation reads it in order,
  // and it doubles as the append-only history of revisions.
  await withSerialId(db, db.schema.createTable('outbox'), 'seq')
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('message_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_record')
    .on('outbox')
    .columns(['record_kind', 'record_id', 'revision'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'evidence', 'assessment_item', 'assessment', 'consent', 'person']) {
    await db.schema.dropTable(table).execute();
  }
}

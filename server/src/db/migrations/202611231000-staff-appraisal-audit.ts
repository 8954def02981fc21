import { sql, type Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/** Staff accounts and sessions, appraisals, proposal lists, the audit log, erased-person tallies. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Sign-in is by name: one account per name, whatever the letter case or Unicode form.
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'facilitator', 'appraiser')`))
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await withSerialId(db, db.schema.createTable('audit_log'), 'id')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();

  // One appraisal per assessment (thẩm định by the village branch), over the same subject kinds.
  await db.schema
    .createTable('appraisal')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey().references('assessment.id'))
    .addColumn('appraiser_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('appraised', 'returned')`))
    .addColumn('message', 'text')
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appraisal_item')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('appraisal.assessment_id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('appraisal_item_pk', ['assessment_id', 'indicator_id'])
    .execute();

  await db.schema
    .createTable('proposal_list')
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('finalized_at', 'text', (c) => c.notNull())
    .addColumn('finalized_by', 'text', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('proposal_list_pk', ['village', 'year'])
    .execute();

  // When a person is erased, what reports count of them stays here, with nothing that identifies them.
  await db.schema
    .createTable('erased_tally')
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('erased_tally_pk', ['village', 'year', 'metric'])
    .execute();

  await db.schema.alterTable('assessment').addColumn('assisted_by', 'text').execute();
  await db.schema.alterTable('assessment_item').addColumn('confirmed', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessment_item').dropColumn('confirmed').execute();
  await db.schema.alterTable('assessment').dropColumn('assisted_by').execute();
  for (const table of [
    'erased_tally',
    'proposal_list',
    'appraisal_item',
    'appraisal',
    'audit_log',
    'staff_session',
    'staff',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

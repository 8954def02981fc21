import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { withSerialId } from './dialect.ts';

/**
 * The commune's dashboard and yearly report. Hub side: a projection of the received records
 * (one row per person, one per assessment) that the dashboard aggregates in SQL, rebuilt from
 * hub_record whenever its version changes; the denominators the officer enters; target
 * adjustments with their trace; merged and renamed units; declined proposals. Center side: a
 * proposal list gets an id and a revision, so its closing travels to the hub as the center's report.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hub_person')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('registered_year', 'integer', (c) => c.notNull())
    .addColumn('public_list', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hub_assessment')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // The person's village, kept here so the dashboard groups one table.
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('submitted', 'integer', (c) => c.notNull())
    .addColumn('assisted', 'integer', (c) => c.notNull())
    .addColumn('self_total', 'integer', (c) => c.notNull())
    // From the appraisal (same id as the assessment); null until appraised.
    .addColumn('appraised', 'integer', (c) => c.notNull())
    .addColumn('appraised_total', 'integer')
    .addColumn('appraised_min', 'integer')
    .addColumn('appraised_count', 'integer')
    .addColumn('digital_score', 'integer')
    // From the person's latest digital-skills self-check of the year, when there is one.
    .addColumn('check_digital', 'integer')
    .addColumn('check_proficient', 'integer')
    // From the decisions in force: recognized this year, and years recognized in a row up to it.
    .addColumn('recognized', 'integer', (c) => c.notNull())
    .addColumn('streak', 'integer', (c) => c.notNull())
    .execute();
  // Hub projection of the digital-skills self-checks received (flags only).
  await db.schema
    .createTable('hub_digital_check')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('has_digital', 'integer', (c) => c.notNull())
    .addColumn('proficient', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hub_digital_check_person')
    .on('hub_digital_check')
    .columns(['person_id', 'year'])
    .execute();
  await db.schema.createIndex('hub_assessment_year').on('hub_assessment').columns(['year', 'person_id']).execute();
  // The dashboard groups every year by village.
  await db.schema
    .createIndex('hub_assessment_year_village')
    .on('hub_assessment')
    .columns(['year', 'village'])
    .execute();
  await db.schema.createIndex('hub_assessment_person').on('hub_assessment').columns(['person_id']).execute();
  await db.schema.createIndex('hub_decision_person_person').on('hub_decision_person').columns(['person_id']).execute();

  // Adults per village (kind 'village') or staff per learning unit (kind 'unit') for a year.
  await db.schema
    .createTable('hub_population')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_population_pk', ['kind', 'name', 'year'])
    .execute();
  await withSerialId(db, db.schema.createTable('hub_target_adjustment'), 'id')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // A rename is one row; a merge of A and B into C is two (A→C, B→C).
  await withSerialId(db, db.schema.createTable('hub_unit_change'), 'id')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  // A proposal the commune declined, with its reason (sent down to the center).
  await db.schema
    .createTable('hub_decline')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('withdrawn', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .execute();

  // Center: a closed proposal list is the center's report for the year; it travels by id.
  await db.schema.alterTable('proposal_list').addColumn('id', 'text').execute();
  await db.schema
    .alterTable('proposal_list')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const lists = await db.selectFrom('proposal_list').select(['village', 'year']).execute();
  for (const l of lists) {
    await db
      .updateTable('proposal_list')
      .set({ id: randomUUID() })
      .where('village', '=', l.village)
      .where('year', '=', l.year)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proposal_list').dropColumn('revision').execute();
  await db.schema.alterTable('proposal_list').dropColumn('id').execute();
  for (const t of [
    'hub_digital_check',
    'hub_decline',
    'hub_unit_change',
    'hub_target_adjustment',
    'hub_population',
    'hub_assessment',
    'hub_person',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

import type { Kysely } from 'kysely';

/**
 * The dashboard's sums read from one index (issue 27): every column hub_assessment's grouped sums
 * take (dashboard.repository.ts `sums`, `yearSums`), after the year and village they are grouped
 * by, so a commune of 30,000 people × 5 years is summed without visiting the table's rows (SQLite:
 * 146 → 52 ms over every year, 58 → 12 ms for one). It replaces the (year, village) index, its prefix.
 * The people registered per village, center and year are counted from an index of their own too.
 */
const COLUMNS = [
  'year',
  'village',
  'node_id',
  'grp',
  'submitted',
  'appraised',
  'recognized',
  'check_digital',
  'check_proficient',
  'digital_score',
  'assisted',
  'streak',
  'appraised_count',
  'appraised_min',
  'appraised_total',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('hub_assessment_sums').on('hub_assessment').columns(COLUMNS).execute();
  await db.schema.dropIndex('hub_assessment_year_village').execute();
  await db.schema
    .createIndex('hub_person_place')
    .on('hub_person')
    .columns(['village', 'node_id', 'registered_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('hub_assessment_year_village')
    .on('hub_assessment')
    .columns(['year', 'village'])
    .execute();
  await db.schema.dropIndex('hub_assessment_sums').execute();
  await db.schema.dropIndex('hub_person_place').execute();
}

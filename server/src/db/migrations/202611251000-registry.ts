import { sql, type Kysely } from 'kysely';
import { withSerialId } from './dialect.ts';

/**
 * The registry of the other learning models' subjects: households with their adult members
 * (linked to person records; a person is in at most one household at a time, and a move closes
 * one membership and opens another so history is kept), a household's facts per year (children
 * only as a count and a yes/no, never a child's details), clans with member households across
 * villages, and units with staff counts per year and linked staff.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('household')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('head_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withSerialId(db, db.schema.createTable('household_member'), 'id')
    .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .execute();
  // At most one household at a time: the database says so too, not only the service.
  await db.schema
    .createIndex('household_member_current')
    .on('household_member')
    .column('person_id')
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('household_member_household')
    .on('household_member')
    .columns(['household_id', 'left_at'])
    .execute();

  await db.schema
    .createTable('household_facts')
    .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('school_age_children', 'integer', (c) => c.notNull())
    .addColumn('all_children_in_school', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_facts_pk', ['household_id', 'year'])
    .execute();

  await db.schema
    .createTable('clan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('representative', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await withSerialId(db, db.schema.createTable('clan_household'), 'id')
    .addColumn('clan_id', 'text', (c) => c.notNull().references('clan.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('household.id'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .execute();
  await db.schema
    .createIndex('clan_household_current')
    .on('clan_household')
    .column('household_id')
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('unit_staff_count')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_staff_count_pk', ['unit_id', 'year'])
    .execute();
  await withSerialId(db, db.schema.createTable('unit_member'), 'id')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .execute();
  await db.schema
    .createIndex('unit_member_current')
    .on('unit_member')
    .columns(['unit_id', 'person_id'])
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'unit_member',
    'unit_staff_count',
    'unit',
    'clan_household',
    'clan',
    'household_facts',
    'household_member',
    'household',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

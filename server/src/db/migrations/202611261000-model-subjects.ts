import type { Kysely } from 'kysely';

/**
 * Decisions and recognitions over any subject, not only a person (issue 13: one approval chain for
 * the five titles). Hub: `hub_decision_person` becomes `hub_decision_subject` (person_id →
 * subject_id, with subject_kind; every row so far is a person). Center: `recognition` the same.
 * Ids are UUIDs (a village is named by its name, and only a community decision names one), so
 * (subject_id, title, year) stays unique.
 *
 * Hub, the projection of the four other titles (derived from hub_record like hub_person): the
 * registered subjects (`hub_model_subject`), their assessments (`hub_model_assessment`), and the
 * commune's own appraisals of communities and units (`hub_model_appraisal`, a hub-owned record).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hub_decision_person').renameTo('hub_decision_subject').execute();
  await db.schema.alterTable('hub_decision_subject').renameColumn('person_id', 'subject_id').execute();
  await db.schema
    .alterTable('hub_decision_subject')
    .addColumn('subject_kind', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();

  await db.schema.alterTable('recognition').renameColumn('person_id', 'subject_id').execute();
  await db.schema
    .alterTable('recognition')
    .addColumn('subject_kind', 'text', (c) => c.notNull().defaultTo('person'))
    .execute();

  await db.schema
    .createTable('hub_model_subject')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    /** Null for a clan (its households may be in several villages). */
    .addColumn('village', 'text')
    /** A clan's or unit's name; a household is named by its head (hub_person). */
    .addColumn('label', 'text')
    .addColumn('registered_year', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_model_subject_pk', ['kind', 'id'])
    .execute();

  await db.schema
    .createTable('hub_model_assessment')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('submitted', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hub_model_assessment_year')
    .on('hub_model_assessment')
    .columns(['title', 'year'])
    .execute();

  await db.schema
    .createTable('hub_model_appraisal')
    .addColumn('assessment_id', 'text', (c) => c.primaryKey())
    .addColumn('revision', 'integer', (c) => c.notNull())
    /** JSON: item id → number or boolean, as the commune appraised it. */
    .addColumn('answers', 'text', (c) => c.notNull())
    /** JSON: item id → reason, where it differs from the self-assessment. */
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('appraiser', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['hub_model_appraisal', 'hub_model_assessment', 'hub_model_subject'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('recognition').dropColumn('subject_kind').execute();
  await db.schema.alterTable('recognition').renameColumn('subject_id', 'person_id').execute();
  await db.schema.alterTable('hub_decision_subject').dropColumn('subject_kind').execute();
  await db.schema.alterTable('hub_decision_subject').renameColumn('subject_id', 'person_id').execute();
  await db.schema.alterTable('hub_decision_subject').renameTo('hub_decision_person').execute();
}

import type { Db } from '../db/database.ts';

/** What the privacy feature reads and deletes: finding people, their consent log, an erasure's rows. */

/** People by slip code, or by name (any case, accents as typed) with birth year and village: at most 20. */
export function searchPeople(db: Db, q: { code?: string; name?: string; birthYear?: number; village?: string }) {
  let query = db
    .selectFrom('person')
    .select(['id', 'code', 'name', 'birth_year as birthYear', 'village'])
    .limit(20)
    .orderBy('name');
  if (q.code) query = query.where('code', '=', q.code.trim().toUpperCase());
  if (q.name) query = query.where('name', 'like', `%${q.name.normalize('NFC').trim().replace(/[%_]/g, '')}%`);
  if (q.birthYear) query = query.where('birth_year', '=', q.birthYear);
  if (q.village) query = query.where('village', '=', q.village);
  return query.execute();
}

export function consentLog(db: Db, personId: string) {
  return db
    .selectFrom('consent')
    .select(['purpose', 'granted', 'at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

/** The ids of a person's own assessments, oldest year first. */
export async function assessmentIdsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('assessment')
    .select('id')
    .where('subject_kind', '=', 'person')
    .where('subject_id', '=', personId)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.id);
}

/** Appends a consent given or withdrawn and bumps the person's revision. */
export async function recordConsent(
  trx: Db,
  personId: string,
  purpose: string,
  granted: boolean,
  revision: number,
  at: string,
): Promise<void> {
  await trx
    .insertInto('consent')
    .values({ person_id: personId, purpose, granted: granted ? 1 : 0, at })
    .execute();
  await trx.updateTable('person').set({ revision, updated_at: at }).where('id', '=', personId).execute();
}

/** A person's assessments with what an erasure counts of them: year, status, set, appraisal status. */
export function assessmentsToErase(db: Db, personId: string) {
  return db
    .selectFrom('assessment')
    .leftJoin('appraisal', 'appraisal.assessment_id', 'assessment.id')
    .select([
      'assessment.id',
      'assessment.year',
      'assessment.status',
      'assessment.criteria_set_id as setId',
      'assessment.criteria_set_version as setVersion',
      'appraisal.status as appraisal',
    ])
    .where('subject_kind', '=', 'person')
    .where('subject_id', '=', personId)
    .execute();
}

/** The evidence rows of these assessments. */
export async function evidenceOf(db: Db, assessmentIds: string[]): Promise<{ id: string; sha256: string }[]> {
  if (assessmentIds.length === 0) return [];
  return db.selectFrom('evidence').select(['id', 'sha256']).where('assessment_id', 'in', assessmentIds).execute();
}

/** Adds `n` to the anonymous tally of a village, year and metric. */
export async function addToTally(trx: Db, village: string, year: number, metric: string, n: number): Promise<void> {
  await trx
    .insertInto('erased_tally')
    .values({ village, year, metric, count: n })
    .onConflict((oc) =>
      oc.columns(['village', 'year', 'metric']).doUpdateSet((eb) => ({ count: eb('erased_tally.count', '+', n) })),
    )
    .execute();
}

/** Deletes a person's assessments (with their items, appraisals and evidence rows) and every row about her but her own. */
export async function deleteRowsOf(trx: Db, personId: string, assessmentIds: string[]): Promise<void> {
  if (assessmentIds.length) {
    await trx.deleteFrom('appraisal_item').where('assessment_id', 'in', assessmentIds).execute();
    await trx.deleteFrom('appraisal').where('assessment_id', 'in', assessmentIds).execute();
    await trx.deleteFrom('evidence').where('assessment_id', 'in', assessmentIds).execute();
    await trx.deleteFrom('assessment_item').where('assessment_id', 'in', assessmentIds).execute();
    await trx.deleteFrom('assessment').where('id', 'in', assessmentIds).execute();
  }
  await trx.deleteFrom('consent').where('person_id', '=', personId).execute();
  await trx.deleteFrom('recognition').where('subject_kind', '=', 'person').where('subject_id', '=', personId).execute();
  await trx.deleteFrom('digital_attempt').where('person_id', '=', personId).execute();
  await trx.deleteFrom('digital_draft').where('person_id', '=', personId).execute();
  await trx.deleteFrom('attendance').where('person_id', '=', personId).execute();
  await trx.deleteFrom('learning_plan').where('person_id', '=', personId).execute();
  // Her tablet sessions go with her: a token must not outlive the record it opened.
  await trx.deleteFrom('villager_token').where('person_id', '=', personId).execute();
}

export async function deletePersonRow(trx: Db, personId: string): Promise<void> {
  await trx.deleteFrom('person').where('id', '=', personId).execute();
}

/** Whether any evidence row still names this file. */
export async function evidenceFileInUse(db: Db, sha256: string): Promise<boolean> {
  return (await db.selectFrom('evidence').select('id').where('sha256', '=', sha256).executeTakeFirst()) !== undefined;
}

/** The file of a center's evidence row. */
export async function evidenceHash(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('evidence').select(['sha256']).where('id', '=', id).executeTakeFirst())?.sha256;
}

/** The stored message of an evidence record a hub received (EvidenceUpsertV1), as stored. */
export async function hubEvidenceRecord(db: Db, id: string): Promise<unknown> {
  const record = await db
    .selectFrom('hub_record')
    .select('payload')
    .where('record_kind', '=', 'evidence')
    .where('record_id', '=', id)
    .executeTakeFirst();
  return record ? (JSON.parse(record.payload) as unknown) : undefined;
}

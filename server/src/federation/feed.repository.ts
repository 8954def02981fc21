import type { Db } from '../db/database.ts';

/** What applying the hub's downward feed reads and writes at a box (feed.apply.ts). */

/** The revision this box holds of a feed record, if any. */
export async function feedRevision(trx: Db, kind: string, recordId: string): Promise<number | undefined> {
  const row = await trx
    .selectFrom('feed_record')
    .select('revision')
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return row?.revision;
}

/** Keeps a feed record as it came, replacing an earlier revision. */
export async function putFeedRecord(
  trx: Db,
  kind: string,
  recordId: string,
  revision: number,
  payload: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('feed_record')
    .values({ kind, record_id: recordId, revision, payload, received_at: at })
    .onConflict((oc) => oc.columns(['kind', 'record_id']).doUpdateSet({ revision, payload, received_at: at }))
    .execute();
}

/** Which of these ids are rows of this table here. */
export async function idsHeld(trx: Db, table: 'person' | 'household' | 'clan' | 'unit', ids: string[]) {
  if (ids.length === 0) return [];
  return (await trx.selectFrom(table).select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

export async function deleteRecognitions(trx: Db, decisionId: string): Promise<void> {
  await trx.deleteFrom('recognition').where('decision_id', '=', decisionId).execute();
}

/** Locks the appraisals of these subjects' assessments of this title and year. */
export async function lockAppraisals(trx: Db, kind: string, ids: string[], title: string, year: number): Promise<void> {
  const decided = await trx
    .selectFrom('assessment')
    .select('id')
    .where('subject_kind', '=', kind)
    .where('subject_id', 'in', ids)
    .where('year', '=', year)
    .where('title', '=', title)
    .execute();
  if (decided.length === 0) return;
  await trx
    .updateTable('appraisal')
    .set({ locked: 1 })
    .where(
      'assessment_id',
      'in',
      decided.map((a) => a.id),
    )
    .execute();
}

export interface RecognitionRow {
  subject_kind: string;
  subject_id: string;
  title: string;
  year: number;
  decision_id: string;
  decision_number: string;
  signed_on: string;
  signer: string;
  received_at: string;
}

/** The recognition of a subject for a title and year, replacing one an earlier decision gave. */
export async function putRecognition(trx: Db, r: RecognitionRow): Promise<void> {
  const { subject_id: _id, title: _title, year: _year, ...rest } = r;
  await trx
    .insertInto('recognition')
    .values(r)
    .onConflict((oc) => oc.columns(['subject_id', 'title', 'year']).doUpdateSet(rest))
    .execute();
}

import type { Transaction } from 'kysely';
import type { AppraisalItemRow, AppraisalRow, Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

export function listAppraisalItems(db: Db, assessmentId: string): Promise<AppraisalItemRow[]> {
  return db
    .selectFrom('appraisal_item')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('indicator_id')
    .execute();
}

/** Writes the appraisal and replaces its scores. */
export async function saveAppraisal(
  trx: Transaction<Database>,
  row: AppraisalRow,
  items: AppraisalItemRow[],
  isNew: boolean,
): Promise<void> {
  if (isNew) {
    await trx.insertInto('appraisal').values(row).execute();
  } else {
    const { assessment_id, ...rest } = row;
    await trx.updateTable('appraisal').set(rest).where('assessment_id', '=', assessment_id).execute();
    await trx.deleteFrom('appraisal_item').where('assessment_id', '=', assessment_id).execute();
  }
  if (items.length > 0) await trx.insertInto('appraisal_item').values(items).execute();
}

/** Submitted or appraised assessments of a village's people in a year, with the person and appraisal. */
export function queueRows(db: Db, village: string, year: number) {
  return db
    .selectFrom('assessment')
    .innerJoin('person', 'person.id', 'assessment.subject_id')
    .leftJoin('appraisal', 'appraisal.assessment_id', 'assessment.id')
    .select([
      'assessment.id as assessmentId',
      'person.id as personId',
      'person.name',
      'person.birth_year as birthYear',
      'assessment.subject_group as group',
      'assessment.status',
      'assessment.updated_at as assessmentUpdatedAt',
      'assessment.criteria_set_id as criteriaSetId',
      'assessment.criteria_set_version as criteriaSetVersion',
      'appraisal.status as appraisalStatus',
      'appraisal.locked',
      'appraisal.updated_at as appraisalUpdatedAt',
    ])
    .where('assessment.subject_kind', '=', 'person')
    .where('person.village', '=', village)
    .where('assessment.year', '=', year)
    .where((eb) => eb.or([eb('assessment.status', '=', 'submitted'), eb('appraisal.assessment_id', 'is not', null)]))
    .orderBy('person.name')
    .execute();
}

export async function scoresByAssessment(
  db: Db,
  table: 'assessment_item' | 'appraisal_item',
  ids: string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom(table)
    .select(['assessment_id', 'indicator_id', 'score'])
    .where('assessment_id', 'in', ids)
    .execute();
  for (const r of rows) {
    const scores = out.get(r.assessment_id) ?? {};
    scores[r.indicator_id] = r.score;
    out.set(r.assessment_id, scores);
  }
  return out;
}

/** The JSON of the commune's refusal of a proposal as the feed brought it (null: none). */
export async function declineFromAbove(db: Db, assessmentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('feed_record')
    .select('payload')
    .where('kind', '=', 'decline')
    .where('record_id', '=', assessmentId)
    .executeTakeFirst();
  return row?.payload ?? null;
}

/** The number of the commune's decision recognizing this subject for this title and year, if one came. */
export async function decisionNumberFor(
  db: Db,
  subject: { subject_kind: string; subject_id: string; year: number; title: string },
): Promise<string | null> {
  const row = await db
    .selectFrom('recognition')
    .select('decision_number')
    .where('subject_kind', '=', subject.subject_kind)
    .where('subject_id', '=', subject.subject_id)
    .where('year', '=', subject.year)
    .where('title', '=', subject.title)
    .executeTakeFirst();
  return row?.decision_number ?? null;
}

/** Unlocks an appraisal as its next revision. */
export async function unlockAppraisal(db: Db, assessmentId: string, revision: number, at: string): Promise<void> {
  await db
    .updateTable('appraisal')
    .set({ locked: 0, revision, updated_at: at })
    .where('assessment_id', '=', assessmentId)
    .execute();
}

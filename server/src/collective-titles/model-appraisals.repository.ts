import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AppraisalItemTable, AppraisalRow, AppraisalTable } from '../db/schema.ts';

/** The village branch's appraisals of the four other titles, on the same tables as a person's. */

export function findAppraisal(db: Db, assessmentId: string): Promise<AppraisalRow | undefined> {
  return db.selectFrom('appraisal').selectAll().where('assessment_id', '=', assessmentId).executeTakeFirst();
}

export function appraisalItems(db: Db, assessmentId: string) {
  return db.selectFrom('appraisal_item').selectAll().where('assessment_id', '=', assessmentId).execute();
}

/** What an appraisal's change message carries: the row (which must exist) and its items ordered by item. */
export async function appraisalRecord(db: Db, assessmentId: string) {
  const row = await db
    .selectFrom('appraisal')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('appraisal_item')
    .select(['indicator_id', 'score', 'reason'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('indicator_id')
    .execute();
  return { row, items };
}

/** Writes the appraisal (over the stored one when `replace`) with these items in place of its old ones. */
export async function saveAppraisal(
  db: Db,
  row: Insertable<AppraisalTable>,
  items: Insertable<AppraisalItemTable>[],
  replace: boolean,
): Promise<void> {
  if (replace) {
    await db.updateTable('appraisal').set(row).where('assessment_id', '=', row.assessment_id).execute();
    await db.deleteFrom('appraisal_item').where('assessment_id', '=', row.assessment_id).execute();
  } else {
    await db.insertInto('appraisal').values(row).execute();
  }
  await db.insertInto('appraisal_item').values(items).execute();
}

import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AssessmentItemTable, AssessmentRow, AssessmentTable } from '../db/schema.ts';

/** The four other titles' self-assessments and appraisals, on the same tables as a person's. */

export function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The assessment under `id` and any of the same subject, title and year (which would take its place). */
export function assessmentsClashing(
  db: Db,
  id: string,
  subject: { kind: string; id: string; title: string; year: number },
): Promise<AssessmentRow[]> {
  return db
    .selectFrom('assessment')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('id', '=', id),
        eb.and([
          eb('subject_kind', '=', subject.kind),
          eb('subject_id', '=', subject.id),
          eb('title', '=', subject.title),
          eb('year', '=', subject.year),
        ]),
      ]),
    )
    .execute();
}

/** A subject's assessment of a title for a year, if any. */
export function findAssessmentOf(db: Db, kind: string, subjectId: string, title: string, year: number) {
  return db
    .selectFrom('assessment')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('title', '=', title)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function assessmentScores(db: Db, assessmentId: string) {
  return db
    .selectFrom('assessment_item')
    .select(['indicator_id', 'score'])
    .where('assessment_id', '=', assessmentId)
    .execute();
}

/** Changes the stored assessment and takes its items away (the caller writes the new ones). */
export async function updateAssessmentClearingItems(
  db: Db,
  id: string,
  changes: Updateable<AssessmentTable>,
): Promise<void> {
  await db.updateTable('assessment').set(changes).where('id', '=', id).execute();
  await db.deleteFrom('assessment_item').where('assessment_id', '=', id).execute();
}

export async function insertAssessment(db: Db, row: Insertable<AssessmentTable>): Promise<void> {
  await db.insertInto('assessment').values(row).execute();
}

export async function insertAssessmentItems(db: Db, items: Insertable<AssessmentItemTable>[]): Promise<void> {
  await db.insertInto('assessment_item').values(items).execute();
}

/** Submitted assessments of these subject kinds for a year, first submitted first. */
export async function submittedIds(db: Db, kinds: readonly string[], year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('assessment')
    .select('id')
    .where('subject_kind', 'in', [...kinds])
    .where('year', '=', year)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at')
    .execute();
  return rows.map((r) => r.id);
}

/** What an assessment's change message carries: the row (which must exist) and its answers ordered by item. */
export async function assessmentRecord(db: Db, id: string) {
  const row = await db.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('assessment_item')
    .select(['indicator_id', 'score'])
    .where('assessment_id', '=', id)
    .orderBy('indicator_id')
    .execute();
  return { row, items };
}

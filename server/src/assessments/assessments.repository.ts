import type { Transaction } from 'kysely';
import type { AppraisalRow, AssessmentItemRow, AssessmentRow, Database, EvidenceRow } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

export function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAssessmentFor(
  db: Db,
  subjectKind: string,
  subjectId: string,
  title: string,
  year: number,
): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom('assessment')
    .selectAll()
    .where('subject_kind', '=', subjectKind)
    .where('subject_id', '=', subjectId)
    .where('title', '=', title)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The assessment with this id and the subject's assessment of that title and year: up to two rows. */
export function findAssessmentOrYear(
  db: Db,
  id: string,
  subjectKind: string,
  subjectId: string,
  title: string,
  year: number,
): Promise<AssessmentRow[]> {
  return db
    .selectFrom('assessment')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('id', '=', id),
        eb.and([
          eb('subject_kind', '=', subjectKind),
          eb('subject_id', '=', subjectId),
          eb('title', '=', title),
          eb('year', '=', year),
        ]),
      ]),
    )
    .execute();
}

export function listItems(db: Db, assessmentId: string): Promise<AssessmentItemRow[]> {
  return db
    .selectFrom('assessment_item')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('indicator_id')
    .execute();
}

export function listEvidence(db: Db, assessmentId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('assessment_id', '=', assessmentId).orderBy('id').execute();
}

export function findAppraisal(db: Db, assessmentId: string): Promise<AppraisalRow | undefined> {
  return db.selectFrom('appraisal').selectAll().where('assessment_id', '=', assessmentId).executeTakeFirst();
}

/** Writes the assessment and replaces its items. */
export async function saveAssessment(
  trx: Transaction<Database>,
  row: AssessmentRow,
  items: AssessmentItemRow[],
  isNew: boolean,
): Promise<void> {
  if (isNew) {
    await trx.insertInto('assessment').values(row).execute();
  } else {
    const { id, ...rest } = row;
    await trx.updateTable('assessment').set(rest).where('id', '=', id).execute();
    await trx.deleteFrom('assessment_item').where('assessment_id', '=', id).execute();
  }
  if (items.length > 0) await trx.insertInto('assessment_item').values(items).execute();
}

/** A person's latest digital-skills self-check of a year (CS05 evidence), if any. */
export function latestDigitalCheck(db: Db, personId: string, year: number) {
  return db
    .selectFrom('digital_attempt')
    .select(['id', 'finished_at', 'result', 'has_digital', 'proficient'])
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
}

import type { Transaction } from 'kysely';
import type { AppraisalRow, AssessmentItemRow, AssessmentRow, Database, EvidenceRow } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { prepared, preparedRows } from '../db/prepared.ts';

// The statements every assessment saved (and every photo) runs, built and compiled once (db/prepared.ts).
const assessmentById = prepared((db, p: { id: string }) =>
  db.selectFrom('assessment').selectAll().where('id', '=', p.id),
);
const assessmentOrYear = prepared(
  (db, p: { id: string; subjectKind: string; subjectId: string; title: string; year: number }) =>
    db
      .selectFrom('assessment')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('id', '=', p.id),
          eb.and([
            eb('subject_kind', '=', p.subjectKind),
            eb('subject_id', '=', p.subjectId),
            eb('title', '=', p.title),
            eb('year', '=', p.year),
          ]),
        ]),
      ),
);
const itemsOf = prepared((db, p: { id: string }) =>
  db.selectFrom('assessment_item').selectAll().where('assessment_id', '=', p.id).orderBy('indicator_id'),
);
const evidenceOf = prepared((db, p: { id: string }) =>
  db.selectFrom('evidence').selectAll().where('assessment_id', '=', p.id).orderBy('id'),
);
const appraisalOf = prepared((db, p: { id: string }) =>
  db.selectFrom('appraisal').selectAll().where('assessment_id', '=', p.id),
);
const insertAssessmentRow = prepared((db, p: AssessmentRow) => db.insertInto('assessment').values(p));
const updateAssessmentRow = prepared((db, p: AssessmentRow) => {
  const { id, ...rest } = p;
  return db.updateTable('assessment').set(rest).where('id', '=', id);
});
const deleteItems = prepared((db, p: { id: string }) =>
  db.deleteFrom('assessment_item').where('assessment_id', '=', p.id),
);
const insertItems = preparedRows((db, rows: AssessmentItemRow[]) => db.insertInto('assessment_item').values(rows));

export async function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  return (await assessmentById(db, { id })).rows[0];
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
  return assessmentOrYear(db, { id, subjectKind, subjectId, title, year }).then((r) => r.rows);
}

export async function listItems(db: Db, assessmentId: string): Promise<AssessmentItemRow[]> {
  return (await itemsOf(db, { id: assessmentId })).rows;
}

export async function listEvidence(db: Db, assessmentId: string): Promise<EvidenceRow[]> {
  return (await evidenceOf(db, { id: assessmentId })).rows;
}

export async function findAppraisal(db: Db, assessmentId: string): Promise<AppraisalRow | undefined> {
  return (await appraisalOf(db, { id: assessmentId })).rows[0];
}

/** Writes the assessment and replaces its items (left as they are when `itemsUnchanged`: the same rows). */
export async function saveAssessment(
  trx: Transaction<Database>,
  row: AssessmentRow,
  items: AssessmentItemRow[],
  isNew: boolean,
  itemsUnchanged = false,
): Promise<void> {
  if (isNew) {
    await insertAssessmentRow(trx, row);
  } else {
    await updateAssessmentRow(trx, row);
    if (itemsUnchanged) return;
    await deleteItems(trx, { id: row.id });
  }
  if (items.length === 0) return;
  // Each row is the assessment's: written under the id it is saved with.
  if (items.some((item) => item.assessment_id !== row.id)) throw new Error('an item of another assessment');
  await insertItems(trx, items);
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

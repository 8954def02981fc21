import type { Db } from '../db/database.ts';

/** What the proposal lists read: appraised submissions with their subjects, and the lists' closings. */

/** Appraised CDHT self-assessments of a village and year, with the person and the set they were made against. */
export function appraisedPeople(db: Db, village: string, year: number) {
  return db
    .selectFrom('appraisal')
    .innerJoin('assessment', 'assessment.id', 'appraisal.assessment_id')
    .innerJoin('person', 'person.id', 'assessment.subject_id')
    .select([
      'assessment.id as assessmentId',
      'person.id as personId',
      'person.name',
      'person.birth_year as birthYear',
      'person.village',
      'assessment.subject_group as group',
      'assessment.criteria_set_id as setId',
      'assessment.criteria_set_version as setVersion',
      'appraisal.locked',
    ])
    .where('appraisal.status', '=', 'appraised')
    .where('assessment.status', '=', 'submitted')
    .where('assessment.subject_kind', '=', 'person')
    .where('assessment.title', '=', 'cdht')
    .where('person.village', '=', village)
    .where('assessment.year', '=', year)
    .execute();
}

/** Appraised submissions of a title and year (of these subjects only, when `ids` is given). */
export function appraisedModels(db: Db, kind: string, title: string, year: number, ids: readonly string[] | null) {
  let query = db
    .selectFrom('appraisal')
    .innerJoin('assessment', 'assessment.id', 'appraisal.assessment_id')
    .select(['assessment.id', 'assessment.subject_id as subjectId', 'appraisal.locked'])
    .where('appraisal.status', '=', 'appraised')
    .where('assessment.status', '=', 'submitted')
    .where('assessment.subject_kind', '=', kind)
    .where('assessment.title', '=', title)
    .where('assessment.year', '=', year);
  if (ids !== null) query = query.where('assessment.subject_id', 'in', [...ids]);
  return query.execute();
}

/** A village's households with their head. */
export function householdsWithHeads(db: Db, village: string) {
  return db
    .selectFrom('household')
    .innerJoin('person', 'person.id', 'household.head_person_id')
    .select(['household.id', 'household.village', 'household.head_person_id as headId', 'person.name'])
    .where('household.village', '=', village)
    .execute();
}

export function clansByIds(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('clan')
    .select(['id', 'name', 'representative'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The villages of the households in these clans now, one row per household. */
export function clanHomes(db: Db, clanIds: readonly string[]) {
  return db
    .selectFrom('clan_household')
    .innerJoin('household', 'household.id', 'clan_household.household_id')
    .select(['clan_household.clan_id as clanId', 'household.village'])
    .where('clan_household.clan_id', 'in', [...clanIds])
    .where('clan_household.left_at', 'is', null)
    .execute();
}

/** Members registered now (not left) per household. */
export function memberCountRows(db: Db, householdIds: readonly string[]) {
  return db
    .selectFrom('household_member')
    .select(['household_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('household_id', 'in', [...householdIds])
    .where('left_at', 'is', null)
    .groupBy('household_id')
    .execute();
}

export function findClosing(db: Db, title: string, village: string, year: number) {
  return db
    .selectFrom('proposal_list')
    .select(['id', 'revision', 'finalized_at'])
    .where('title', '=', title)
    .where('village', '=', village)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function lockAppraisals(db: Db, assessmentIds: readonly string[]): Promise<void> {
  await db
    .updateTable('appraisal')
    .set({ locked: 1 })
    .where('assessment_id', 'in', [...assessmentIds])
    .execute();
}

/** Records the list's closing (its first, or its next revision). */
export async function saveClosing(
  db: Db,
  list: { title: string; village: string; year: number; id: string; revision: number },
  at: string,
  by: string,
): Promise<void> {
  const { id, revision } = list;
  await db
    .insertInto('proposal_list')
    .values({ ...list, finalized_at: at, finalized_by: by })
    .onConflict((oc) =>
      oc.columns(['title', 'village', 'year']).doUpdateSet({ finalized_at: at, finalized_by: by, id, revision }),
    )
    .execute();
}

/** The years before `year` in which each of these people was recognized a Learning Citizen (decisions received from above). */
export function cdhtYearsBefore(db: Db, personIds: readonly string[], year: number) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('recognition')
    .select(['subject_id', 'year'])
    .where('title', '=', 'cdht')
    .where('subject_kind', '=', 'person')
    .where('subject_id', 'in', [...personIds])
    .where('year', '<', year)
    .execute();
}

/** A list's closing by its own id (the id it went up with). */
export function findClosingById(db: Db, id: string) {
  return db
    .selectFrom('proposal_list')
    .select(['id', 'title', 'village', 'year', 'revision', 'finalized_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The commune's return of this revision of a list, if it returned it. */
export function findReturn(db: Db, listId: string, revision: number) {
  return db
    .selectFrom('list_return')
    .select(['reason', 'returned_at', 'by_name'])
    .where('list_id', '=', listId)
    .where('revision', '=', revision)
    .executeTakeFirst();
}

export async function saveReturn(
  db: Db,
  row: { list_id: string; revision: number; reason: string; returned_at: string; by_name: string; received_at: string },
): Promise<void> {
  await db
    .insertInto('list_return')
    .values(row)
    .onConflict((oc) => oc.columns(['list_id', 'revision']).doNothing())
    .execute();
}

/**
 * Unlocks the appraisals a closed list locked: the title's assessments of the year in the list's
 * village (a person's or a household's; every clan of the center for the clans' list), but not one
 * the commune decided (a recognition received for it stays locked).
 */
export async function unlockListed(db: Db, title: string, village: string, year: number): Promise<number> {
  const kind = title === 'cdht' ? 'person' : title === 'gdht' ? 'household' : 'clan';
  let q = db
    .selectFrom('assessment')
    .select('assessment.id')
    .where('assessment.title', '=', title)
    .where('assessment.year', '=', year)
    .where('assessment.subject_kind', '=', kind)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('recognition')
            .select('recognition.subject_id')
            .whereRef('recognition.subject_id', '=', 'assessment.subject_id')
            .where('recognition.title', '=', title)
            .where('recognition.year', '=', year),
        ),
      ),
    );
  if (kind === 'person')
    q = q.where('assessment.subject_id', 'in', db.selectFrom('person').select('id').where('village', '=', village));
  if (kind === 'household')
    q = q.where('assessment.subject_id', 'in', db.selectFrom('household').select('id').where('village', '=', village));
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return 0;
  const res = await db
    .updateTable('appraisal')
    .set({ locked: 0 })
    .where('assessment_id', 'in', ids)
    .where('locked', '=', 1)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Members registered now (not left) per household. */
export async function memberCounts(db: Db, householdIds: readonly string[]): Promise<Map<string, number>> {
  if (householdIds.length === 0) return new Map();
  const rows = await memberCountRows(db, householdIds);
  return new Map(rows.map((r) => [r.household_id, Number(r.n)]));
}

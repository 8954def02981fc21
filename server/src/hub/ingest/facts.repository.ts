import type { Database, HubAssessmentTable, HubPersonTable } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';

/** The hub's projection tables of the Learning Citizen title: hub_person, hub_assessment, hub_digital_check (facts.ts). */

export type DigitalCheckRow = Database['hub_digital_check'];

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** (person, year) of every decision in force of this title, for these people or everyone. */
export function decidedYears(
  db: Db,
  title: string,
  personIds?: string[],
): Promise<{ person_id: string; year: number }[]> {
  let q = db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_id as person_id', 'hub_decision.year'])
    .where('hub_decision.title', '=', title)
    .where('hub_decision.revoked_reason', 'is', null);
  if (personIds) q = q.where('hub_decision_subject.subject_id', 'in', personIds);
  return q.execute();
}

/** The projected assessments of these people (at most 500), with the flags the projection keeps itself. */
export function assessmentsOfPeople(db: Db, personIds: string[]) {
  return db
    .selectFrom('hub_assessment')
    .select([
      'assessment_id',
      'person_id',
      'node_id',
      'year',
      'village',
      'recognized',
      'streak',
      'check_digital',
      'check_proficient',
    ])
    .where('person_id', 'in', personIds)
    .execute();
}

export async function setRecognition(db: Db, assessmentId: string, recognized: number, streak: number): Promise<void> {
  await db
    .updateTable('hub_assessment')
    .set({ recognized, streak })
    .where('assessment_id', '=', assessmentId)
    .execute();
}

export async function setCheckFlags(
  db: Db,
  assessmentId: string,
  digital: number | null,
  proficient: number | null,
): Promise<void> {
  await db
    .updateTable('hub_assessment')
    .set({ check_digital: digital, check_proficient: proficient })
    .where('assessment_id', '=', assessmentId)
    .execute();
}

export async function setAssessmentVillage(db: Db, assessmentId: string, village: string): Promise<void> {
  await db.updateTable('hub_assessment').set({ village }).where('assessment_id', '=', assessmentId).execute();
}

/** The self-checks of these people (at most 500). */
export function digitalChecksOf(db: Db, personIds: string[]) {
  return db
    .selectFrom('hub_digital_check')
    .select(['person_id', 'year', 'finished_at', 'has_digital', 'proficient'])
    .where('person_id', 'in', personIds)
    .execute();
}

/** The villages of these people (at most 500) as each node sent them. */
export function villagesOf(db: Db, personIds: string[]) {
  return db
    .selectFrom('hub_person')
    .select(['person_id', 'node_id', 'village'])
    .where('person_id', 'in', personIds)
    .execute();
}

export async function putPeople(trx: Db, people: HubPersonTable[]): Promise<void> {
  for (const part of chunks(people)) {
    await trx
      .insertInto('hub_person')
      .values(part)
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet((eb) => ({
          node_id: eb.ref('excluded.node_id'),
          name: eb.ref('excluded.name'),
          birth_year: eb.ref('excluded.birth_year'),
          village: eb.ref('excluded.village'),
          registered_year: eb.ref('excluded.registered_year'),
          public_list: eb.ref('excluded.public_list'),
        })),
      )
      .execute();
  }
}

export async function putDigitalChecks(trx: Db, checks: DigitalCheckRow[]): Promise<void> {
  for (const part of chunks(checks)) {
    await trx
      .insertInto('hub_digital_check')
      .values(part)
      .onConflict((oc) =>
        oc.column('record_id').doUpdateSet((eb) => ({
          person_id: eb.ref('excluded.person_id'),
          year: eb.ref('excluded.year'),
          finished_at: eb.ref('excluded.finished_at'),
          has_digital: eb.ref('excluded.has_digital'),
          proficient: eb.ref('excluded.proficient'),
        })),
      )
      .execute();
  }
}

/** Puts these assessments; the recognition and self-check flags are the projection's own: kept on update. */
export async function putAssessments(trx: Db, facts: HubAssessmentTable[]): Promise<void> {
  for (const part of chunks(facts)) {
    await trx
      .insertInto('hub_assessment')
      .values(part)
      .onConflict((oc) =>
        oc.column('assessment_id').doUpdateSet((eb) => ({
          person_id: eb.ref('excluded.person_id'),
          node_id: eb.ref('excluded.node_id'),
          year: eb.ref('excluded.year'),
          village: eb.ref('excluded.village'),
          grp: eb.ref('excluded.grp'),
          submitted: eb.ref('excluded.submitted'),
          assisted: eb.ref('excluded.assisted'),
          self_total: eb.ref('excluded.self_total'),
          appraised: eb.ref('excluded.appraised'),
          appraised_total: eb.ref('excluded.appraised_total'),
          appraised_min: eb.ref('excluded.appraised_min'),
          appraised_count: eb.ref('excluded.appraised_count'),
          digital_score: eb.ref('excluded.digital_score'),
        })),
      )
      .execute();
  }
}

/** A person erased at `origin` leaves the projection, with these self-checks of hers. */
export async function deletePerson(trx: Db, origin: string, personId: string, checks: string[]): Promise<void> {
  for (const part of chunks(checks)) await trx.deleteFrom('hub_digital_check').where('record_id', 'in', part).execute();
  await trx.deleteFrom('hub_assessment').where('person_id', '=', personId).where('node_id', '=', origin).execute();
  await trx.deleteFrom('hub_person').where('person_id', '=', personId).where('node_id', '=', origin).execute();
}

export async function clearFacts(trx: Db): Promise<void> {
  await trx.deleteFrom('hub_assessment').execute();
  await trx.deleteFrom('hub_person').execute();
  await trx.deleteFrom('hub_digital_check').execute();
}

/** Inserts a projection built anew (the tables were cleared). */
export async function insertFacts(
  trx: Db,
  people: HubPersonTable[],
  assessments: HubAssessmentTable[],
  checks: DigitalCheckRow[],
): Promise<void> {
  for (const part of chunks(checks)) await trx.insertInto('hub_digital_check').values(part).execute();
  for (const part of chunks(people)) await trx.insertInto('hub_person').values(part).execute();
  for (const part of chunks(assessments)) await trx.insertInto('hub_assessment').values(part).execute();
}

export async function readState(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeState(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

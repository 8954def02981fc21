import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';

/** The hub's tables of the four other titles (model-facts.ts, model-cases.ts, model-erasure.ts). */

export type ModelSubjectRow = Database['hub_model_subject'];
export type ModelAssessmentRow = Database['hub_model_assessment'];

const CHUNK = 500;
const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Makes these the projection's rows of their subjects and assessments, new or not. */
export async function putModelRows(
  trx: Db,
  subjects: ModelSubjectRow[],
  assessments: ModelAssessmentRow[],
): Promise<void> {
  for (const part of chunks(subjects)) {
    await trx
      .insertInto('hub_model_subject')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
          node_id: eb.ref('excluded.node_id'),
          village: eb.ref('excluded.village'),
          label: eb.ref('excluded.label'),
          registered_year: eb.ref('excluded.registered_year'),
        })),
      )
      .execute();
  }
  for (const part of chunks(assessments)) {
    await trx
      .insertInto('hub_model_assessment')
      .values(part)
      .onConflict((oc) =>
        oc.column('assessment_id').doUpdateSet((eb) => ({
          subject_kind: eb.ref('excluded.subject_kind'),
          subject_id: eb.ref('excluded.subject_id'),
          title: eb.ref('excluded.title'),
          node_id: eb.ref('excluded.node_id'),
          year: eb.ref('excluded.year'),
          submitted: eb.ref('excluded.submitted'),
        })),
      )
      .execute();
  }
}

/** Empties the projection (before it is built again from hub_record). */
export async function clearModelFacts(trx: Db): Promise<void> {
  await trx.deleteFrom('hub_model_subject').execute();
  await trx.deleteFrom('hub_model_assessment').execute();
}

/** Subjects gone (a household with its last adult), with their assessments and the commune's appraisals of them. */
export async function forgetModelSubjects(trx: Db, kind: string, ids: string[], assessments: string[]): Promise<void> {
  await trx.deleteFrom('hub_model_subject').where('kind', '=', kind).where('id', 'in', ids).execute();
  if (assessments.length === 0) return;
  await trx.deleteFrom('hub_model_assessment').where('assessment_id', 'in', assessments).execute();
  await trx.deleteFrom('hub_model_appraisal').where('assessment_id', 'in', assessments).execute();
}

/** The commune's decisions in force on the four titles, one row per subject named. */
export function modelDecisionSubjects(db: Db) {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select([
      'hub_decision_subject.subject_kind',
      'hub_decision_subject.subject_id',
      'hub_decision.id',
      'hub_decision.title',
      'hub_decision.year',
      'hub_decision.number',
      'hub_decision.signed_on',
    ])
    .where('hub_decision_subject.subject_kind', '!=', 'person')
    .where('hub_decision.revoked_reason', 'is', null)
    .execute();
}

/** (person, year) of each CDHT decision in force, for these people (500 at a time) or everyone. */
export async function cdhtDecisionYears(
  db: Db,
  personIds?: readonly string[],
): Promise<{ subject_id: string; year: number }[]> {
  const read = (ids?: readonly string[]) => {
    let q = db
      .selectFrom('hub_decision_subject')
      .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
      .select(['hub_decision_subject.subject_id', 'hub_decision.year'])
      .where('hub_decision_subject.subject_kind', '=', 'person')
      .where('hub_decision.title', '=', 'cdht')
      .where('hub_decision.revoked_reason', 'is', null);
    if (ids) q = q.where('hub_decision_subject.subject_id', 'in', [...ids]);
    return q.execute();
  };
  if (!personIds) return read();
  const out: { subject_id: string; year: number }[] = [];
  for (const part of chunks(personIds)) out.push(...(await read(part)));
  return out;
}

/** Whether any centre sent a learning community's self-assessment (submitted or not). */
export async function anyCommunityAssessment(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('hub_model_assessment')
    .select('assessment_id')
    .where('subject_kind', '=', 'community')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * CDHT recognitions in force per village (the person's village as her center holds it) and year:
 * one per person and decision naming her, counted in SQL rather than over every person.
 */
export function cdhtRecognizedByVillage(db: Db): Promise<{ village: string; year: number; n: number | string }[]> {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .innerJoin('hub_person', 'hub_person.person_id', 'hub_decision_subject.subject_id')
    .select(({ fn }) => ['hub_person.village', 'hub_decision.year', fn.countAll<number | string>().as('n')])
    .where('hub_decision_subject.subject_kind', '=', 'person')
    .where('hub_decision.title', '=', 'cdht')
    .where('hub_decision.revoked_reason', 'is', null)
    .groupBy(['hub_person.village', 'hub_decision.year'])
    .execute();
}

/** The names of these people (500 at a time). */
export async function personNames(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of chunks(personIds)) {
    for (const p of await db
      .selectFrom('hub_person')
      .select(['person_id', 'name'])
      .where('person_id', 'in', part)
      .execute()) {
      out.set(p.person_id, p.name);
    }
  }
  return out;
}

/** What the commune entered per year: households and adults per village, and the commune's totals of clans and units. */
export function enteredPopulation(db: Db) {
  return db
    .selectFrom('hub_population')
    .select(['kind', 'name', 'year', 'count'])
    .where('kind', 'in', ['village', 'households', 'clans-total', 'units-total'])
    .execute();
}

/** Which model assessments to read (model-cases.ts CaseQuery). */
export interface ModelAssessmentQuery {
  year?: number;
  title?: string;
  kinds?: readonly string[];
  ids?: readonly string[];
  submittedOnly?: boolean;
}

export function findModelAssessments(db: Db, query: ModelAssessmentQuery): Promise<ModelAssessmentRow[]> {
  let q = db.selectFrom('hub_model_assessment').selectAll();
  if (query.year !== undefined) q = q.where('year', '=', query.year);
  if (query.title) q = q.where('title', '=', query.title);
  if (query.kinds) q = q.where('subject_kind', 'in', [...query.kinds]);
  if (query.ids) q = q.where('assessment_id', 'in', query.ids.length > 0 ? [...query.ids] : ['']);
  if (query.submittedOnly !== false) q = q.where('submitted', '=', 1);
  return q.execute();
}

/** The commune's own appraisals of these assessments (villages and units), by assessment. */
export async function communeAppraisals(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, Database['hub_model_appraisal']>> {
  const out = new Map<string, Database['hub_model_appraisal']>();
  for (const part of chunks(ids)) {
    for (const r of await db.selectFrom('hub_model_appraisal').selectAll().where('assessment_id', 'in', part).execute())
      out.set(r.assessment_id, r);
  }
  return out;
}

/** Every node's name, by id. */
export async function nodeNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('hub_node').select(['id', 'name']).execute()).map((n) => [n.id, n.name]));
}

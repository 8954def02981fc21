/**
 * The Kysely code of the commune's decisions (hub_decision, hub_decision_subject), its refusals
 * (hub_decline), the downward feed they go into (hub_feed) and the commune's own appraisals
 * (hub_model_appraisal); with the reads of the projection the centers' pushes keep (hub_assessment,
 * hub_person, hub_node, hub_record) that decisions are made on.
 */
import type { DecisionTitle } from '../../../../shared/schemas/decision.ts';
import type { ModelSubjectKind } from '../../../../shared/schemas/model-criteria-set.ts';
import type { Db } from '../../db/database.ts';
import type { HubDecisionRow, HubDeclineTable } from '../../db/schema.ts';

/** The year's submitted and appraised Learning Citizen assessments, with the person's name, birth year and village. */
export function appraisedAssessments(db: Db, year: number) {
  return db
    .selectFrom('hub_assessment')
    .innerJoin('hub_person', 'hub_person.person_id', 'hub_assessment.person_id')
    .select([
      'hub_assessment.assessment_id',
      'hub_assessment.person_id',
      'hub_assessment.node_id',
      'hub_assessment.grp',
      'hub_assessment.self_total',
      'hub_assessment.appraised_total',
      'hub_assessment.appraised_min',
      'hub_assessment.appraised_count',
      'hub_assessment.streak',
      'hub_person.name',
      'hub_person.birth_year',
      'hub_person.village',
    ])
    .where('hub_assessment.year', '=', year)
    .where('hub_assessment.submitted', '=', 1)
    .where('hub_assessment.appraised', '=', 1)
    .execute();
}

/** The names of the nodes below, by id. */
export async function nodeNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('hub_node').select(['id', 'name']).execute()).map((n) => [n.id, n.name]));
}

/** The refusals of `year` in force, by assessment id. */
export async function declinesInForce(db: Db, year: number): Promise<Map<string, { reason: string; at: string }>> {
  const rows = await db
    .selectFrom('hub_decline')
    .select(['assessment_id', 'reason', 'at'])
    .where('year', '=', year)
    .where('withdrawn', '=', 0)
    .execute();
  return new Map(rows.map((d) => [d.assessment_id, { reason: d.reason, at: d.at }]));
}

/** The subjects named by decisions in force of `title` and `year`, with the decision. */
export function subjectsDecided(db: Db, year: number, title: DecisionTitle) {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_id', 'hub_decision.id', 'hub_decision.number', 'hub_decision.signed_on'])
    .where('hub_decision.year', '=', year)
    .where('hub_decision.title', '=', title)
    .where('hub_decision.revoked_reason', 'is', null)
    .execute();
}

/** The subjects of these kinds named by decisions in force of `year`, with the decision and its title. */
export function subjectsDecidedOfKinds(db: Db, year: number, kinds: readonly ModelSubjectKind[]) {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select([
      'hub_decision_subject.subject_kind',
      'hub_decision_subject.subject_id',
      'hub_decision.title',
      'hub_decision.id',
      'hub_decision.number',
    ])
    .where('hub_decision.year', '=', year)
    .where('hub_decision.revoked_reason', 'is', null)
    .where('hub_decision_subject.subject_kind', 'in', [...kinds])
    .execute();
}

export async function insertDecision(
  db: Db,
  row: HubDecisionRow,
  subjects: { kind: string; id: string; nodeId: string }[],
): Promise<void> {
  await db.insertInto('hub_decision').values(row).execute();
  await db
    .insertInto('hub_decision_subject')
    .values(subjects.map((s) => ({ decision_id: row.id, subject_kind: s.kind, subject_id: s.id, node_id: s.nodeId })))
    .execute();
}

export function findDecision(db: Db, id: string): Promise<HubDecisionRow | undefined> {
  return db.selectFrom('hub_decision').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDecision(
  db: Db,
  id: string,
  change: { revision: number; revoked_reason?: string },
): Promise<void> {
  await db.updateTable('hub_decision').set(change).where('id', '=', id).execute();
}

/** Every subject a decision names, with the node each came from. */
export function decisionSubjects(db: Db, decisionId: string) {
  return db
    .selectFrom('hub_decision_subject')
    .select(['subject_kind', 'subject_id', 'node_id'])
    .where('decision_id', '=', decisionId)
    .execute();
}

/** Takes one subject out of a decision; answers the node it came from, undefined when the decision did not name it. */
export async function removeDecisionSubject(
  db: Db,
  decisionId: string,
  kind: string,
  id: string,
): Promise<string | undefined> {
  const which = db
    .selectFrom('hub_decision_subject')
    .where('decision_id', '=', decisionId)
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id);
  const named = await which.select('node_id').executeTakeFirst();
  if (!named) return undefined;
  await db
    .deleteFrom('hub_decision_subject')
    .where('decision_id', '=', decisionId)
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .execute();
  return named.node_id;
}

/** The decisions of a year (of one title when given), newest first. */
export function decisionsOf(db: Db, year: number, title?: DecisionTitle): Promise<HubDecisionRow[]> {
  let q = db.selectFrom('hub_decision').selectAll().where('year', '=', year);
  if (title) q = q.where('title', '=', title);
  return q.orderBy('created_at', 'desc').execute();
}

/** How many subjects each decision names now, by decision id. */
export async function subjectCounts(db: Db): Promise<Map<string, number>> {
  const counts = await db
    .selectFrom('hub_decision_subject')
    .select(['decision_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('decision_id')
    .execute();
  return new Map(counts.map((c) => [c.decision_id, Number(c.n)]));
}

export type DeclineRow = HubDeclineTable;

export async function assessmentIdOf(db: Db, personId: string, year: number): Promise<string> {
  const row = await db
    .selectFrom('hub_assessment')
    .select('assessment_id')
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return row.assessment_id;
}

export function findDecline(db: Db, assessmentId: string) {
  return db.selectFrom('hub_decline').selectAll().where('assessment_id', '=', assessmentId).executeTakeFirst();
}

/** The refusal in force of a person's year, if any. */
export function declineInForce(db: Db, personId: string, year: number): Promise<DeclineRow | undefined> {
  return db
    .selectFrom('hub_decline')
    .selectAll()
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .where('withdrawn', '=', 0)
    .executeTakeFirst();
}

export async function upsertDecline(db: Db, row: DeclineRow): Promise<void> {
  await db
    .insertInto('hub_decline')
    .values(row)
    .onConflict((oc) =>
      oc.column('assessment_id').doUpdateSet({
        reason: row.reason,
        revision: row.revision,
        withdrawn: 0,
        at: row.at,
        by_name: row.by_name,
      }),
    )
    .execute();
}

export async function withdrawDeclineRow(db: Db, assessmentId: string, revision: number): Promise<void> {
  await db
    .updateTable('hub_decline')
    .set({ revision, withdrawn: 1 })
    .where('assessment_id', '=', assessmentId)
    .execute();
}

/** One message of the downward feed, for one node or (`nodeId` null) for every node. */
export async function appendFeed(
  db: Db,
  item: { kind: string; recordId: string; revision: number; nodeId: string | null; payload: string; at: string },
): Promise<void> {
  await db
    .insertInto('hub_feed')
    .values({
      kind: item.kind,
      record_id: item.recordId,
      revision: item.revision,
      node_id: item.nodeId,
      payload: item.payload,
      created_at: item.at,
    })
    .execute();
}

/** The last message of a kind put into the feed. */
export function lastFeedOf(db: Db, kind: string) {
  return db
    .selectFrom('hub_feed')
    .select(['revision', 'payload'])
    .where('kind', '=', kind)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Up to `limit` + 1 messages after `after` for a node (and for every node), in order. */
export function feedAfter(db: Db, nodeId: string, after: number, limit: number) {
  return db
    .selectFrom('hub_feed')
    .select(['seq', 'kind', 'payload'])
    .where('seq', '>', after)
    .where((eb) => eb.or([eb('node_id', '=', nodeId), eb('node_id', 'is', null)]))
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
}

/** The evidence records a node sent whose payload mentions the assessment (the caller checks each). */
export function evidenceRecordsMentioning(db: Db, nodeId: string, assessmentId: string) {
  return db
    .selectFrom('hub_record')
    .select('payload')
    .where('record_kind', '=', 'evidence')
    .where('origin', '=', nodeId)
    .where('payload', 'like', `%${assessmentId}%`)
    .orderBy('record_id')
    .execute();
}

export async function modelAppraisalRevision(db: Db, assessmentId: string): Promise<number> {
  const before = await db
    .selectFrom('hub_model_appraisal')
    .select('revision')
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
  return Number(before?.revision ?? 0);
}

export async function upsertModelAppraisal(
  db: Db,
  row: {
    assessment_id: string;
    revision: number;
    answers: string;
    reasons: string;
    appraiser: string;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('hub_model_appraisal')
    .values(row)
    .onConflict((oc) =>
      oc.column('assessment_id').doUpdateSet({
        revision: row.revision,
        answers: row.answers,
        reasons: row.reasons,
        appraiser: row.appraiser,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/**
 * The Kysely code of the imported past recognitions (hub_history_import, hub_history_row,
 * hub_history_decision), and the reads of the hub's projection they are matched against
 * (hub_person, hub_model_subject, the households' records).
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { HubHistoryRow } from '../../db/tables/history.ts';

export type { HubHistoryRow } from '../../db/tables/history.ts';

/** Which of these row ids are already held. */
export async function heldRowIds(db: Db, ids: string[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const r of await db.selectFrom('hub_history_row').select('id').where('id', 'in', part).execute())
      held.add(r.id);
  }
  return held;
}

/** The rows already held of these kinds and years: a file's row that contradicts one is refused. */
export function rowsOfYears(db: Db, years: number[]) {
  if (years.length === 0) return Promise.resolve([] as HubHistoryRow[]);
  return db.selectFrom('hub_history_row').selectAll().where('year', 'in', years).execute();
}

export async function insertImport(db: Db, row: Insertable<Database['hub_history_import']>): Promise<void> {
  await db.insertInto('hub_history_import').values(row).execute();
}

export async function insertRows(db: Db, rows: Insertable<Database['hub_history_row']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('hub_history_row')
      .values(rows.slice(i, i + 100))
      .execute();
}

export function rowsWithStatus(db: Db, statuses: string[], ids?: string[]): Promise<HubHistoryRow[]> {
  let q = db.selectFrom('hub_history_row').selectAll().where('status', 'in', statuses);
  if (ids) q = q.where('id', 'in', ids);
  return q.execute();
}

export async function hasRowsWithStatus(db: Db, status: string): Promise<boolean> {
  return (
    (await db.selectFrom('hub_history_row').select('id').where('status', '=', status).limit(1).execute()).length > 0
  );
}

export function findRow(db: Db, id: string): Promise<HubHistoryRow | undefined> {
  return db.selectFrom('hub_history_row').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRow(
  db: Db,
  id: string,
  change: Partial<
    Pick<HubHistoryRow, 'status' | 'subject_id' | 'candidate_id' | 'rejected' | 'decision_id' | 'matched_at'>
  >,
): Promise<void> {
  await db.updateTable('hub_history_row').set(change).where('id', '=', id).execute();
}

/** Every imported row, for the officer's screen: those waiting for review first, then by year and line. */
export function allRows(db: Db): Promise<HubHistoryRow[]> {
  return db.selectFrom('hub_history_row').selectAll().orderBy('year').orderBy('import_id').orderBy('line').execute();
}

export async function decisionOfKey(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('hub_history_decision').select('decision_id').where('key', '=', key).executeTakeFirst())
    ?.decision_id;
}

export async function putDecisionKey(db: Db, key: string, decisionId: string): Promise<void> {
  await db.insertInto('hub_history_decision').values({ key, decision_id: decisionId }).execute();
}

/** The people the centers sent (all, or these), as the hub's projection holds them. */
export function people(db: Db, ids?: string[]) {
  let q = db.selectFrom('hub_person').select(['person_id as id', 'node_id', 'name', 'birth_year', 'village']);
  if (ids) q = q.where('person_id', 'in', ids);
  return q.execute();
}

/** The households, clans and units the centers sent (all of a kind, or these). */
export function modelSubjects(db: Db, kind: string, ids?: string[]) {
  let q = db.selectFrom('hub_model_subject').select(['id', 'node_id', 'village', 'label']).where('kind', '=', kind);
  if (ids) q = q.where('id', 'in', ids);
  return q.execute();
}

/** The households' records as sent (the head is read from the payload). */
export function householdRecords(db: Db, ids?: string[]) {
  let q = db.selectFrom('hub_record').select(['record_id', 'payload']).where('record_kind', '=', 'household');
  if (ids) q = q.where('record_id', 'in', ids);
  return q.execute();
}

/** Whether a subject is already named, for this title and year, by a decision in force. */
export async function alreadyDecided(db: Db, title: string, year: number, kind: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select('hub_decision.id')
    .where('hub_decision.title', '=', title)
    .where('hub_decision.year', '=', year)
    .where('hub_decision.revoked_reason', 'is', null)
    .where('hub_decision_subject.subject_kind', '=', kind)
    .where('hub_decision_subject.subject_id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** A node below that serves a village: one that sent a person, household or unit of it. */
export async function nodeOfVillage(db: Db, village: string): Promise<string | undefined> {
  const person = await db
    .selectFrom('hub_person')
    .select('node_id')
    .where('village', '=', village)
    .orderBy('node_id')
    .executeTakeFirst();
  if (person) return person.node_id;
  const subject = await db
    .selectFrom('hub_model_subject')
    .select('node_id')
    .where('village', '=', village)
    .orderBy('node_id')
    .executeTakeFirst();
  return subject?.node_id;
}

/** A new hub decision for a paper decision, naming no one yet. */
export async function insertHubDecision(db: Db, row: Insertable<Database['hub_decision']>): Promise<void> {
  await db.insertInto('hub_decision').values(row).execute();
}

export async function addDecisionSubject(
  db: Db,
  decisionId: string,
  subject: { kind: string; id: string; nodeId: string },
): Promise<void> {
  await db
    .insertInto('hub_decision_subject')
    .values({ decision_id: decisionId, subject_kind: subject.kind, subject_id: subject.id, node_id: subject.nodeId })
    .execute();
}

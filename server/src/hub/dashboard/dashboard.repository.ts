/**
 * The Kysely code of the dashboard, the four other titles' rates and the relay: counts aggregated
 * in SQL from the projection the centers' pushes keep (hub_assessment, hub_person, hub_model_*,
 * hub_record), the decisions in force, and the relay's record of what it last sent (sync_state).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** What the sums count as digital and outstanding (settings digital.minScore and recognition.outstandingYears). */
export interface SumRules {
  digitalMin: number;
  outstandingYears: number;
}

/** The criteria a proposal passes: every indicator scored, none below the minimum, the total at the pass mark. */
export interface PassRules {
  indicators: number;
  minPerIndicator: number;
  passTotal: number;
}

export type SumRow = Record<string, string | number | null>;

/**
 * The sums every count is made of, over rows of hub_assessment `a` (recognized and streak kept by
 * facts.ts). Digital skills and proficiency come from the person's latest self-check of the year;
 * without one, from the appraised CS05 score (≥ digital.minScore) and, for proficient, having
 * completed the self-assessment unassisted.
 */
function sums({ digitalMin, outstandingYears }: SumRules) {
  return sql`count(*) as started,
      sum(a.submitted) as self_assessed,
      sum(case when a.submitted = 1 and a.appraised = 1 then 1 else 0 end) as appraised,
      sum(a.recognized) as recognized,
      sum(case when a.recognized = 1 and (a.check_digital = 1
        or (a.check_digital is null and a.digital_score >= ${digitalMin})) then 1 else 0 end) as digital,
      sum(case when a.recognized = 1 and (a.check_proficient = 1
        or (a.check_digital is null and a.digital_score >= ${digitalMin} and a.assisted = 0)) then 1 else 0 end) as proficient,
      sum(case when a.streak >= ${outstandingYears} then 1 else 0 end) as outstanding`;
}

/** Years with any Learning Citizen assessment, ascending. */
export async function assessmentYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('hub_assessment').select('year').distinct().execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

/** The sums of one year per (village, center, group), with how many pass `pass` as appraised (`proposed`). */
export async function yearSums(db: Db, year: number, rules: SumRules, pass: PassRules): Promise<SumRow[]> {
  const { rows } = await sql<SumRow>`
    select a.village, a.node_id, a.grp, ${sums(rules)},
      sum(case when a.submitted = 1 and a.appraised = 1 and a.appraised_count >= ${pass.indicators}
        and a.appraised_min >= ${pass.minPerIndicator} and a.appraised_total >= ${pass.passTotal}
        then 1 else 0 end) as proposed
    from hub_assessment a
    where a.year = ${year}
    group by a.village, a.node_id, a.grp`.execute(db);
  return rows;
}

/** The sums of every year per village. */
export async function yearVillageSums(db: Db, rules: SumRules): Promise<SumRow[]> {
  const { rows } = await sql<SumRow>`
    select a.year, a.village, ${sums(rules)} from hub_assessment a group by a.year, a.village`.execute(db);
  return rows;
}

/**
 * The Learning Citizens recognized on paper (imported past recognitions, hub/history/) that no
 * recognized assessment of the same year already counts: per year, village and center (the
 * matched person's, from the projection; the row's village and no center ('') while unmatched or
 * erased). A person is counted once however many rows name her in a year.
 */
export async function importedRecognized(
  db: Db,
  year: number | null,
): Promise<{ year: number; village: string; node_id: string; n: number }[]> {
  const { rows } = await sql<{ year: number; village: string; node_id: string; n: number }>`
    select r.year, coalesce(p.village, r.village, '') as village, coalesce(p.node_id, '') as node_id,
      count(distinct coalesce(r.subject_id, r.id)) as n
    from hub_history_row r
    left join hub_person p on p.person_id = r.subject_id
    where r.kind = 'person' ${year === null ? sql`` : sql`and r.year = ${year}`}
      and not exists (select 1 from hub_assessment a
        where a.person_id = r.subject_id and a.year = r.year and a.recognized = 1)
    group by r.year, coalesce(p.village, r.village, ''), coalesce(p.node_id, '')`.execute(db);
  return rows.map((r) => ({ year: Number(r.year), village: r.village, node_id: r.node_id, n: Number(r.n) }));
}

/** People registered per village, center and year of registration. */
export function registrations(db: Db) {
  return db
    .selectFrom('hub_person')
    .select(['village', 'node_id', 'registered_year', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['village', 'node_id', 'registered_year'])
    .execute();
}

/** The nodes below, by name. */
export function nodesByName(db: Db) {
  return db.selectFrom('hub_node').select(['id', 'name', 'enrolled_at', 'status']).orderBy('name').execute();
}

/** The adults entered per village (a commune) or commune (a province), per year. */
export async function adultsEntered(db: Db): Promise<{ name: string; year: number; count: number }[]> {
  const rows = await db
    .selectFrom('hub_population')
    .select(['name', 'year', 'count'])
    .where('kind', '=', 'village')
    .execute();
  return rows.map((r) => ({ name: r.name, year: Number(r.year), count: Number(r.count) }));
}

/** The merges and renames of villages and centers the officer recorded, in order. */
export function unitChangeRows(db: Db) {
  return db.selectFrom('hub_unit_change').selectAll().orderBy('id').execute();
}

/** The officer's adjustments of a year's targets, in order. */
export function targetAdjustments(db: Db, year: number) {
  return db.selectFrom('hub_target_adjustment').selectAll().where('year', '=', year).orderBy('id').execute();
}

/** The payloads of one kind of record the nodes pushed, with the node each came from. */
export function recordsOf(db: Db, kind: 'proposal-list' | 'aggregate' | 'model-aggregate') {
  return db
    .selectFrom('hub_record')
    .select(['origin', 'record_id', 'payload'])
    .where('record_kind', '=', kind)
    .execute();
}

/** When each relayed aggregate first arrived, by record id. */
export async function aggregatesFirstSeen(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('hub_record_history')
    .select(['record_id', (eb) => eb.fn.min('received_at').as('at')])
    .where('record_kind', '=', 'aggregate')
    .groupBy('record_id')
    .execute();
  return new Map(rows.map((r) => [r.record_id, String(r.at)]));
}

/** Name and village of the people a decision in force recognizes for `year` who agreed to the public list. */
export function publicListEntries(db: Db, year: number) {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .innerJoin('hub_person', 'hub_person.person_id', 'hub_decision_subject.subject_id')
    .select(['hub_person.name', 'hub_person.village'])
    .distinct()
    .where('hub_decision.year', '=', year)
    .where('hub_decision.title', '=', 'cdht')
    .where('hub_decision.revoked_reason', 'is', null)
    .where('hub_person.public_list', '=', 1)
    .execute();
}

/** The submitted self-assessments of the four other titles. */
export function submittedModelAssessments(db: Db) {
  return db
    .selectFrom('hub_model_assessment')
    .select(['subject_kind', 'subject_id', 'title', 'year'])
    .where('submitted', '=', 1)
    .execute();
}

const CHUNK = 500;

/** The names of these people, by person id. */
export async function personNames(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const part = personIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('hub_person')
      .select(['person_id', 'name'])
      .where('person_id', 'in', part)
      .execute();
    for (const p of rows) names.set(p.person_id, p.name);
  }
  return names;
}

/** Every village a person was registered in. */
export async function personVillages(db: Db): Promise<string[]> {
  return (await db.selectFrom('hub_person').select('village').distinct().execute()).map((r) => r.village);
}

/** Whether the hub holds anything of the four other titles: a subject, an assessment, a decision, households entered. */
export async function anyModelRecord(db: Db): Promise<boolean> {
  const probes = [
    () => db.selectFrom('hub_model_subject').select('id').limit(1).executeTakeFirst(),
    () => db.selectFrom('hub_model_assessment').select('assessment_id').limit(1).executeTakeFirst(),
    () =>
      db
        .selectFrom('hub_decision_subject')
        .select('subject_id')
        .where('subject_kind', '!=', 'person')
        .limit(1)
        .executeTakeFirst(),
    () => db.selectFrom('hub_population').select('name').where('kind', '=', 'households').limit(1).executeTakeFirst(),
  ];
  for (const probe of probes) if ((await probe()) !== undefined) return true;
  return false;
}

/** What the relay last sent under `key`: its revision and a digest of its content. */
export async function lastRelayed(db: Db, key: string): Promise<{ revision: number; digest: string }> {
  const last = await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
  return last ? (JSON.parse(last.value) as { revision: number; digest: string }) : { revision: 0, digest: '' };
}

export async function markRelayed(db: Db, key: string, relayed: { revision: number; digest: string }): Promise<void> {
  const value = JSON.stringify(relayed);
  await db
    .insertInto('sync_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

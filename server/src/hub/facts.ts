import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { recognitionStreak } from '../../../shared/domain/outstanding.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import type { AppraisalUpsertV1, AssessmentUpsertV1, ChangeMessage, DigitalCheckV1, PersonUpsertV1 } from '../../../shared/sync/messages.ts';
import type { Database, HubAssessmentTable, HubPersonTable } from '../db/schema.ts';
import { projectModelChanges, rebuildModelFacts } from './model-facts.ts';
import type { Db } from '../db/database.ts';

/**
 * The hub's projection of what the centers sent: one row per person (hub_person) and one per
 * Learning Citizen assessment with its appraisal (hub_assessment), kept in step with hub_record
 * in the same transaction as each push, so the dashboard aggregates in SQL instead of parsing
 * every record. The four other titles have their own tables, kept in the same step
 * (model-facts.ts). Derived data: bump FACTS_VERSION when its shape or rules change, and the hub
 * rebuilds it from hub_record on start.
 */
export const FACTS_VERSION = 2;
const VERSION_KEY = 'facts:version';
const TITLE = 'cdht';
/** The indicator on using information technology: its appraised score feeds the digital-skills count. */
export const DIGITAL_INDICATOR = 'CS05';

/**
 * What the projection reads of each message. The hub stores any record a node sends in the shape
 * its type names; one that lacks these fields is kept but not counted, rather than failing the push.
 */
const PersonShape = v.looseObject({
  id: v.string(), name: v.string(), birthYear: v.pipe(v.number(), v.integer()), village: v.string(),
  consents: v.array(v.looseObject({ purpose: v.string(), granted: v.boolean(), at: v.string() })),
});
const AssessmentShape = v.looseObject({
  id: v.string(), subjectId: v.string(), title: v.string(), year: v.pipe(v.number(), v.integer()), group: v.string(),
  status: v.string(), assistedBy: v.nullish(v.string()), answers: v.array(v.looseObject({ score: v.number() })),
});
const AppraisalShape = v.looseObject({
  id: v.string(), status: v.string(), scores: v.array(v.looseObject({ indicatorId: v.string(), score: v.number() })),
});
const fits = (schema: v.GenericSchema, m: unknown): boolean => v.safeParse(schema, m).success;

export function personFact(origin: string, m: PersonUpsertV1, receivedAt: string): HubPersonTable {
  const times = m.consents.map((c) => c.at).sort();
  const latest = new Map<string, boolean>();
  for (const c of [...m.consents].sort((a, b) => a.at.localeCompare(b.at))) latest.set(c.purpose, c.granted);
  return {
    person_id: m.id, node_id: origin, name: m.name, birth_year: m.birthYear, village: m.village,
    registered_year: vietnamYear(times[0] ?? receivedAt), public_list: latest.get('publicList') ? 1 : 0,
  };
}

export function assessmentFact(origin: string, a: AssessmentUpsertV1, appraisal: AppraisalUpsertV1 | undefined, village: string): HubAssessmentTable {
  const appraised = appraisal?.status === 'appraised' ? appraisal.scores : null;
  return {
    assessment_id: a.id, person_id: a.subjectId, node_id: origin, year: a.year, village, grp: a.group,
    submitted: a.status === 'submitted' ? 1 : 0, assisted: a.assistedBy ? 1 : 0,
    self_total: a.answers.reduce((sum, x) => sum + x.score, 0),
    appraised: appraised ? 1 : 0,
    appraised_total: appraised ? appraised.reduce((sum, s) => sum + s.score, 0) : null,
    appraised_min: appraised && appraised.length > 0 ? Math.min(...appraised.map((s) => s.score)) : null,
    appraised_count: appraised ? appraised.length : null,
    digital_score: appraised?.find((s) => s.indicatorId === DIGITAL_INDICATOR)?.score ?? null,
    check_digital: null, check_proficient: null, recognized: 0, streak: 0,
  };
}

/** Years recognized in a row ending with `year` (0 when `year` itself is not recognized). */
const streakOf = (years: ReadonlySet<number>, year: number): number =>
  recognitionStreak([...years].map((y) => ({ year: y, recognized: true })), year);

/** Every year each of these people (or everyone) is recognized by a decision in force. */
async function recognizedYears(db: Db, personIds?: string[]): Promise<Map<string, Set<number>>> {
  let q = db.selectFrom('hub_decision_subject').innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_id as person_id', 'hub_decision.year'])
    .where('hub_decision.title', '=', TITLE).where('hub_decision.revoked_reason', 'is', null);
  if (personIds) q = q.where('hub_decision_subject.subject_id', 'in', personIds);
  const out = new Map<string, Set<number>>();
  for (const r of await q.execute()) {
    const years = out.get(r.person_id) ?? new Set<number>();
    years.add(Number(r.year));
    out.set(r.person_id, years);
  }
  return out;
}

/**
 * Brings the recognized flag and the streak of these people's assessments in step with the
 * decisions in force: after a decision, a withdrawal, a reopening, or a new assessment.
 */
export async function refreshRecognition(trx: Db, personIds: string[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const years = await recognizedYears(trx, chunk);
    const rows = await trx.selectFrom('hub_assessment').select(['assessment_id', 'person_id', 'year', 'recognized', 'streak']).where('person_id', 'in', chunk).execute();
    for (const r of rows) {
      const streak = streakOf(years.get(r.person_id) ?? new Set(), Number(r.year));
      const recognized = streak > 0 ? 1 : 0;
      if (Number(r.recognized) === recognized && Number(r.streak) === streak) continue;
      await trx.updateTable('hub_assessment').set({ recognized, streak }).where('assessment_id', '=', r.assessment_id).execute();
    }
  }
}

const DigitalCheckShape = v.looseObject({
  id: v.string(), personId: v.string(), year: v.pipe(v.number(), v.integer()), finishedAt: v.string(), hasDigitalSkills: v.boolean(), proficient: v.boolean(),
});
type DigitalCheck = Pick<DigitalCheckV1, 'id' | 'personId' | 'year' | 'finishedAt' | 'hasDigitalSkills' | 'proficient'>;

const checkRow = (c: DigitalCheck) => ({
  record_id: c.id, person_id: c.personId, year: c.year, finished_at: c.finishedAt, has_digital: c.hasDigitalSkills ? 1 : 0, proficient: c.proficient ? 1 : 0,
});

const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Stored records of one kind, by id, as (origin, message). */
async function payloadsOf<T>(db: Db, kind: string, ids: string[]): Promise<Map<string, { origin: string; message: T }>> {
  const out = new Map<string, { origin: string; message: T }>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('hub_record').select(['record_id', 'origin', 'payload']).where('record_kind', '=', kind).where('record_id', 'in', part).execute();
    for (const r of rows) out.set(r.record_id, { origin: r.origin, message: JSON.parse(r.payload) as T });
  }
  return out;
}

/**
 * Brings the flags of each (person, year)'s assessment in step with the person's latest self-check
 * of that year: two reads for the whole batch, and a write only where a flag changes.
 */
async function refreshDigitalChecks(trx: Db, pairs: { personId: string; year: number }[]): Promise<void> {
  const wanted = new Set(pairs.map((p) => `${p.personId}\u0000${p.year}`));
  const people = [...new Set(pairs.map((p) => p.personId))];
  for (const part of chunks(people)) {
    const latest = new Map<string, { finished_at: string; has_digital: number; proficient: number }>();
    for (const c of await trx.selectFrom('hub_digital_check').select(['person_id', 'year', 'finished_at', 'has_digital', 'proficient']).where('person_id', 'in', part).execute()) {
      const key = `${c.person_id}\u0000${Number(c.year)}`;
      const seen = latest.get(key);
      if (!seen || c.finished_at > seen.finished_at) latest.set(key, c);
    }
    const rows = await trx.selectFrom('hub_assessment').select(['assessment_id', 'person_id', 'year', 'check_digital', 'check_proficient']).where('person_id', 'in', part).execute();
    for (const r of rows) {
      const key = `${r.person_id}\u0000${Number(r.year)}`;
      if (!wanted.has(key)) continue;
      const check = latest.get(key);
      const digital = check ? Number(check.has_digital) : null;
      const proficient = check ? Number(check.proficient) : null;
      if (r.check_digital === digital && r.check_proficient === proficient) continue;
      await trx.updateTable('hub_assessment').set({ check_digital: digital, check_proficient: proficient }).where('assessment_id', '=', r.assessment_id).execute();
    }
  }
}

/**
 * Brings the projection in step with a batch of changes just stored in hub_record (same
 * transaction), in a handful of statements for the whole batch. The result is what applying the
 * changes one by one gives: a later change of a record replaces an earlier one, an assessment
 * takes its appraisal and its person's village as they stand after the batch, and the
 * recognition and self-check flags are worked out from the tables after the batch.
 */
export async function projectChanges(trx: Db, origin: string, messages: readonly ChangeMessage[], receivedAt: string): Promise<void> {
  const people = new Map<string, HubPersonTable>();
  const checks = new Map<string, DigitalCheck>();
  const assessments = new Map<string, AssessmentUpsertV1>();
  const appraisals = new Map<string, AppraisalUpsertV1>();
  /** Assessments to project again: those sent, and those whose appraisal was sent. */
  const touched = new Set<string>();
  for (const m of messages) {
    if (m.type === 'PersonUpsertV1' && fits(PersonShape, m)) people.set(m.id, personFact(origin, m, receivedAt));
    else if (m.type === 'AssessmentUpsertV1' && fits(AssessmentShape, m) && m.title === TITLE) { assessments.set(m.id, m); touched.add(m.id); }
    else if (m.type === 'DigitalCheckV1' && fits(DigitalCheckShape, m)) checks.set(m.id, m);
    else if (m.type === 'AppraisalUpsertV1' && fits(AppraisalShape, m)) { appraisals.set(m.id, m); touched.add(m.id); }
  }

  if (people.size > 0) {
    const facts = [...people.values()];
    for (const part of chunks(facts)) {
      await trx.insertInto('hub_person').values(part).onConflict((oc) => oc.column('person_id').doUpdateSet((eb) => ({
        node_id: eb.ref('excluded.node_id'), name: eb.ref('excluded.name'), birth_year: eb.ref('excluded.birth_year'), village: eb.ref('excluded.village'),
        registered_year: eb.ref('excluded.registered_year'), public_list: eb.ref('excluded.public_list'),
      }))).execute();
    }
    // Assessments already projected with another village follow their person.
    for (const part of chunks([...people.keys()])) {
      const rows = await trx.selectFrom('hub_assessment').select(['assessment_id', 'person_id', 'village']).where('person_id', 'in', part).where('node_id', '=', origin).execute();
      for (const r of rows) {
        const village = people.get(r.person_id)!.village;
        if (r.village !== village) await trx.updateTable('hub_assessment').set({ village }).where('assessment_id', '=', r.assessment_id).execute();
      }
    }
  }
  if (checks.size > 0) {
    for (const part of chunks([...checks.values()])) {
      await trx.insertInto('hub_digital_check').values(part.map(checkRow)).onConflict((oc) => oc.column('record_id').doUpdateSet((eb) => ({
        person_id: eb.ref('excluded.person_id'), year: eb.ref('excluded.year'), finished_at: eb.ref('excluded.finished_at'),
        has_digital: eb.ref('excluded.has_digital'), proficient: eb.ref('excluded.proficient'),
      }))).execute();
    }
  }

  const facts: HubAssessmentTable[] = [];
  if (touched.size > 0) {
    const stored = await payloadsOf<AssessmentUpsertV1>(trx, 'assessment', [...touched].filter((id) => !assessments.has(id)));
    const storedAppraisals = await payloadsOf<AppraisalUpsertV1>(trx, 'appraisal', [...touched].filter((id) => !appraisals.has(id)));
    const subjects: { origin: string; assessment: AssessmentUpsertV1; appraisal: AppraisalUpsertV1 | undefined }[] = [];
    for (const id of touched) {
      const sent = assessments.get(id);
      const held = sent ? { origin, message: sent } : stored.get(id);
      if (!held || !fits(AssessmentShape, held.message) || held.message.title !== TITLE) continue;
      // An assessment takes only an appraisal its own center sent (hub.service refuses any other; this holds for ids sent before their record).
      const storedAppraisal = storedAppraisals.get(id);
      const appraisal = held.origin === origin && appraisals.has(id) ? appraisals.get(id) : storedAppraisal?.origin === held.origin ? storedAppraisal.message : undefined;
      subjects.push({ origin: held.origin, assessment: held.message, appraisal: appraisal && fits(AppraisalShape, appraisal) ? appraisal : undefined });
    }
    const villages = new Map<string, string>();
    for (const part of chunks([...new Set(subjects.map((x) => x.assessment.subjectId))])) {
      for (const r of await trx.selectFrom('hub_person').select(['person_id', 'node_id', 'village']).where('person_id', 'in', part).execute()) villages.set(`${r.node_id}\u0000${r.person_id}`, r.village);
    }
    for (const x of subjects) facts.push(assessmentFact(x.origin, x.assessment, x.appraisal, villages.get(`${x.origin}\u0000${x.assessment.subjectId}`) ?? ''));
    for (const part of chunks(facts)) {
      // Recognition and self-check flags are the projection's own: kept on update, set just below.
      await trx.insertInto('hub_assessment').values(part).onConflict((oc) => oc.column('assessment_id').doUpdateSet((eb) => ({
        person_id: eb.ref('excluded.person_id'), node_id: eb.ref('excluded.node_id'), year: eb.ref('excluded.year'), village: eb.ref('excluded.village'),
        grp: eb.ref('excluded.grp'), submitted: eb.ref('excluded.submitted'), assisted: eb.ref('excluded.assisted'), self_total: eb.ref('excluded.self_total'),
        appraised: eb.ref('excluded.appraised'), appraised_total: eb.ref('excluded.appraised_total'), appraised_min: eb.ref('excluded.appraised_min'),
        appraised_count: eb.ref('excluded.appraised_count'), digital_score: eb.ref('excluded.digital_score'),
      }))).execute();
    }
    await refreshRecognition(trx, [...new Set(facts.map((f) => f.person_id))]);
  }
  const pairs = [...facts.map((f) => ({ personId: f.person_id, year: f.year })), ...[...checks.values()].map((c) => ({ personId: c.personId, year: c.year }))];
  if (pairs.length > 0) await refreshDigitalChecks(trx, pairs);
  await projectModelChanges(trx, origin, messages);
}

/** A person erased at their center (`origin`): the rows of hers it sent leave the projection too (`checks`: her self-checks' record ids). */
export async function forgetPerson(trx: Db, origin: string, personId: string, checks: string[]): Promise<void> {
  for (const part of chunks(checks)) await trx.deleteFrom('hub_digital_check').where('record_id', 'in', part).execute();
  await trx.deleteFrom('hub_assessment').where('person_id', '=', personId).where('node_id', '=', origin).execute();
  await trx.deleteFrom('hub_person').where('person_id', '=', personId).where('node_id', '=', origin).execute();
}

/** Rebuilds the projection from hub_record when it was built by another version (or never). */
export async function ensureFacts(db: Kysely<Database>): Promise<boolean> {
  const stored = await db.selectFrom('sync_state').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  if (stored?.value === String(FACTS_VERSION)) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('hub_assessment').execute();
    await trx.deleteFrom('hub_person').execute();
    await trx.deleteFrom('hub_digital_check').execute();
    const rows = await trx.selectFrom('hub_record').select(['record_kind', 'origin', 'payload', 'received_at'])
      .where('record_kind', 'in', ['person', 'assessment', 'appraisal', 'digital-check']).execute();
    const appraisals = new Map<string, AppraisalUpsertV1>();
    for (const r of rows) {
      const m = JSON.parse(r.payload) as AppraisalUpsertV1;
      if (r.record_kind === 'appraisal' && fits(AppraisalShape, m)) appraisals.set(m.id, m);
    }
    const people: HubPersonTable[] = [];
    const assessments: HubAssessmentTable[] = [];
    for (const r of rows) {
      const m = JSON.parse(r.payload) as PersonUpsertV1 | AssessmentUpsertV1;
      if (m.type === 'PersonUpsertV1' && fits(PersonShape, m)) people.push(personFact(r.origin, m, r.received_at));
      if (m.type === 'AssessmentUpsertV1' && fits(AssessmentShape, m) && m.title === TITLE) assessments.push(assessmentFact(r.origin, m, appraisals.get(m.id), ''));
    }
    const villages = new Map(people.map((p) => [p.person_id, p.village]));
    const received = rows.filter((r) => r.record_kind === 'digital-check').map((r) => JSON.parse(r.payload) as unknown)
      .filter((m): m is DigitalCheck => fits(DigitalCheckShape, m));
    const checks = new Map<string, DigitalCheck>();
    for (const c of received) {
      const key = `${c.personId}\u0000${c.year}`;
      if (!checks.has(key) || c.finishedAt > checks.get(key)!.finishedAt) checks.set(key, c);
    }
    for (let i = 0; i < received.length; i += 500) await trx.insertInto('hub_digital_check').values(received.slice(i, i + 500).map(checkRow)).execute();
    const recognized = await recognizedYears(trx);
    for (const a of assessments) {
      a.village = villages.get(a.person_id) ?? '';
      const check = checks.get(`${a.person_id}\u0000${a.year}`);
      a.check_digital = check ? (check.hasDigitalSkills ? 1 : 0) : null;
      a.check_proficient = check ? (check.proficient ? 1 : 0) : null;
      a.streak = streakOf(recognized.get(a.person_id) ?? new Set(), a.year);
      a.recognized = a.streak > 0 ? 1 : 0;
    }
    for (let i = 0; i < people.length; i += 500) await trx.insertInto('hub_person').values(people.slice(i, i + 500)).execute();
    for (let i = 0; i < assessments.length; i += 500) await trx.insertInto('hub_assessment').values(assessments.slice(i, i + 500)).execute();
    await rebuildModelFacts(trx);
    await trx.insertInto('sync_state').values({ key: VERSION_KEY, value: String(FACTS_VERSION) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(FACTS_VERSION) })).execute();
  });
  return true;
}

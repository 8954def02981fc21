import { recognitionStreak } from '../../../../shared/domain/outstanding.ts';
import type {
  AppraisalUpsertV1,
  AssessmentUpsertV1,
  ChangeMessage,
  DigitalCheckV1,
} from '../../../../shared/sync/messages.ts';
import type { HubAssessmentTable, HubPersonTable } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import * as repo from './facts.repository.ts';
import { recordPagesOfKind, recordPayloads, refreshRecordStats } from './hub.repository.ts';
import { projectModelChanges, rebuildModelFacts } from './model-facts.ts';
import { storedAs } from './stored.ts';
import { appraisalSummary, assessmentFact, personFact, type AppraisalSummary } from './fact-rows.ts';

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
/** Years recognized in a row ending with `year` (0 when `year` itself is not recognized). */
const streakOf = (years: ReadonlySet<number>, year: number): number =>
  recognitionStreak(
    [...years].map((y) => ({ year: y, recognized: true })),
    year,
  );

/** Every year each of these people (or everyone) is recognized by a decision in force. */
async function recognizedYears(db: Db, personIds?: string[]): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (const r of await repo.decidedYears(db, TITLE, personIds)) {
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
    for (const r of await repo.assessmentsOfPeople(trx, chunk)) {
      const streak = streakOf(years.get(r.person_id) ?? new Set(), Number(r.year));
      const recognized = streak > 0 ? 1 : 0;
      if (Number(r.recognized) === recognized && Number(r.streak) === streak) continue;
      await repo.setRecognition(trx, r.assessment_id, recognized, streak);
    }
  }
}

type DigitalCheck = Pick<DigitalCheckV1, 'id' | 'personId' | 'year' | 'finishedAt' | 'hasDigitalSkills' | 'proficient'>;

const checkRow = (c: DigitalCheck) => ({
  record_id: c.id,
  person_id: c.personId,
  year: c.year,
  finished_at: c.finishedAt,
  has_digital: c.hasDigitalSkills ? 1 : 0,
  proficient: c.proficient ? 1 : 0,
});

const CHUNK = 500;
const chunks = <T>(xs: T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** Stored records of one kind, by id, as (origin, message), those that are a message of `type`. */
async function payloadsOf<T extends ChangeMessage['type']>(db: Db, kind: string, type: T, ids: string[]) {
  const out = new Map<string, { origin: string; message: Extract<ChangeMessage, { type: T }> }>();
  for (const [id, r] of await recordPayloads(db, kind, ids)) {
    const message = storedAs(r.message);
    if (message?.type === type)
      out.set(id, { origin: r.origin, message: message as Extract<ChangeMessage, { type: T }> });
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
    for (const c of await repo.digitalChecksOf(trx, part)) {
      const key = `${c.person_id}\u0000${Number(c.year)}`;
      const seen = latest.get(key);
      if (!seen || c.finished_at > seen.finished_at) latest.set(key, c);
    }
    for (const r of await repo.assessmentsOfPeople(trx, part)) {
      const key = `${r.person_id}\u0000${Number(r.year)}`;
      if (!wanted.has(key)) continue;
      const check = latest.get(key);
      const digital = check ? Number(check.has_digital) : null;
      const proficient = check ? Number(check.proficient) : null;
      if (r.check_digital === digital && r.check_proficient === proficient) continue;
      await repo.setCheckFlags(trx, r.assessment_id, digital, proficient);
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
export async function projectChanges(
  trx: Db,
  origin: string,
  messages: readonly ChangeMessage[],
  receivedAt: string,
): Promise<void> {
  const people = new Map<string, HubPersonTable>();
  const checks = new Map<string, DigitalCheck>();
  const assessments = new Map<string, AssessmentUpsertV1>();
  const appraisals = new Map<string, AppraisalUpsertV1>();
  /** Assessments to project again: those sent, and those whose appraisal was sent. */
  const touched = new Set<string>();
  for (const m of messages) {
    if (m.type === 'PersonUpsertV1') people.set(m.id, personFact(origin, m, receivedAt));
    else if (m.type === 'AssessmentUpsertV1' && m.title === TITLE) {
      assessments.set(m.id, m);
      touched.add(m.id);
    } else if (m.type === 'DigitalCheckV1') checks.set(m.id, m);
    else if (m.type === 'AppraisalUpsertV1') {
      appraisals.set(m.id, m);
      touched.add(m.id);
    }
  }

  if (people.size > 0) {
    await repo.putPeople(trx, [...people.values()]);
    // Assessments already projected with another village follow their person.
    for (const part of chunks([...people.keys()])) {
      for (const r of await repo.assessmentsOfPeople(trx, part)) {
        if (r.node_id !== origin) continue;
        const village = people.get(r.person_id)!.village;
        if (r.village !== village) await repo.setAssessmentVillage(trx, r.assessment_id, village);
      }
    }
  }
  if (checks.size > 0) await repo.putDigitalChecks(trx, [...checks.values()].map(checkRow));

  const facts: HubAssessmentTable[] = [];
  if (touched.size > 0) {
    const stored = await payloadsOf(
      trx,
      'assessment',
      'AssessmentUpsertV1',
      [...touched].filter((id) => !assessments.has(id)),
    );
    const storedAppraisals = await payloadsOf(
      trx,
      'appraisal',
      'AppraisalUpsertV1',
      [...touched].filter((id) => !appraisals.has(id)),
    );
    const subjects: { origin: string; assessment: AssessmentUpsertV1; appraisal: AppraisalUpsertV1 | undefined }[] = [];
    for (const id of touched) {
      const sent = assessments.get(id);
      const held = sent ? { origin, message: sent } : stored.get(id);
      if (!held || held.message.title !== TITLE) continue;
      // An assessment takes only an appraisal its own center sent (hub.service refuses any other; this holds for ids sent before their record).
      const storedAppraisal = storedAppraisals.get(id);
      const appraisal =
        held.origin === origin && appraisals.has(id)
          ? appraisals.get(id)
          : storedAppraisal?.origin === held.origin
            ? storedAppraisal.message
            : undefined;
      subjects.push({ origin: held.origin, assessment: held.message, appraisal });
    }
    const villages = new Map<string, string>();
    for (const part of chunks([...new Set(subjects.map((x) => x.assessment.subjectId))])) {
      for (const r of await repo.villagesOf(trx, part)) villages.set(`${r.node_id}\u0000${r.person_id}`, r.village);
    }
    for (const x of subjects)
      facts.push(
        assessmentFact(
          x.origin,
          x.assessment,
          appraisalSummary(x.appraisal),
          villages.get(`${x.origin}\u0000${x.assessment.subjectId}`) ?? '',
        ),
      );
    // Recognition and self-check flags are the projection's own: kept on update, set just below.
    await repo.putAssessments(trx, facts);
    await refreshRecognition(trx, [...new Set(facts.map((f) => f.person_id))]);
  }
  const pairs = [
    ...facts.map((f) => ({ personId: f.person_id, year: f.year })),
    ...[...checks.values()].map((c) => ({ personId: c.personId, year: c.year })),
  ];
  if (pairs.length > 0) await refreshDigitalChecks(trx, pairs);
  await projectModelChanges(trx, origin, messages);
}

/** A person erased at their center (`origin`): the rows of hers it sent leave the projection too (`checks`: her self-checks' record ids). */
export async function forgetPerson(trx: Db, origin: string, personId: string, checks: string[]): Promise<void> {
  await repo.deletePerson(trx, origin, personId, checks);
}

/** Rebuilds the projection from hub_record when it was built by another version (or never). */
export async function ensureFacts(db: Db): Promise<boolean> {
  if ((await repo.readState(db, VERSION_KEY)) === String(FACTS_VERSION)) return false;
  await refreshRecordStats(db);
  await db.transaction().execute(async (trx) => {
    await repo.clearFacts(trx);
    // Read kind by kind, a page at a time, keeping only the facts and what they are made from (an
    // appraisal's sums, a person's village): a hub of 30,000 people × 5 years once held every
    // payload and parsed message at once (over 1 GB).
    const messages = async function* (kind: string) {
      for await (const page of recordPagesOfKind(trx, kind))
        for (const r of page) yield { origin: r.origin, receivedAt: r.received_at, m: storedAs(r.payload) };
    };
    const appraised = new Map<string, AppraisalSummary | null>();
    for await (const { m } of messages('appraisal'))
      if (m?.type === 'AppraisalUpsertV1') appraised.set(m.id, appraisalSummary(m));
    const people: HubPersonTable[] = [];
    for await (const { origin, receivedAt, m } of messages('person'))
      if (m?.type === 'PersonUpsertV1') people.push(personFact(origin, m, receivedAt));
    const assessments: HubAssessmentTable[] = [];
    for await (const { origin, m } of messages('assessment'))
      if (m?.type === 'AssessmentUpsertV1' && m.title === TITLE)
        assessments.push(assessmentFact(origin, m, appraised.get(m.id) ?? null, ''));
    appraised.clear();
    const villages = new Map(people.map((p) => [p.person_id, p.village]));
    const received: DigitalCheckV1[] = [];
    for await (const { m } of messages('digital-check')) if (m?.type === 'DigitalCheckV1') received.push(m);
    const checks = new Map<string, DigitalCheck>();
    for (const c of received) {
      const key = `${c.personId}\u0000${c.year}`;
      if (!checks.has(key) || c.finishedAt > checks.get(key)!.finishedAt) checks.set(key, c);
    }
    const recognized = await recognizedYears(trx);
    for (const a of assessments) {
      a.village = villages.get(a.person_id) ?? '';
      const check = checks.get(`${a.person_id}\u0000${a.year}`);
      a.check_digital = check ? (check.hasDigitalSkills ? 1 : 0) : null;
      a.check_proficient = check ? (check.proficient ? 1 : 0) : null;
      a.streak = streakOf(recognized.get(a.person_id) ?? new Set(), a.year);
      a.recognized = a.streak > 0 ? 1 : 0;
    }
    await repo.insertFacts(trx, people, assessments, received.map(checkRow));
    await rebuildModelFacts(trx);
    await repo.writeState(trx, VERSION_KEY, String(FACTS_VERSION));
  });
  return true;
}

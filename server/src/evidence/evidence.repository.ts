import type { Insertable, Transaction } from 'kysely';
import * as v from 'valibot';
import { laterDate } from '../../../shared/domain/evidence-retention.ts';
import { RecognitionDeclinedV1Schema } from '../../../shared/sync/feed-messages.ts';
import type { Database, EvidenceTable } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';

/**
 * What the evidence retention job reads and deletes: a center's evidence rows and the decisions its
 * commune sent down; a hub's evidence records (what its centers sent up) and its own decisions.
 */

/** A photo as the retention job sees it: which record, which file, and its assessment's title and year. */
export interface HeldPhoto {
  id: string;
  sha256: string;
  title: string;
  year: number;
}

/** The latest decision date (YYYY-MM-DD) per title and year. */
export type DecisionDates = Map<string, string>;
export const decisionKey = (title: string, year: number): string => `${title}\u0000${year}`;

const CDHT = 'cdht';
/** Query parameters per statement, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;
const chunks = <T>(all: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(all.length / CHUNK) }, (_, i) => all.slice(i * CHUNK, (i + 1) * CHUNK));

const note = (dates: DecisionDates, title: string, year: number, on: string | null) => {
  const later = laterDate(dates.get(decisionKey(title, year)), on);
  if (later) dates.set(decisionKey(title, year), later);
};

// --- center ---

/** Every evidence row of this center, with its assessment's title and year. */
export function centerPhotos(db: Db): Promise<HeldPhoto[]> {
  return db
    .selectFrom('evidence')
    .innerJoin('assessment', 'assessment.id', 'evidence.assessment_id')
    .select(['evidence.id', 'evidence.sha256', 'assessment.title', 'assessment.year'])
    .execute();
}

/** What the center reads of a decision in the feed (RecognitionDecisionV1 or V2, both carry these). */
const DecisionShape = v.looseObject({
  title: v.string(),
  year: v.number(),
  signedOn: v.string(),
  revokedReason: v.nullable(v.string()),
});

/**
 * The commune's decisions as they reached this center (feed_record, as federation/feed.apply.ts keeps
 * them): a recognition decision in force on its signing day, and a refusal of a CDHT proposal not
 * taken back on its day (`localDate`: the day of an instant where the center is).
 */
export async function centerDecisionDates(db: Db, localDate: (iso: string) => string): Promise<DecisionDates> {
  const dates: DecisionDates = new Map();
  const rows = await db
    .selectFrom('feed_record')
    .select(['kind', 'payload'])
    .where('kind', 'in', ['decision', 'decline'])
    .execute();
  for (const r of rows) {
    const payload: unknown = JSON.parse(r.payload);
    if (r.kind === 'decision') {
      const d = v.safeParse(DecisionShape, payload);
      if (d.success && d.output.revokedReason === null)
        note(dates, d.output.title, d.output.year, d.output.signedOn.slice(0, 10));
    } else {
      const d = v.safeParse(RecognitionDeclinedV1Schema, payload);
      if (d.success && !d.output.withdrawn) note(dates, CDHT, d.output.year, localDate(d.output.declinedOn));
    }
  }
  return dates;
}

/** Deletes evidence rows (their files are the caller's). */
export async function deleteCenterPhotos(trx: Transaction<Database>, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) await trx.deleteFrom('evidence').where('id', 'in', part).execute();
}

/** The hashes some evidence row of this center still names. */
export async function centerHashes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('evidence').select('sha256').distinct().execute()).map((r) => r.sha256));
}

/** Whether some evidence row of this center names this file. */
export async function centerNames(db: Db, sha256: string): Promise<boolean> {
  return (
    (await db.selectFrom('evidence').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst()) !==
    undefined
  );
}

// --- hub ---

const EvidenceRecord = v.looseObject({ assessmentId: v.string(), sha256: v.string() });
const AssessmentRecord = v.looseObject({ title: v.string(), year: v.number() });

/**
 * Every evidence record a hub holds, with the title and year of the assessment it belongs to (the
 * same center's record); a photo whose assessment is not here is left alone.
 */
export async function hubPhotos(db: Db): Promise<HeldPhoto[]> {
  const records = await db
    .selectFrom('hub_record')
    .select(['record_id', 'origin', 'payload'])
    .where('record_kind', '=', 'evidence')
    .execute();
  const photos = records.flatMap((r) => {
    const m = v.safeParse(EvidenceRecord, JSON.parse(r.payload));
    return m.success ? [{ id: r.record_id, origin: r.origin, ...m.output }] : [];
  });
  const assessments = new Map<string, { origin: string; title: string; year: number }>();
  for (const part of chunks([...new Set(photos.map((p) => p.assessmentId))])) {
    const rows = await db
      .selectFrom('hub_record')
      .select(['record_id', 'origin', 'payload'])
      .where('record_kind', '=', 'assessment')
      .where('record_id', 'in', part)
      .execute();
    for (const r of rows) {
      const a = v.safeParse(AssessmentRecord, JSON.parse(r.payload));
      if (a.success) assessments.set(r.record_id, { origin: r.origin, title: a.output.title, year: a.output.year });
    }
  }
  return photos.flatMap((p) => {
    const a = assessments.get(p.assessmentId);
    return a && a.origin === p.origin ? [{ id: p.id, sha256: p.sha256, title: a.title, year: a.year }] : [];
  });
}

/** The hub's own decisions: in force, on their signing day; its refusals not taken back, on their day. */
export async function hubDecisionDates(db: Db, localDate: (iso: string) => string): Promise<DecisionDates> {
  const dates: DecisionDates = new Map();
  const decided = await db
    .selectFrom('hub_decision')
    .select(['title', 'year', (eb) => eb.fn.max('signed_on').as('on')])
    .where('revoked_reason', 'is', null)
    .groupBy(['title', 'year'])
    .execute();
  for (const d of decided) note(dates, d.title, Number(d.year), String(d.on).slice(0, 10));
  const declined = await db.selectFrom('hub_decline').select(['year', 'at']).where('withdrawn', '=', 0).execute();
  for (const d of declined) note(dates, CDHT, Number(d.year), localDate(d.at));
  return dates;
}

/** Deletes evidence records with their history (their files are the caller's). */
export async function deleteHubPhotos(trx: Transaction<Database>, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) {
    await trx.deleteFrom('hub_record').where('record_kind', '=', 'evidence').where('record_id', 'in', part).execute();
    await trx
      .deleteFrom('hub_record_history')
      .where('record_kind', '=', 'evidence')
      .where('record_id', 'in', part)
      .execute();
  }
}

/** The hashes some evidence record on this hub still names. */
export async function hubHashes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('hub_record').select('payload').where('record_kind', '=', 'evidence').execute();
  return new Set(
    rows.flatMap((r) => {
      const m = v.safeParse(EvidenceRecord, JSON.parse(r.payload));
      return m.success ? [m.output.sha256] : [];
    }),
  );
}

/** Whether some evidence record on this hub names this file. */
export async function hubNames(db: Db, sha256: string): Promise<boolean> {
  const rows = await db
    .selectFrom('hub_record')
    .select('payload')
    .where('record_kind', '=', 'evidence')
    .where('payload', 'like', `%${sha256}%`)
    .execute();
  return rows.some((r) => {
    const m = v.safeParse(EvidenceRecord, JSON.parse(r.payload));
    return m.success && m.output.sha256 === sha256;
  });
}

// --- uploads and the evidence policy ---

// A photo's statements, built and compiled once (db/prepared.ts): one of them for every photo.
const evidenceById = prepared((db, p: { id: string }) => db.selectFrom('evidence').selectAll().where('id', '=', p.id));
const insertEvidenceRow = prepared((db, p: Insertable<EvidenceTable>) => db.insertInto('evidence').values(p));

export async function findEvidence(db: Db, id: string) {
  return (await evidenceById(db, { id })).rows[0];
}

export async function insertEvidence(db: Db, row: Insertable<EvidenceTable>): Promise<void> {
  await insertEvidenceRow(db, row);
}

const POLICY = 'evidence-policy';

/** The evidence policy this hub last put into its feed, if any. */
export function lastPolicyInFeed(db: Db) {
  return db
    .selectFrom('hub_feed')
    .select(['revision', 'payload'])
    .where('kind', '=', POLICY)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Puts an evidence policy into this hub's feed, for every node below. */
export async function appendPolicyToFeed(db: Db, revision: number, payload: string, at: string): Promise<void> {
  await db
    .insertInto('hub_feed')
    .values({ kind: POLICY, record_id: POLICY, revision, node_id: null, payload, created_at: at })
    .execute();
}

/** The JSON of the evidence policy the commune last sent down (null: none yet). */
export async function policyFromAbove(db: Db): Promise<string | null> {
  const row = (await policyRow(db, { kind: POLICY })).rows[0];
  return row?.payload ?? null;
}
const policyRow = prepared((db, p: { kind: string }) =>
  db.selectFrom('feed_record').select('payload').where('kind', '=', p.kind).where('record_id', '=', p.kind),
);

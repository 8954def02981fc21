import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import type { PutAssessment } from '../shared/schemas/assessment.ts';
import type { RegisterPerson } from '../shared/schemas/person.ts';
import { build, indicatorIds } from '../tests/fixtures/people.ts';
import { startKiosk } from '../tests/support/kiosk-process.ts';
import { callJson, quantile, round1, rssMb, serverBundle, watchRss } from './common.ts';

/**
 * Server ingest: tablets registering a villager and submitting her assessment, 30 at once, against
 * the real kiosk process (plain HTTP on loopback, SQLite in WAL with synchronous=FULL). One
 * submission is the two requests a tablet's outbox sends: PUT /api/people/:id then PUT
 * /api/assessments/:id (a submitted assessment, one per person and year). Compared with the same
 * rows written straight through better-sqlite3 with the same pragmas, in the same two transactions
 * per submission (person, consents and its outbox row; assessment, ten items and its outbox row),
 * in the same run: how close the API comes to what the storage can do.
 */

export const INGEST_TARGET_RATIO = 0.5;
export const RSS_TARGET_MB = 120;

export interface IngestFigures {
  clients: number;
  submissions: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  raw: { submissions: number; seconds: number; perSecond: number };
  /** API rate over the raw rate of the same inserts. */
  ratio: number;
  rssIdleMb: number | null;
  rssLoadMb: number | null;
  /** The database (file and its WAL) after the load, per submission: what a year of records takes on disk. */
  dbKbPerSubmission: number;
  targets: { ratio: number; rssMb: number; ratioMet: boolean; rssMet: boolean };
}

export interface IngestOptions {
  submissions: number;
  clients?: number;
  /** Keep the box's data folder (halted) for the sync benchmark; the caller removes it. */
  keepData?: boolean;
}

const villages = [
  'Thôn Đồng Chằm',
  'Thôn Bãi Muống',
  'Thôn Khe Ngang',
  'Thôn Làng Mới',
  'Thôn Gò Chè',
  'Thôn Suối Mây',
];
const groups = ['nhom-1', 'nhom-2', 'nhom-3'];
const syllables = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga'];

export interface Submission {
  personId: string;
  person: RegisterPerson;
  assessmentId: string;
  assessment: PutAssessment;
}

/** Villager `i`: a distinct letters-only name, a village, a group and varied scores. */
export function submission(i: number): Submission {
  const personId = build.id();
  return {
    personId,
    person: {
      name: `Nguyễn ${[...String(i).padStart(5, '0')].map((d) => syllables[Number(d)]).join(' ')}`,
      birthYear: 1940 + (i % 60),
      village: villages[i % villages.length]!,
      ...(i % 3 === 0 ? { phone: `09${String(10_000_000 + i).slice(-8)}` } : {}),
      consents: { assessment: true, publicList: i % 2 === 0, statistics: true },
    },
    assessmentId: build.id(),
    assessment: build.assessment(personId, {
      group: groups[i % groups.length]!,
      scores: Object.fromEntries(indicatorIds.map((id, k) => [id, 1 + ((i + k * 3) % 10)])),
    }),
  };
}

/**
 * Sends `count` submissions with `clients` tablets at once over keep-alive connections; answers
 * each submission's latency (both requests) in ms and the wall time. A refusal stops the run.
 */
export async function submitLoad(
  url: string,
  count: number,
  clients: number,
): Promise<{ latencies: number[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          const s = submission(next++);
          const t0 = performance.now();
          // As a tablet: the registration binds the session's token, which then carries her assessment.
          const token = { 'x-villager-token': randomBytes(32).toString('base64url') };
          const p = await callJson(
            agent,
            url,
            'PUT',
            `/api/people/${s.personId}`,
            s.person,
            undefined,
            undefined,
            token,
          );
          if (p.status !== 200) throw new Error(`registration refused: ${p.status} ${JSON.stringify(p.body)}`);
          const a = await callJson(
            agent,
            url,
            'PUT',
            `/api/assessments/${s.assessmentId}`,
            s.assessment,
            undefined,
            undefined,
            token,
          );
          if (a.status !== 200 || a.body?.status !== 'submitted')
            throw new Error(`submission refused: ${a.status} ${JSON.stringify(a.body)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/**
 * The same rows as the API writes for `count` submissions, straight through better-sqlite3 on a
 * migrated file with WAL and synchronous=FULL: two transactions (two fsyncs) per submission.
 */
export async function rawInserts(count: number): Promise<{ submissions: number; seconds: number; perSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-raw-'));
  try {
    const file = join(dir, 'raw.sqlite');
    const kysely = openDatabase({ file, synchronous: 'FULL' });
    await migrateToLatest(kysely);
    await kysely.destroy();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const person = db.prepare(
      'insert into person (id, code, name, birth_year, village, phone, revision, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?)',
    );
    const consent = db.prepare('insert into consent (person_id, purpose, granted, at) values (?, ?, ?, ?)');
    const assessment =
      db.prepare(`insert into assessment (id, subject_kind, subject_id, title, year, criteria_set_id, criteria_set_version, subject_group, status, revision, created_at, updated_at, submitted_at, assisted_by)
      values (?, 'person', ?, 'cdht', 2026, ?, ?, ?, 'submitted', 1, ?, ?, ?, null)`);
    const item = db.prepare(
      'insert into assessment_item (assessment_id, indicator_id, score, note, confirmed) values (?, ?, ?, null, null)',
    );
    const outbox = db.prepare(
      'insert into outbox (record_kind, record_id, revision, message_type, payload, created_at) values (?, ?, 1, ?, ?, ?)',
    );
    const register = db.transaction((s: Submission, code: string, at: string) => {
      person.run(s.personId, code, s.person.name, s.person.birthYear, s.person.village, s.person.phone ?? null, at, at);
      const consents = Object.entries(s.person.consents).map(([purpose, granted]) => ({ purpose, granted, at }));
      for (const c of consents) consent.run(s.personId, c.purpose, c.granted ? 1 : 0, at);
      outbox.run(
        'person',
        s.personId,
        'PersonUpsertV1',
        JSON.stringify({
          type: 'PersonUpsertV1',
          id: s.personId,
          revision: 1,
          code,
          ...s.person,
          phone: s.person.phone ?? null,
          consents,
        }),
        at,
      );
    });
    const submit = db.transaction((s: Submission, at: string) => {
      const a = s.assessment;
      assessment.run(s.assessmentId, s.personId, a.criteriaSetId, a.criteriaSetVersion, a.group, at, at, at);
      for (const x of a.answers) item.run(s.assessmentId, x.indicatorId, x.score);
      outbox.run(
        'assessment',
        s.assessmentId,
        'AssessmentUpsertV1',
        JSON.stringify({
          type: 'AssessmentUpsertV1',
          id: s.assessmentId,
          revision: 1,
          subjectKind: 'person',
          subjectId: s.personId,
          title: 'cdht',
          year: 2026,
          criteriaSetId: a.criteriaSetId,
          criteriaSetVersion: a.criteriaSetVersion,
          group: a.group,
          status: 'submitted',
          answers: a.answers.map((x) => ({ indicatorId: x.indicatorId, score: x.score, note: null, confirmed: false })),
          submittedAt: at,
          assistedBy: null,
        }),
        at,
      );
    });
    const items = Array.from({ length: count }, (_, i) => submission(i));
    const started = performance.now();
    for (let i = 0; i < items.length; i++) {
      const at = new Date().toISOString();
      register(items[i]!, `R${String(i).padStart(7, '0')}`, at);
      submit(items[i]!, at);
    }
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return { submissions: count, seconds: Math.round(seconds * 100) / 100, perSecond: round1(count / seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function ingestBench({
  submissions,
  clients = 30,
  keepData = false,
}: IngestOptions): Promise<IngestFigures & { dataDir?: string }> {
  await serverBundle();
  const kiosk = await startKiosk({
    web: false,
    bundled: true,
    env: { KIOSK_TLS: 'off', KIOSK_YEAR: '2026', KIOSK_SYNC_INTERVAL_SECONDS: '3600' },
  });
  let keep = false;
  try {
    // Started and waiting for its first tablet: the idle figure.
    await new Promise((r) => setTimeout(r, 1_000));
    const rssIdleMb = rssMb(kiosk.pid);
    const watch = watchRss(kiosk.pid);
    const load = await submitLoad(kiosk.url, submissions, clients);
    const rssLoadMb = watch.stop();
    const dbBytes = readdirSync(kiosk.dataDir)
      .filter((f) => f.startsWith('kiosk.sqlite'))
      .reduce((sum, f) => sum + statSync(join(kiosk.dataDir, f)).size, 0);
    const raw = await rawInserts(submissions);
    const perSecond = submissions / load.seconds;
    const ratio = Math.round((perSecond / raw.perSecond) * 1000) / 1000;
    const figures: IngestFigures = {
      clients,
      submissions,
      requests: submissions * 2,
      seconds: round1(load.seconds),
      perSecond: round1(perSecond),
      p50Ms: round1(quantile(load.latencies, 0.5)),
      p95Ms: round1(quantile(load.latencies, 0.95)),
      p99Ms: round1(quantile(load.latencies, 0.99)),
      raw,
      ratio,
      rssIdleMb,
      rssLoadMb,
      dbKbPerSubmission: Math.round((dbBytes / 1024 / submissions) * 100) / 100,
      targets: {
        ratio: INGEST_TARGET_RATIO,
        rssMb: RSS_TARGET_MB,
        ratioMet: ratio >= INGEST_TARGET_RATIO,
        rssMet: rssLoadMb !== null && rssLoadMb < RSS_TARGET_MB,
      },
    };
    if (keepData) {
      await kiosk.halt();
      keep = true;
      return { ...figures, dataDir: kiosk.dataDir };
    }
    return figures;
  } finally {
    if (!keep) await kiosk.stop();
  }
}

/** A fresh id, for callers that make their own records. */
export const newId = (): string => uuidv7();

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import { round1, round2 } from './common.ts';
import { submission, type Submission } from './submissions.ts';

export interface RawFigures {
  submissions: number;
  /** Submissions that share one commit (1: each submission commits its two transactions on its own). */
  groupSize: number;
  seconds: number;
  perSecond: number;
}

/**
 * The same rows as the API writes for `count` submissions, straight through better-sqlite3 on a
 * migrated file with WAL and synchronous=FULL. With `groupSize` 1, two transactions (two fsyncs) per
 * submission, one after the other; with `groupSize` n, n submissions' transactions share one commit,
 * as the server's concurrent requests share one (server/src/db/sqlite-driver.ts): the storage's real
 * limit at the same durability.
 */
export async function rawInserts(count: number, groupSize = 1): Promise<RawFigures> {
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
    // A group's transactions nest in one outer transaction (savepoints inside): one commit, one fsync.
    const group = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const at = new Date().toISOString();
        register(items[i]!, `R${String(i).padStart(7, '0')}`, at);
        submit(items[i]!, at);
      }
    });
    const items = Array.from({ length: count }, (_, i) => submission(i));
    const started = performance.now();
    for (let i = 0; i < items.length; i += groupSize) {
      if (groupSize === 1) {
        const at = new Date().toISOString();
        register(items[i]!, `R${String(i).padStart(7, '0')}`, at);
        submit(items[i]!, at);
      } else group(i, Math.min(items.length, i + groupSize));
    }
    const seconds = (performance.now() - started) / 1000;
    db.close();
    return { submissions: count, groupSize, seconds: round2(seconds), perSecond: round1(count / seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

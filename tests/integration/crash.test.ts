import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { build, indicatorIds } from '../fixtures/people.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk-process.ts';
import {
  SEED,
  KILLS,
  CLIENTS,
  villages,
  groups,
  syllables,
  seeded,
  CutOff,
  call,
  type Submission,
  answersOf,
  matches,
  pool,
} from './crash-setup.ts';

/**
 * A power cut in the middle of a busy morning: the real server process takes registrations and
 * submitted assessments from several tablets at once and is killed with SIGKILL at random moments,
 * then started again on the same data. Every submission the box acknowledged (HTTP 200 with the
 * stored assessment) must still be there after each restart, with its answers, both through the API
 * and in the SQLite file read directly, and the file must pass `PRAGMA integrity_check`. A
 * submission cut off before its answer may or may not be stored; sent again with the same id and
 * body it must succeed (a no-op or a store), exactly as a tablet's outbox resends it.
 *
 * SIGKILL ends the process, not the machine: what the process had written but not fsynced survives
 * in the kernel's page cache. So this proves that the box answers only after the commit (never from
 * a buffer in the process) and that WAL recovery leaves a sound file; that the commit reached the
 * disk before the answer is what `synchronous=FULL` adds, checked on the connection below.
 *
 * Seeded (CRASH_SEED) for the kill delays and the answers; the interleaving of the clients is the
 * machine's. Bounded: a fixed number of kills, each after 50–400 ms of load. No timing is asserted.
 */

describe('a power cut under load', () => {
  let kiosk: RunningKiosk | null = null;
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('keeps every acknowledged submission, with its answers, through SIGKILLs at random moments', async () => {
    const random = seeded(SEED);
    // Plain HTTP only: what is tested is the database under the server, not the LAN's certificates.
    kiosk = await startKiosk({ web: false, env: { KIOSK_YEAR: '2026', KIOSK_TLS: 'off' } });
    const k = kiosk;
    const file = join(k.dataDir, 'kiosk.sqlite');
    const all: Submission[] = [];
    let landedUnacked = 0;

    const newSubmission = (): Submission => {
      const n = all.length;
      const personId = build.id();
      const scores = Object.fromEntries(indicatorIds.map((id) => [id, 1 + Math.floor(random() * 10)]));
      const s: Submission = {
        personId,
        token: randomBytes(32).toString('base64url'),
        person: {
          name: `Nguyễn ${[...String(n).padStart(4, '0')].map((d) => syllables[Number(d)]).join(' ')}`,
          birthYear: 1940 + (n % 60),
          village: villages[n % villages.length]!,
          consents: { assessment: true, publicList: n % 2 === 0, statistics: true },
        },
        assessmentId: build.id(),
        assessment: build.assessment(personId, { group: groups[n % groups.length]!, scores }),
        personAcked: false,
        ackedIn: null,
        retried: false,
      };
      all.push(s);
      return s;
    };

    /** Registers then submits; a refusal fails the test, a cut-off leaves it unacknowledged. */
    const send = async (s: Submission, cycle: number): Promise<void> => {
      const p = await call(k.url, 'PUT', `/api/people/${s.personId}`, s.person, s.token);
      if (p.status !== 200 || p.body?.id !== s.personId)
        throw new Error(`registration refused: ${p.status} ${JSON.stringify(p.body)}`);
      s.personAcked = true;
      const a = await call(k.url, 'PUT', `/api/assessments/${s.assessmentId}`, s.assessment, s.token);
      if (a.status !== 200 || !matches(s, a.body))
        throw new Error(`submission refused or wrong: ${a.status} ${JSON.stringify(a.body)}`);
      s.ackedIn = cycle;
    };

    /** One tablet: sends new submissions one after another until its connection is cut. */
    const tablet = async (load: { running: boolean }, cycle: number): Promise<void> => {
      while (load.running) {
        try {
          await send(newSubmission(), cycle);
        } catch (e) {
          if (e instanceof CutOff) return;
          throw e;
        }
      }
    };

    /** Reads the file as it is on disk, beside the running box, and compares every acknowledged submission. */
    const checkFile = (): Set<string> => {
      const ro = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expect(ro.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(ro.pragma('foreign_key_check')).toEqual([]);
        expect(ro.pragma('journal_mode', { simple: true })).toBe('wal');
        const stored = new Map<
          string,
          { personId: string; status: string; group: string; answers: Record<string, number> }
        >();
        const rows = ro
          .prepare(
            'select a.id, a.subject_id, a.status, a.subject_group, i.indicator_id, i.score from assessment a join assessment_item i on i.assessment_id = a.id order by a.id, i.indicator_id',
          )
          .all() as {
          id: string;
          subject_id: string;
          status: string;
          subject_group: string;
          indicator_id: string;
          score: number;
        }[];
        for (const r of rows) {
          const a = stored.get(r.id) ?? {
            personId: r.subject_id,
            status: r.status,
            group: r.subject_group,
            answers: {},
          };
          a.answers[r.indicator_id] = r.score;
          stored.set(r.id, a);
        }
        const people = new Set(ro.prepare('select id from person').pluck().all() as string[]);
        const outboxed = new Set(
          ro.prepare("select record_id from outbox where record_kind = 'assessment'").pluck().all() as string[],
        );
        const twice = ro
          .prepare(
            "select record_id from outbox where record_kind in ('assessment', 'person') group by record_kind, record_id having count(*) > 1",
          )
          .pluck()
          .all();
        const lost: string[] = [];
        for (const s of all) {
          if (s.personAcked && !people.has(s.personId)) lost.push(`person ${s.personId}`);
          if (s.ackedIn === null) continue;
          const a = stored.get(s.assessmentId);
          if (
            !a ||
            a.personId !== s.personId ||
            a.status !== 'submitted' ||
            a.group !== s.assessment.group ||
            JSON.stringify(a.answers) !== JSON.stringify(answersOf(s.assessment))
          )
            lost.push(`assessment ${s.assessmentId}: ${JSON.stringify(a ?? null)}`);
          if (!outboxed.has(s.assessmentId)) lost.push(`outbox row of assessment ${s.assessmentId}`);
        }
        expect(lost, 'acknowledged but missing or changed in the SQLite file').toEqual([]);
        expect(twice, 'a record appended to the outbox twice (a resend made a second revision)').toEqual([]);
        return new Set(stored.keys());
      } finally {
        ro.close();
      }
    };

    /** Through the API: each given acknowledged submission answers as acknowledged. */
    const checkApi = async (subs: Submission[]): Promise<void> => {
      const wrong: string[] = [];
      await pool(subs, 4, async (s) => {
        const a = await call(k.url, 'GET', `/api/assessments/${s.assessmentId}`, undefined, s.token);
        if (a.status !== 200 || !matches(s, a.body))
          wrong.push(`GET assessment ${s.assessmentId}: ${a.status} ${JSON.stringify(a.body)}`);
        const p = await call(k.url, 'GET', `/api/people/${s.personId}`, undefined, s.token);
        if (p.status !== 200 || p.body?.name !== s.person.name) wrong.push(`GET person ${s.personId}: ${p.status}`);
      });
      expect(wrong, 'acknowledged but missing or changed through the API').toEqual([]);
    };

    let kills = 0;
    for (let cycle = 0; cycle < KILLS; cycle++) {
      const load = { running: true };
      const tablets = Array.from({ length: CLIENTS }, () => tablet(load, cycle));
      await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 350)));
      await k.halt();
      kills++;
      load.running = false;
      await Promise.all(tablets);

      await k.resume();
      const stored = checkFile();
      const acked = all.filter((s) => s.ackedIn !== null);
      const older = acked.filter((s) => s.ackedIn! < cycle);
      const sample = Array.from(
        { length: Math.min(20, older.length) },
        () => older[Math.floor(random() * older.length)]!,
      );
      await checkApi([...acked.filter((s) => s.ackedIn === cycle), ...sample]);

      // The tablets' outboxes send again what got no answer: a no-op if it landed, else a store.
      for (const s of all.filter((x) => x.ackedIn === null)) {
        if (stored.has(s.assessmentId)) landedUnacked++;
        s.retried = true;
        await send(s, cycle);
      }
    }

    // Every submission made is now acknowledged, each exactly once.
    checkFile();
    await checkApi(all);
    const ro = new Database(file, { readonly: true, fileMustExist: true });
    const counts = ro
      .prepare('select (select count(*) from person) as people, (select count(*) from assessment) as assessments')
      .get() as { people: number; assessments: number };
    ro.close();
    expect(counts).toEqual({ people: all.length, assessments: all.length });

    const retried = all.filter((s) => s.retried).length;
    console.log(
      `crash test (seed ${SEED}): ${kills} kills, ${all.length - retried} submissions acknowledged under load, ` +
        `${retried} cut off and retried (${landedUnacked} of them had landed without an answer), ${all.length} stored in all`,
    );
    expect(kills).toBe(KILLS);
    expect(all.length - retried).toBeGreaterThan(0);
  }, 180_000);
});

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startKiosk } from '../tests/support/kiosk-process.ts';
import { cpuMs, cpuPer, quantile, round1, rssMb, serverBundle, watchRss } from './common.ts';
import { rawInserts, type RawFigures } from './raw-inserts.ts';
import { submitLoad } from './submissions.ts';

/**
 * Server ingest: tablets registering a villager and submitting her assessment, 30 at once, against
 * the real kiosk process (plain HTTP on loopback, SQLite in WAL with synchronous=FULL). One
 * submission is the two requests a tablet's outbox sends: PUT /api/people/:id then PUT
 * /api/assessments/:id (a submitted assessment, one per person and year). Compared, in the same
 * run, with the same rows written straight through better-sqlite3 with the same pragmas: once each
 * submission on its own (two transactions, two fsyncs), once with as many submissions sharing one
 * commit as there are tablets (what the server's group commit can reach at best): how close the API
 * comes to what the storage can do at the same durability.
 */

/** The API's rate over the raw rate, one submission a commit. */
export const INGEST_TARGET_RATIO = 0.5;
/** The API's rate over the raw rate with the group commit. */
export const INGEST_TARGET_GROUP_RATIO = 0.25;
export const RSS_TARGET_MB = 80;
export const RSS_IDLE_TARGET_MB = 60;

export interface IngestFigures {
  clients: number;
  submissions: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The same rows, one submission a commit. */
  raw: RawFigures;
  /** The same rows, `clients` submissions a commit. */
  rawGroup: RawFigures;
  /** API rate over `raw`'s. */
  ratio: number;
  /** API rate over `rawGroup`'s. */
  ratioGroup: number;
  rssIdleMb: number | null;
  rssLoadMb: number | null;
  /** The server's CPU per submission (two requests), whole process and main thread. */
  cpuPerSubmission: { processMs: number; mainThreadMs: number } | null;
  /** The database (file and its WAL) after the load, per submission: what a year of records takes on disk. */
  dbKbPerSubmission: number;
  targets: {
    ratio: number;
    ratioGroup: number;
    rssMb: number;
    rssIdleMb: number;
    ratioMet: boolean;
    ratioGroupMet: boolean;
    rssMet: boolean;
    rssIdleMet: boolean;
  };
}

export interface IngestOptions {
  submissions: number;
  clients?: number;
  /** Keep the box's data folder (halted) for the sync benchmark; the caller removes it. */
  keepData?: boolean;
}

const ratioOf = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

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
    const cpuBefore = cpuMs(kiosk.pid);
    const load = await submitLoad(kiosk.url, submissions, clients);
    const cpuPerSubmission = cpuPer(cpuBefore, cpuMs(kiosk.pid), submissions);
    const rssLoadMb = watch.stop();
    const dbBytes = readdirSync(kiosk.dataDir)
      .filter((f) => f.startsWith('kiosk.sqlite'))
      .reduce((sum, f) => sum + statSync(join(kiosk.dataDir, f)).size, 0);
    const raw = await rawInserts(submissions);
    const rawGroup = await rawInserts(submissions, clients);
    const perSecond = submissions / load.seconds;
    const ratio = ratioOf(perSecond, raw.perSecond);
    const ratioGroup = ratioOf(perSecond, rawGroup.perSecond);
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
      rawGroup,
      ratio,
      ratioGroup,
      rssIdleMb,
      rssLoadMb,
      cpuPerSubmission,
      dbKbPerSubmission: Math.round((dbBytes / 1024 / submissions) * 100) / 100,
      targets: {
        ratio: INGEST_TARGET_RATIO,
        ratioGroup: INGEST_TARGET_GROUP_RATIO,
        rssMb: RSS_TARGET_MB,
        rssIdleMb: RSS_IDLE_TARGET_MB,
        ratioMet: ratio >= INGEST_TARGET_RATIO,
        ratioGroupMet: ratioGroup >= INGEST_TARGET_GROUP_RATIO,
        rssMet: rssLoadMb !== null && rssLoadMb <= RSS_TARGET_MB,
        rssIdleMet: rssIdleMb !== null && rssIdleMb < RSS_IDLE_TARGET_MB,
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

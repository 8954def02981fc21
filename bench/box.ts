import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { startKiosk } from '../tests/support/kiosk-process.ts';
import { callJson, cpuMs, cpuPer, putBytes, quantile, round1, rssMb, serverBundle, watchRss } from './common.ts';
import { submission } from './submissions.ts';

/**
 * A box the size of a Raspberry Pi: the server pinned to one core (taskset), the 30 tablets' load on
 * the other, each tablet doing what a villager does: register, save a draft, add one photo of
 * 150 KB, submit. Submissions per second, latency of a whole submission (four requests) and the
 * server's peak memory. Where taskset or a second core is missing the run is not pinned, and says so.
 */

export const BOX_P99_TARGET_MS = 100;

export interface BoxFigures {
  pinned: boolean;
  tablets: number;
  submissions: number;
  photoKb: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rssIdleMb: number | null;
  rssPeakMb: number | null;
  /** The server's CPU per submission (four requests), whole process and main thread: what sets the rate on one core. */
  cpuPerSubmission: { processMs: number; mainThreadMs: number } | null;
  targets: { p99Ms: number; met: boolean };
}

export interface BoxOptions {
  submissions: number;
  tablets?: number;
  photoKb?: number;
}

const hasTaskset = () => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
/** Pins every thread of `pid` to `cpu`; answers the mask it had, to put back. */
const pin = (pid: number, cpu: number): string => {
  const before = /:\s*(\S+)\s*$/.exec(execFileSync('taskset', ['-p', String(pid)], { encoding: 'utf8' }))![1]!;
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
  return before;
};

/** One villager at a tablet: register, draft, one photo, submit; answers the time it took in ms. */
async function oneSubmission(agent: Agent, url: string, i: number, photo: Buffer): Promise<number> {
  const s = submission(i);
  const token = { 'x-villager-token': randomBytes(32).toString('base64url') };
  const put = (path: string, body: unknown) => callJson(agent, url, 'PUT', path, body, undefined, undefined, token);
  const t0 = performance.now();
  const p = await put(`/api/people/${s.personId}`, s.person);
  if (p.status !== 200) throw new Error(`registration refused: ${p.status} ${JSON.stringify(p.body)}`);
  const d = await put(`/api/assessments/${s.assessmentId}`, { ...s.assessment, status: 'draft' });
  if (d.status !== 200) throw new Error(`draft refused: ${d.status} ${JSON.stringify(d.body)}`);
  const res = await putBytes(
    agent,
    url,
    `/api/assessments/${s.assessmentId}/evidence/${uuidv7()}?indicator=CS03`,
    photo,
    token,
  );
  if (res.status !== 200) throw new Error(`photo refused: ${res.status} ${res.text}`);
  const a = await put(`/api/assessments/${s.assessmentId}`, s.assessment);
  if (a.status !== 200 || a.body?.status !== 'submitted')
    throw new Error(`submission refused: ${a.status} ${JSON.stringify(a.body)}`);
  return performance.now() - t0;
}

export async function boxBench({ submissions, tablets = 30, photoKb = 150 }: BoxOptions): Promise<BoxFigures> {
  await serverBundle();
  const kiosk = await startKiosk({
    web: false,
    bundled: true,
    env: { KIOSK_TLS: 'off', KIOSK_YEAR: '2026', KIOSK_SYNC_INTERVAL_SECONDS: '3600' },
  });
  const pinned = cpus().length >= 2 && hasTaskset() && kiosk.pid !== null;
  if (!pinned) console.warn('!! taskset or a second core missing: the box-sized run is not pinned to one core.');
  const ownMask = pinned ? pin(process.pid, 1) : null;
  const agent = new Agent({ keepAlive: true, maxSockets: tablets });
  try {
    if (pinned) pin(kiosk.pid!, 0);
    await new Promise((r) => setTimeout(r, 1_000));
    const rssIdleMb = rssMb(kiosk.pid);
    const watch = watchRss(kiosk.pid);
    // Each photo differs (the box keeps one file per content), a JPEG by its first bytes.
    const photoFor = (i: number) => {
      const b = randomBytes(photoKb * 1024);
      b.set([0xff, 0xd8, 0xff, 0xe0, i & 0xff, (i >> 8) & 0xff], 0);
      return b;
    };
    const latencies: number[] = [];
    let next = 0;
    const cpuBefore = cpuMs(kiosk.pid);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: tablets }, async () => {
        while (next < submissions) {
          const i = next++;
          latencies.push(await oneSubmission(agent, kiosk.url, i, photoFor(i)));
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpuPerSubmission = cpuPer(cpuBefore, cpuMs(kiosk.pid), submissions);
    const rssPeakMb = watch.stop();
    const p99Ms = round1(quantile(latencies, 0.99));
    return {
      pinned,
      tablets,
      submissions,
      photoKb,
      seconds: round1(seconds),
      perSecond: round1(submissions / seconds),
      p50Ms: round1(quantile(latencies, 0.5)),
      p95Ms: round1(quantile(latencies, 0.95)),
      p99Ms,
      rssIdleMb,
      rssPeakMb,
      cpuPerSubmission,
      targets: { p99Ms: BOX_P99_TARGET_MS, met: p99Ms < BOX_P99_TARGET_MS },
    };
  } finally {
    agent.destroy();
    if (ownMask) execFileSync('taskset', ['-a', '-p', ownMask, String(process.pid)], { stdio: 'ignore' });
    await kiosk.stop();
  }
}

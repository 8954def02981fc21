import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { startKiosk, type RunningKiosk } from '../tests/support/kiosk-process.ts';
import { callJson, firstAdmin, putBytes, kb, round2, serverBundle } from './common.ts';
import { SlowLinkProxy, VILLAGE_LINK, type LinkShape } from './slow-link-proxy.ts';
import { submission, submitLoad } from './submissions.ts';
import { hubRecords, outboxDocuments, pouchProcess, stopChild } from './sync.ts';

/**
 * Sync over a village's link: the center's year (its villagers, each registered with a submitted
 * assessment) pushed to the commune hub through a proxy limited to 256 kbit/s each way, 300 ms of
 * round trip and 5 % of requests lost; then a few villagers with a 150 KB photo each (the commune
 * asked for photos), timed on their own. Beside it, PouchDB replicating the same records through the
 * same link, re-started after each failure as an app would (its checkpoints keep what got through),
 * within a time budget.
 */

export const SLOW_LINK_TARGET_SECONDS = 30;

export interface SlowSide {
  records: number;
  seconds: number;
  requests: number;
  lost: number;
  kbUp: number;
  kbDown: number;
  /** Runs (kiosk: "Đồng bộ ngay" runs; PouchDB: replications started) until everything was there. */
  runs: number;
  complete: boolean;
}
export interface SlowLinkFigures {
  link: LinkShape;
  villagers: number;
  kiosk: SlowSide;
  photos: SlowSide & { photos: number; photoKb: number };
  pouchdb: SlowSide;
  targets: { seconds: number; met: boolean };
}
export interface SlowLinkOptions {
  villagers: number;
  photos: number;
  photoKb?: number;
  /** PouchDB stops after this many seconds (its figure is then what got through). */
  pouchBudgetSeconds: number;
  /** The link (a village's by default; the smoke test's is quicker). */
  link?: LinkShape;
}

const env = {
  KIOSK_TLS: 'off',
  KIOSK_YEAR: '2026',
  KIOSK_SYNC_INTERVAL_SECONDS: '3600',
  KIOSK_SYNC_RETRY_MS: '200',
  KIOSK_EVIDENCE_TO_COMMUNE: 'on',
};

const sideOf = (proxy: SlowLinkProxy, records: number, seconds: number, runs: number, complete: boolean): SlowSide => ({
  records,
  seconds: round2(seconds),
  requests: proxy.requests,
  lost: proxy.lost,
  kbUp: kb(proxy.bytesUp),
  kbDown: kb(proxy.bytesDown),
  runs,
  complete,
});

/**
 * What the hub really holds of the center's records, by kind, once a sync said nothing waits: every
 * record of the center's outbox, of every kind, and nothing else. A difference is an acknowledged
 * change the hub does not hold, and the figures would be false: the bench stops there.
 */
function heldByHub(center: RunningKiosk, hub: RunningKiosk, synced: boolean): Record<string, number> {
  const held = hubRecords(join(hub.dataDir, 'kiosk.sqlite'));
  if (!synced) return held;
  const { kinds } = outboxDocuments(join(center.dataDir, 'kiosk.sqlite'));
  const byKind = (r: Record<string, number>) =>
    JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  if (byKind(held) !== byKind(kinds))
    throw new Error(`the hub holds ${byKind(held)} of the center's ${byKind(kinds)} after a sync with nothing waiting`);
  return held;
}
const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);

/** "Đồng bộ ngay" until nothing waits (a lost request fails a run; the next one carries on). */
async function syncRuns(center: RunningKiosk, admin: string, maxRuns = 30): Promise<{ runs: number; done: boolean }> {
  for (let runs = 1; runs <= maxRuns; runs++) {
    const run = await callJson(false, center.url, 'POST', '/api/staff/federation/run', undefined, admin);
    if (run.status === 200 && run.body.waiting === 0 && run.body.lastError === null) return { runs, done: true };
  }
  return { runs: maxRuns, done: false };
}

/** Villagers `from`..`from + count` as tablets send them, each with one photo of `photoKb` KB before submitting. */
async function withPhotos(url: string, from: number, count: number, photoKb: number): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  try {
    for (let i = from; i < from + count; i++) {
      const s = submission(i);
      const token = { 'x-villager-token': randomBytes(32).toString('base64url') };
      const put = (path: string, body: unknown) => callJson(agent, url, 'PUT', path, body, undefined, undefined, token);
      await put(`/api/people/${s.personId}`, s.person);
      await put(`/api/assessments/${s.assessmentId}`, { ...s.assessment, status: 'draft' });
      const photo = randomBytes(photoKb * 1024);
      photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
      const path = `/api/assessments/${s.assessmentId}/evidence/${uuidv7()}?indicator=CS03`;
      const res = await putBytes(agent, url, path, photo, token);
      if (res.status !== 200) throw new Error(`photo refused: ${res.status} ${res.text}`);
      const done = await put(`/api/assessments/${s.assessmentId}`, s.assessment);
      if (done.status !== 200) throw new Error(`submission refused: ${done.status} ${JSON.stringify(done.body)}`);
    }
  } finally {
    agent.destroy();
  }
}

export async function slowLinkBench({
  villagers,
  photos,
  photoKb = 150,
  pouchBudgetSeconds,
  link: shape = VILLAGE_LINK,
}: SlowLinkOptions): Promise<SlowLinkFigures> {
  const started: RunningKiosk[] = [];
  const proxies: SlowLinkProxy[] = [];
  const children: Awaited<ReturnType<typeof pouchProcess>>['child'][] = [];
  const work = mkdtempSync(join(tmpdir(), 'kiosk-bench-slow-'));
  try {
    await serverBundle();
    const center = await startKiosk({ web: false, bundled: true, env });
    started.push(center);
    await submitLoad(center.url, villagers, 10);
    const hub = await startKiosk({ web: false, bundled: true, env: { ...env, KIOSK_ROLE: 'hub' } });
    started.push(hub);
    const link = new SlowLinkProxy(hub.port, shape);
    proxies.push(link);
    const hubUrl = await link.listen();
    const hubAdmin = await firstAdmin(hub.url);
    const centerAdmin = await firstAdmin(center.url);
    const code = await callJson(false, hub.url, 'POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ' }, hubAdmin);
    if (code.status !== 200) throw new Error(`enrolment code: ${code.status} ${JSON.stringify(code.body)}`);
    // Enrolment goes over the same link; a lost request is simply tried again.
    for (let tries = 1; ; tries++) {
      const enrolled = await callJson(
        false,
        center.url,
        'POST',
        '/api/staff/federation/enrol',
        { hubUrl, code: code.body.code },
        centerAdmin,
      );
      if (enrolled.status === 200) break;
      if (tries >= 10) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
    }

    link.reset();
    let t0 = performance.now();
    const year = await syncRuns(center, centerAdmin);
    const yearSeconds = (performance.now() - t0) / 1000;
    // Counted where they arrived: the records the hub holds, checked against the center's outbox.
    const heldYear = heldByHub(center, hub, year.done);
    const kiosk = sideOf(link, total(heldYear), yearSeconds, year.runs, year.done);
    const yearDocs = outboxDocuments(join(center.dataDir, 'kiosk.sqlite')).docs;

    await withPhotos(center.url, villagers, photos, photoKb);
    link.reset();
    t0 = performance.now();
    const sent = await syncRuns(center, centerAdmin);
    const photoSeconds = (performance.now() - t0) / 1000;
    // The records this push added at the hub: the villagers, their assessments and their photos' records.
    const added = total(heldByHub(center, hub, sent.done)) - total(heldYear);
    const photoSide = {
      ...sideOf(link, added, photoSeconds, sent.runs, sent.done),
      photos,
      photoKb,
    };

    // The same records replicated by PouchDB over the same kind of link, re-started after each failure.
    const server = await pouchProcess(['serve', join(work, 'server')], /POUCH_LISTENING port=(\d+)/, 30_000);
    children.push(server.child);
    const pouchLink = new SlowLinkProxy(Number(server.match[1]), shape);
    proxies.push(pouchLink);
    const pouchUrl = await pouchLink.listen();
    const docsFile = join(work, 'docs.json');
    writeFileSync(docsFile, JSON.stringify(yearDocs));
    let pouchdb: SlowSide;
    {
      const replicated = await pouchProcess(
        ['replicate', docsFile, join(work, 'client'), `${pouchUrl}/kiosk`, String(pouchBudgetSeconds * 1000)],
        /POUCH_REPLICATED (\{.*\})/,
        pouchBudgetSeconds * 1000 + 60_000,
      );
      children.push(replicated.child);
      const r = JSON.parse(replicated.match[1]!) as { ms: number; runs: number; ok: boolean };
      const info = await callJson(false, `http://127.0.0.1:${server.match[1]}`, 'GET', '/kiosk');
      const held = Number(info.body?.doc_count ?? 0);
      pouchdb = sideOf(pouchLink, held, r.ms / 1000, r.runs, r.ok && held === yearDocs.length);
    }
    return {
      link: shape,
      villagers,
      kiosk,
      photos: photoSide,
      pouchdb,
      targets: { seconds: SLOW_LINK_TARGET_SECONDS, met: kiosk.complete && kiosk.seconds < SLOW_LINK_TARGET_SECONDS },
    };
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(children.map((c) => stopChild(c)));
    await Promise.all(started.map((k) => k.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

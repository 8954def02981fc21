import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startKiosk, type RunningKiosk } from '../tests/support/kiosk-process.ts';
import { callJson, CountingProxy, firstAdmin, kb, round1, round2, serverBundle } from './common.ts';
import { submitLoad } from './submissions.ts';

/**
 * Sync: a center's assessments (each with its person: two records) pushed to a commune hub, both
 * real kiosk processes on loopback, through a proxy that counts requests and bytes on the wire;
 * one "Đồng bộ ngay" run (POST /api/staff/federation/run) timed from the call to its answer. Side
 * by side, the same documents (the center's latest revision of each record) replicated once by
 * PouchDB 9 from a local LevelDB database to a PouchDB server (express-pouchdb over LevelDB), each
 * side its own process, through the same kind of counting proxy.
 */

export const SYNC_TARGET_RATIO = 3;

export interface SyncSide {
  records: number;
  seconds: number;
  requests: number;
  bytesUp: number;
  bytesDown: number;
  kb: number;
  recordsPerSecond: number;
}
export interface SyncFigures {
  assessments: number;
  kiosk: SyncSide & { rounds: number };
  pouchdb: SyncSide;
  /** PouchDB over the kiosk: how many times faster, fewer bytes and fewer requests the kiosk's push is. */
  ratios: { faster: number; fewerBytes: number; fewerRequests: number };
  targets: { ratio: number; fasterMet: boolean; fewerBytesMet: boolean };
}

export interface SyncOptions {
  assessments: number;
  /** A halted center's data folder holding exactly `assessments` submissions (from the ingest benchmark); removed afterwards. */
  centerDir?: string;
}

const root = resolve(import.meta.dirname, '..');
const quietEnv = { KIOSK_TLS: 'off', KIOSK_YEAR: '2026', KIOSK_SYNC_INTERVAL_SECONDS: '3600' };

/** Starts bench/pouch-node.ts in its own process and waits for the line it prints when ready or done. */
export function pouchProcess(
  args: string[],
  until: RegExp,
  timeoutMs: number,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/pouch-node.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pouch ${args[0]} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = until.exec(output);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolveStart({ child, match: m });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pouch ${args[0]} exited with ${code}:\n${output}`));
    });
  });
}

export const stopChild = (child: ChildProcess | null) =>
  new Promise<void>((done) => {
    if (!child || child.exitCode !== null) {
      done();
      return;
    }
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });

/** The latest revision of every record in a center's outbox, as PouchDB documents. */
export function outboxDocuments(file: string): { docs: object[]; kinds: Record<string, number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select record_kind, record_id, payload from outbox order by seq').all() as {
      record_kind: string;
      record_id: string;
      payload: string;
    }[];
    const latest = new Map<string, object>();
    for (const r of rows)
      latest.set(`${r.record_kind}:${r.record_id}`, {
        _id: `${r.record_kind}:${r.record_id}`,
        ...(JSON.parse(r.payload) as object),
      });
    const kinds: Record<string, number> = {};
    for (const key of latest.keys()) {
      const k = key.split(':')[0]!;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    return { docs: [...latest.values()], kinds };
  } finally {
    db.close();
  }
}

/** The records a hub holds, by kind (its SQLite file read directly). */
export function hubRecords(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select record_kind, count(*) as n from hub_record group by record_kind').all() as {
      record_kind: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.record_kind, r.n]));
  } finally {
    db.close();
  }
}

const side = (records: number, seconds: number, proxy: CountingProxy): SyncSide => {
  const bytes = proxy.bytes();
  return {
    records,
    seconds: round2(seconds),
    requests: proxy.requests,
    bytesUp: bytes.up,
    bytesDown: bytes.down,
    kb: kb(bytes.total),
    recordsPerSecond: round1(records / seconds),
  };
};

export async function syncBench({ assessments, centerDir }: SyncOptions): Promise<SyncFigures> {
  const started: RunningKiosk[] = [];
  const proxies: CountingProxy[] = [];
  const children: ChildProcess[] = [];
  const work = mkdtempSync(join(tmpdir(), 'kiosk-bench-sync-'));
  try {
    // The center, holding `assessments` submitted assessments made through its API.
    await serverBundle();
    const center = await startKiosk({
      web: false,
      bundled: true,
      env: quietEnv,
      ...(centerDir ? { dataDir: centerDir } : {}),
    });
    started.push(center);
    if (!centerDir) await submitLoad(center.url, assessments, 30);
    const hub = await startKiosk({ web: false, bundled: true, env: { ...quietEnv, KIOSK_ROLE: 'hub' } });
    started.push(hub);
    const link = new CountingProxy(hub.port);
    proxies.push(link);
    const hubUrl = await link.listen();
    const hubAdmin = await firstAdmin(hub.url);
    const centerAdmin = await firstAdmin(center.url);
    const code = await callJson(
      false,
      hub.url,
      'POST',
      '/api/staff/hub/enrolments',
      { name: 'TTHTCĐ xã Tân Lập' },
      hubAdmin,
    );
    if (code.status !== 200) throw new Error(`enrolment code: ${code.status} ${JSON.stringify(code.body)}`);
    const enrolled = await callJson(
      false,
      center.url,
      'POST',
      '/api/staff/federation/enrol',
      { hubUrl, code: code.body.code },
      centerAdmin,
    );
    if (enrolled.status !== 200) throw new Error(`enrol: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);

    link.reset();
    const t0 = performance.now();
    let rounds = 0;
    for (;;) {
      rounds++;
      const run = await callJson(false, center.url, 'POST', '/api/staff/federation/run', undefined, centerAdmin);
      if (run.status === 200 && run.body.waiting === 0 && run.body.lastError === null) break;
      if (rounds >= 5) throw new Error(`not in sync after ${rounds} runs: ${run.status} ${JSON.stringify(run.body)}`);
    }
    const kioskSeconds = (performance.now() - t0) / 1000;
    const { docs, kinds } = outboxDocuments(join(center.dataDir, 'kiosk.sqlite'));
    const held = hubRecords(join(hub.dataDir, 'kiosk.sqlite'));
    if (kinds.assessment !== assessments || held.assessment !== assessments || held.person !== kinds.person) {
      throw new Error(
        `the hub holds ${JSON.stringify(held)} of the center's ${JSON.stringify(kinds)} (expected ${assessments} assessments)`,
      );
    }
    const kiosk = { ...side(docs.length, kioskSeconds, link), rounds };

    // The same documents, replicated by PouchDB.
    const server = await pouchProcess(['serve', join(work, 'server')], /POUCH_LISTENING port=(\d+)/, 30_000);
    children.push(server.child);
    const serverPort = Number(server.match[1]);
    const pouchLink = new CountingProxy(serverPort);
    proxies.push(pouchLink);
    const pouchUrl = await pouchLink.listen();
    const docsFile = join(work, 'docs.json');
    writeFileSync(docsFile, JSON.stringify(docs));
    const replicated = await pouchProcess(
      ['replicate', docsFile, join(work, 'client'), `${pouchUrl}/kiosk`],
      /POUCH_REPLICATED (\{.*\})/,
      600_000,
    );
    children.push(replicated.child);
    const result = JSON.parse(replicated.match[1]!) as { ms: number; docsWritten: number; ok: boolean };
    const info = await callJson(false, `http://127.0.0.1:${serverPort}`, 'GET', '/kiosk');
    if (!result.ok || result.docsWritten !== docs.length || info.body?.doc_count !== docs.length) {
      throw new Error(
        `PouchDB replicated ${result.docsWritten} of ${docs.length} documents (server holds ${JSON.stringify(info.body)})`,
      );
    }
    const pouchdb = side(docs.length, result.ms / 1000, pouchLink);

    const faster = round2(pouchdb.seconds / kiosk.seconds);
    const fewerBytes = round2((pouchdb.bytesUp + pouchdb.bytesDown) / (kiosk.bytesUp + kiosk.bytesDown));
    return {
      assessments,
      kiosk,
      pouchdb,
      ratios: { faster, fewerBytes, fewerRequests: round2(pouchdb.requests / kiosk.requests) },
      targets: {
        ratio: SYNC_TARGET_RATIO,
        fasterMet: faster >= SYNC_TARGET_RATIO,
        fewerBytesMet: fewerBytes >= SYNC_TARGET_RATIO,
      },
    };
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(children.map((c) => stopChild(c)));
    await Promise.all(started.map((k) => k.stop()));
    if (centerDir) rmSync(centerDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

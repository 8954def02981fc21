import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../../server/src/app.ts';
import { loadConfig } from '../../../server/src/config/load.ts';
import { migrateToLatest, openDatabase, type Db } from '../../../server/src/db/database.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { cookieOf, setupBody, staff } from '../../fixtures/staff.ts';
import { setupCodeOf, startKiosk, type RunningKiosk } from '../../e2e/kiosk.ts';
import { configDir } from '../harness.ts';

/**
 * The whole chain as it runs in a commune: a center box, a commune hub and a province hub, each
 * its own process on loopback, linked through proxies that drop, duplicate, delay and cut
 * requests and answers, while the hub and the center are killed and started again. Every record
 * and photo must reach the commune exactly once, and the province exactly what it is configured
 * to receive. Bounded: each phase gives up after a fixed number of rounds.
 */

const ASSESSMENTS = 10_000;
const PHOTOS = 500;
const APPRAISED = 40;
const villages = ['Thôn Đồng Chằm', 'Thôn Bãi Muống', 'Thôn Khe Ngang', 'Thôn Làng Mới', 'Thôn Gò Chè', 'Thôn Suối Mây'];
const groups = ['nhom-1', 'nhom-2', 'nhom-3'];

const syllables = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nga'];
/** A distinct, letters-only name for villager `i`: its digits spelled as given names. */
const nameFor = (i: number) => `Nguyễn ${[...String(i).padStart(5, '0')].map((d) => syllables[Number(d)]).join(' ')}`;

interface Seeded { dir: string; admin: string; people: { id: string; name: string; village: string; group: string; appraised: boolean }[] }

/** A center's data folder with 10,000 submitted assessments, 500 photos and some appraisals, made through its own API. */
async function seedCenter(): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chain-seed-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
  await migrateToLatest(db);
  // The villagers' photos go up as when the commune asked for them (evidence.toCommune; by default they stay here).
  const app = createApp({ db, config: loadConfig({ configDir, env: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' } }), evidenceDir: join(dir, 'evidence'), now: () => new Date() });
  const call = async (method: string, path: string, body?: unknown, cookie?: string) => {
    const res = await app.request(path, { method, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const admin = cookieOf((await call('POST', '/api/staff/setup', await setupBody(db))).headers);
  const people: Seeded['people'] = [];
  for (let i = 0; i < ASSESSMENTS; i++) {
    const id = build.id();
    const village = villages[i % villages.length]!;
    const group = groups[i % groups.length]!;
    const name = nameFor(i);
    // Seeded by a facilitator signed in (staff need no villager token).
    await call('PUT', `/api/people/${id}`, { name, birthYear: 1940 + (i % 60), village, consents: { assessment: true, publicList: true, statistics: true } }, admin);
    const assessmentId = build.id();
    const submitted = build.assessment(id, { group, scores: { CS02: 8 + (i % 3) } });
    if (i < PHOTOS) {
      await call('PUT', `/api/assessments/${assessmentId}`, { ...submitted, status: 'draft' }, admin);
      const photo = new Uint8Array(3000).map((_, k) => (k * 31 + i * 17) % 251);
      photo.set([0xff, 0xd8, 0xff, 0xe0, i & 0xff, i >> 8], 0);
      const res = await app.request(`/api/assessments/${assessmentId}/evidence/${build.id()}?indicator=CS03`, { method: 'PUT', headers: { cookie: admin }, body: photo });
      if (res.status !== 200) throw new Error(`photo: ${res.status} ${await res.text()}`);
    }
    await call('PUT', `/api/assessments/${assessmentId}`, submitted, admin);
    const appraised = i < APPRAISED;
    if (appraised) await call('PUT', `/api/staff/appraisals/${assessmentId}`, { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: indicatorId === 'CS02' ? 8 + (i % 3) : 8 })) }, admin);
    people.push({ id, name, village, group, appraised });
  }
  await db.destroy();
  return { dir, admin, people };
}

type Fault = 'drop-request' | 'cut-body' | 'delay' | 'duplicate' | 'drop-response';

/** A loopback proxy that, once faulty, drops 30 % of requests and 30 % of answers, and duplicates, delays and cuts some. */
class FaultProxy {
  faulty = false;
  readonly seen: Record<Fault | 'forwarded', number> = { 'drop-request': 0, 'cut-body': 0, delay: 0, duplicate: 0, 'drop-response': 0, forwarded: 0 };
  private server: Server;
  private seed = 12345;
  port = 0;
  constructor(private readonly target: () => number) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }
  /** Deterministic, so a failure can be replayed. */
  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    const hit = (p: number, fault: Fault) => this.faulty && this.random() < p && ++this.seen[fault] > 0;
    if (hit(0.3, 'drop-request')) { res.socket?.destroy(); return; }
    if (body.length > 0 && hit(0.05, 'cut-body')) body = body.subarray(0, Math.floor(body.length / 2));
    if (hit(0.1, 'delay')) await new Promise((r) => setTimeout(r, 50 + Math.floor(this.random() * 250)));
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(k)).map(([k, v]) => [k, String(v)]));
    const forward = () => fetch(`http://127.0.0.1:${this.target()}${req.url}`, { method: req.method, headers, body: body.length > 0 ? body : undefined });
    let answer: Response;
    try {
      answer = await forward();
      this.seen.forwarded++;
      if (hit(0.05, 'duplicate')) await forward().then((r) => r.arrayBuffer()).catch(() => {});
    } catch {
      res.socket?.destroy();
      return;
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (hit(0.3, 'drop-response')) { res.socket?.destroy(); return; }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(bytes);
  }
}

/**
 * One request from the test itself, on a connection of its own: the proxies' pooled keep-alive
 * connections to a box that was just restarted (or that is closing an idle one) stay out of it.
 */
function call(url: string, method: string, path: string, body?: unknown, cookie?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method, agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...(cookie ? { cookie } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try { parsed = JSON.parse(text); } catch { parsed = null; }
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, body: parsed, headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const json = (url: string, method: string, path: string, body?: unknown, cookie?: string) => call(url, method, path, body, cookie);

async function firstAdmin(url: string): Promise<string> {
  const res = await call(url, 'POST', '/api/staff/setup', { name: staff.chiHoa.name, pin: staff.chiHoa.pin, setupCode: setupCodeOf(url) });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return cookieOf(res.headers);
}

async function signIn(url: string): Promise<string> {
  const res = await call(url, 'POST', '/api/staff/sign-in', { name: staff.chiHoa.name, pin: staff.chiHoa.pin });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return cookieOf(res.headers);
}

/** Enrols `lower` with `upper` through a link: a fresh code whenever an answer was lost on the way. */
async function enrolThrough(upper: RunningKiosk, upperAdmin: string, lower: RunningKiosk, lowerAdmin: string, hubUrl: string, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const { body } = await json(upper.url, 'POST', '/api/staff/hub/enrolments', { name }, upperAdmin);
    const res = await json(lower.url, 'POST', '/api/staff/federation/enrol', { hubUrl, code: body.code }, lowerAdmin);
    if (res.status === 200) return;
  }
  throw new Error(`${name} could not enrol in 30 tries`);
}

/** "Đồng bộ ngay" until the box reports nothing waiting and no error; the box may be down for a while. */
async function syncUntilDone(box: () => RunningKiosk, cookie: () => string, rounds: number, between?: (round: number) => Promise<void>): Promise<number> {
  for (let round = 1; round <= rounds; round++) {
    await between?.(round);
    const res = await json(box().url, 'POST', '/api/staff/federation/run', undefined, cookie()).catch(() => null);
    if (res?.status === 200 && res.body.waiting === 0 && res.body.lastError === null) return round;
  }
  throw new Error(`still not in sync after ${rounds} rounds`);
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /[0-9a-f]{64}$/.test(f)).map((f) => f.slice(-64)).sort();
}

/** The latest revision of every record the center sent, and what the hub holds, as one digest each. */
async function digestOfCenter(db: Db): Promise<{ count: number; digest: string }> {
  const rows = await db.selectFrom('outbox').select(['record_kind', 'record_id', 'revision', 'payload']).orderBy('seq').execute();
  const latest = new Map<string, string>();
  for (const r of rows) latest.set(`${r.record_kind}:${r.record_id}`, `${r.record_kind}:${r.record_id}:${r.revision}:${r.payload}`);
  const lines = [...latest.values()].sort();
  return { count: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}
async function digestOfHub(db: Db): Promise<{ count: number; digest: string }> {
  const rows = await db.selectFrom('hub_record').select(['record_kind', 'record_id', 'revision', 'payload']).execute();
  const lines = rows.map((r) => `${r.record_kind}:${r.record_id}:${r.revision}:${r.payload}`).sort();
  return { count: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
let seeded: Seeded;
beforeAll(async () => { seeded = await seedCenter(); }, 300_000);
afterAll(() => { if (seeded) rmSync(seeded.dir, { recursive: true, force: true }); });

describe.each(storages)('center → proxy → commune hub on %s → proxy → province, with faults and restarts', (storage) => {
  it(`${ASSESSMENTS} assessments and ${PHOTOS} photos reach the commune exactly once; the province gets only the configured aggregate and list`, async () => {
    const started: RunningKiosk[] = [];
    const proxies: FaultProxy[] = [];
    let pgDb: string | null = null;
    try {
      // The commune hub's storage: a SQLite file, or a fresh database in the throwaway cluster.
      const communeEnv: Record<string, string> = { KIOSK_ROLE: 'hub', KIOSK_SYNC_INTERVAL_SECONDS: '3600', KIOSK_SYNC_RETRY_MS: '20' };
      if (storage === 'postgres') {
        pgDb = `chain_${build.id().replace(/-/g, '')}`;
        const admin = new pg.Client({ connectionString: pgUrl! });
        await admin.connect();
        await admin.query(`create database ${pgDb}`);
        await admin.end();
        const u = new URL(pgUrl!);
        u.pathname = `/${pgDb}`;
        communeEnv.KIOSK_DATABASE_URL = u.toString();
      }
      const province = await startKiosk({ web: false, env: { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' } });
      started.push(province);
      let commune = await startKiosk({ web: false, env: communeEnv });
      started.push(commune);
      const centerDir = mkdtempSync(join(tmpdir(), 'kiosk-chain-center-'));
      cpSync(seeded.dir, centerDir, { recursive: true });
      let center = await startKiosk({ web: false, dataDir: centerDir, env: { KIOSK_SYNC_INTERVAL_SECONDS: '3600', KIOSK_SYNC_RETRY_MS: '20' } });
      started.push(center);

      const toCommune = new FaultProxy(() => commune.port);
      const toProvince = new FaultProxy(() => province.port);
      proxies.push(toCommune, toProvince);
      const communeLink = await toCommune.listen();
      const provinceLink = await toProvince.listen();
      const provinceAdmin = await firstAdmin(province.url);
      const communeAdmin = await firstAdmin(commune.url);
      let centerAdmin = await signIn(center.url);

      await enrolThrough(commune, communeAdmin, center, centerAdmin, communeLink, 'TTHTCĐ xã Tân Lập');
      await enrolThrough(province, provinceAdmin, commune, communeAdmin, provinceLink, 'Xã Tân Lập');

      // Up to the commune through a bad link; the hub loses power at round 3, the center at round 7.
      toCommune.faulty = true;
      const rounds = await syncUntilDone(() => center, () => centerAdmin, 400, async (round) => {
        if (round === 3) { await commune.halt(); }
        if (round === 5) { await commune.resume(); }
        if (round === 7) { await center.halt(); await center.resume(); centerAdmin = await signIn(center.url); }
      });
      console.log(`fault chain (${storage}): in sync after ${rounds} rounds; link faults ${JSON.stringify(toCommune.seen)}`);
      expect(toCommune.seen['drop-request']).toBeGreaterThan(0);
      expect(toCommune.seen['drop-response']).toBeGreaterThan(0);

      const centerDb = openDatabase({ file: join(centerDir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
      const communeDb = openDatabase({ file: join(commune.dataDir, 'kiosk.sqlite'), url: communeEnv.KIOSK_DATABASE_URL ?? null, synchronous: 'NORMAL' });
      try {
        const kinds = await communeDb.selectFrom('hub_record').select(['record_kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('record_kind').orderBy('record_kind').execute();
        expect(kinds.map((k) => [k.record_kind, Number(k.n)])).toEqual([['appraisal', APPRAISED], ['assessment', ASSESSMENTS], ['evidence', PHOTOS], ['person', ASSESSMENTS]]);
        // Exactly once: every revision applied once, no more (drafts with photos have two).
        const history = await communeDb.selectFrom('hub_record_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(history.n)).toBe(ASSESSMENTS * 2 + PHOTOS * 2 + APPRAISED);
        expect(await digestOfHub(communeDb)).toEqual(await digestOfCenter(centerDb));
        const centerFiles = filesIn(join(centerDir, 'evidence'));
        expect(centerFiles).toHaveLength(PHOTOS);
        expect(filesIn(join(commune.dataDir, 'evidence'))).toEqual(centerFiles);
        for (const f of filesIn(join(commune.dataDir, 'evidence'))) {
          const path = readdirSync(join(commune.dataDir, 'evidence'), { recursive: true }).map(String).find((p) => p.endsWith(f))!;
          expect(createHash('sha256').update(readFileSync(join(commune.dataDir, 'evidence', path))).digest('hex')).toBe(f);
        }
      } finally {
        await centerDb.destroy();
        await communeDb.destroy();
      }

      // The commune recognizes the appraised people but one, then relays up through another bad link.
      const year = (await json(commune.url, 'GET', '/api/kiosk')).body.year as number;
      const table = (await json(commune.url, 'GET', `/api/staff/hub/proposals?year=${year}`, undefined, communeAdmin)).body as { personId: string; proposed: boolean }[];
      expect(table.filter((p) => p.proposed)).toHaveLength(APPRAISED);
      const chosen = seeded.people.filter((p) => p.appraised).slice(1);
      const decided = await json(commune.url, 'POST', '/api/staff/hub/decisions', { year, number: '88/QĐ-UBND', signedOn: `${year}-12-05`, signer: 'Chủ tịch UBND xã', personIds: chosen.map((p) => p.id) }, communeAdmin);
      expect(decided.status).toBe(200);
      toProvince.faulty = true;
      await syncUntilDone(() => commune, () => communeAdmin, 100, async (round) => {
        if (round === 2) { await commune.halt(); await commune.resume(); }
      });

      const provinceDb = openDatabase({ file: join(province.dataDir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
      try {
        const held = await provinceDb.selectFrom('hub_record').select(['record_kind', 'payload']).orderBy('record_kind').execute();
        expect(held.map((r) => r.record_kind)).toEqual(['aggregate', 'recognized-list']);
        const aggregate = JSON.parse(held[0]!.payload);
        const expected = new Map<string, { village: string; group: string; started: number; selfAssessed: number; appraised: number; proposed: number; recognized: number }>();
        const registered = new Map<string, number>();
        for (const p of seeded.people) {
          const key = `${p.village}|${p.group}`;
          const row = expected.get(key) ?? { village: p.village, group: p.group, started: 0, selfAssessed: 0, appraised: 0, proposed: 0, recognized: 0 };
          registered.set(p.village, (registered.get(p.village) ?? 0) + 1);
          row.started++;
          row.selfAssessed++;
          if (p.appraised) { row.appraised++; row.proposed++; }
          if (chosen.includes(p)) row.recognized++;
          expected.set(key, row);
        }
        expect(aggregate).toMatchObject({ type: 'CommuneAggregateV2', commune: 'Xã Tân Lập, Tỉnh Phú Thọ', year });
        const byKey = (rows: { village: string; group: string }[]) => [...rows].sort((a, b) => `${a.village}|${a.group}`.localeCompare(`${b.village}|${b.group}`));
        const counted = aggregate.rows.map(({ village, group, started, selfAssessed, appraised, proposed, recognized }: Record<string, unknown>) => ({ village, group, started, selfAssessed, appraised, proposed, recognized }));
        expect(byKey(counted)).toEqual(byKey([...expected.values()]));
        expect(Object.fromEntries(aggregate.villages.map((v: { village: string; registered: number }) => [v.village, v.registered]))).toEqual(Object.fromEntries(registered));
        const list = JSON.parse(held[1]!.payload);
        expect(byKey(list.entries.map((e: { name: string; village: string }) => ({ ...e, group: '' })))).toEqual(byKey(chosen.map((p) => ({ name: p.name, village: p.village, group: '' }))));
        // Nothing person-level beyond names and villages went up.
        expect(JSON.stringify(list)).not.toContain(chosen[0]!.id);
        expect(held[1]!.payload.includes('birthYear')).toBe(false);
        const history = await provinceDb.selectFrom('hub_record_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(history.n)).toBe(2);
      } finally {
        await provinceDb.destroy();
      }
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
      await Promise.all(started.map((k) => k.stop()));
      if (pgDb) {
        const c = new pg.Client({ connectionString: pgUrl! });
        await c.connect();
        await c.query(`drop database if exists ${pgDb} with (force)`);
        await c.end();
      }
    }
  }, 600_000);
});

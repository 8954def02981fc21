import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../../server/src/app.ts';
import { loadConfig } from '../../../server/src/config/load.ts';
import { migrateToLatest, openDatabase, type Db } from '../../../server/src/db/database.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { cookieOf, setupBody, staff } from '../../fixtures/staff.ts';
import { setupCodeOf, type RunningKiosk } from '../../e2e/kiosk.ts';
import { configDir } from '../harness.ts';

/**
 * The fault chain's pieces (fault-chain.test.ts): a center's data folder seeded through its own API,
 * and the calls and digests the test drives the boxes with (the faulty proxy between them: fault-proxy.ts).
 */

/** How much a chain run carries: submitted assessments (one villager each), photos among them, appraised among them. */
export interface ChainSize {
  assessments: number;
  photos: number;
  appraised: number;
}
/** A large center's year (5,000 villagers), run on the SQLite hub; `npm run bench` syncs 10,000 without faults. */
export const FULL: ChainSize = { assessments: 5_000, photos: 250, appraised: 40 };
/** The same chain on the PostgreSQL hub, smaller: the storage differs, not the protocol. */
export const SMALL: ChainSize = { assessments: 2_000, photos: 100, appraised: 40 };
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
/** A distinct, letters-only name for villager `i`: its digits spelled as given names. */
const nameFor = (i: number) => `Nguyễn ${[...String(i).padStart(5, '0')].map((d) => syllables[Number(d)]).join(' ')}`;

export interface Seeded {
  dir: string;
  admin: string;
  people: { id: string; name: string; village: string; group: string; appraised: boolean }[];
}

/** A center's data folder with `size`'s submitted assessments, photos and appraisals, made through its own API. */
export async function seedCenter(size: ChainSize): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chain-seed-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
  await migrateToLatest(db);
  // The villagers' photos go up as when the commune asked for them (evidence.toCommune; by default they stay here).
  const app = createApp({
    db,
    config: loadConfig({ configDir, env: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' } }),
    evidenceDir: join(dir, 'evidence'),
    now: () => new Date(),
  });
  const call = async (method: string, path: string, body?: unknown, cookie?: string) => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  const admin = cookieOf((await call('POST', '/api/staff/setup', await setupBody(db))).headers);
  const people: Seeded['people'] = [];
  for (let i = 0; i < size.assessments; i++) {
    const id = build.id();
    const village = villages[i % villages.length]!;
    const group = groups[i % groups.length]!;
    const name = nameFor(i);
    // Seeded by a facilitator signed in (staff need no villager token).
    await call(
      'PUT',
      `/api/people/${id}`,
      { name, birthYear: 1940 + (i % 60), village, consents: { assessment: true, publicList: true, statistics: true } },
      admin,
    );
    const assessmentId = build.id();
    const submitted = build.assessment(id, { group, scores: { CS02: 8 + (i % 3) } });
    if (i < size.photos) {
      await call('PUT', `/api/assessments/${assessmentId}`, { ...submitted, status: 'draft' }, admin);
      const photo = new Uint8Array(3000).map((_, k) => (k * 31 + i * 17) % 251);
      photo.set([0xff, 0xd8, 0xff, 0xe0, i & 0xff, i >> 8], 0);
      const res = await app.request(`/api/assessments/${assessmentId}/evidence/${build.id()}?indicator=CS03`, {
        method: 'PUT',
        headers: { cookie: admin },
        body: photo,
      });
      if (res.status !== 200) throw new Error(`photo: ${res.status} ${await res.text()}`);
    }
    await call('PUT', `/api/assessments/${assessmentId}`, submitted, admin);
    const appraised = i < size.appraised;
    if (appraised)
      await call(
        'PUT',
        `/api/staff/appraisals/${assessmentId}`,
        {
          scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: indicatorId === 'CS02' ? 8 + (i % 3) : 8 })),
        },
        admin,
      );
    people.push({ id, name, village, group, appraised });
  }
  // The village branches close their lists (issue 24: the commune decides only from closed lists).
  const { year } = (await (await call('GET', '/api/kiosk')).json()) as { year: number };
  for (const village of new Set(people.filter((p) => p.appraised).map((p) => p.village)))
    await call('POST', '/api/staff/lists/finalize', { village, year }, admin);
  await db.destroy();
  return { dir, admin, people };
}

/**
 * One request from the test itself, on a connection of its own: the proxies' pooled keep-alive
 * connections to a box that was just restarted (or that is closing an idle one) stay out of it.
 */
function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = null;
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve({ status: res.statusCode ?? 0, body: parsed, headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const json = (url: string, method: string, path: string, body?: unknown, cookie?: string) =>
  call(url, method, path, body, cookie);

export async function firstAdmin(url: string): Promise<string> {
  const res = await call(url, 'POST', '/api/staff/setup', {
    name: staff.chiHoa.name,
    pin: staff.chiHoa.pin,
    setupCode: setupCodeOf(url),
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return cookieOf(res.headers);
}

export async function signIn(url: string): Promise<string> {
  const res = await call(url, 'POST', '/api/staff/sign-in', { name: staff.chiHoa.name, pin: staff.chiHoa.pin });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return cookieOf(res.headers);
}

/** Enrols `lower` with `upper` through a link: a fresh code whenever an answer was lost on the way. */
export async function enrolThrough(
  upper: RunningKiosk,
  upperAdmin: string,
  lower: RunningKiosk,
  lowerAdmin: string,
  hubUrl: string,
  name: string,
): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const { body } = await json(upper.url, 'POST', '/api/staff/hub/enrolments', { name }, upperAdmin);
    const res = await json(lower.url, 'POST', '/api/staff/federation/enrol', { hubUrl, code: body.code }, lowerAdmin);
    if (res.status === 200) return;
  }
  throw new Error(`${name} could not enrol in 30 tries`);
}

/** "Đồng bộ ngay" until the box reports nothing waiting and no error; the box may be down for a while. */
export async function syncUntilDone(
  box: () => RunningKiosk,
  cookie: () => string,
  rounds: number,
  between?: (round: number) => Promise<void>,
): Promise<number> {
  for (let round = 1; round <= rounds; round++) {
    await between?.(round);
    const res = await json(box().url, 'POST', '/api/staff/federation/run', undefined, cookie()).catch(() => null);
    if (res?.status === 200 && res.body.waiting === 0 && res.body.lastError === null) return round;
  }
  throw new Error(`still not in sync after ${rounds} rounds`);
}

export function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /[0-9a-f]{64}$/.test(f))
    .map((f) => f.slice(-64))
    .sort();
}

/** The latest revision of every record the center sent, and what the hub holds, as one digest each. */
export async function digestOfCenter(db: Db): Promise<{ count: number; digest: string }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['record_kind', 'record_id', 'revision', 'payload'])
    .orderBy('seq')
    .execute();
  const latest = new Map<string, string>();
  for (const r of rows)
    latest.set(`${r.record_kind}:${r.record_id}`, `${r.record_kind}:${r.record_id}:${r.revision}:${r.payload}`);
  const lines = [...latest.values()].sort();
  return { count: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}
export async function digestOfHub(db: Db): Promise<{ count: number; digest: string }> {
  const rows = await db.selectFrom('hub_record').select(['record_kind', 'record_id', 'revision', 'payload']).execute();
  const lines = rows.map((r) => `${r.record_kind}:${r.record_id}:${r.revision}:${r.payload}`).sort();
  return { count: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

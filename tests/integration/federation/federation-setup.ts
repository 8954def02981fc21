import { afterEach, beforeEach, expect, inject } from 'vitest';
import { build, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { closeLists } from '../hub/close-lists.ts';

/**
 * A commune hub and a center enrolling with it, joined by a link that can fail on demand, fresh
 * before each test of federation*.test.ts; what goes up is counted on the link.
 */

export type Fault = 'ok' | 'drop-request' | 'drop-response' | 'duplicate' | 'truncate';

export let hub: Harness;
export let center: Harness;
export let hubStaff: Record<Role, string>;
export let centerStaff: Record<Role, string>;
let faults: Fault[];
export let wire: { requests: number; bytes: number };
export let feedReads = 0;

/** The link between center and hub: the hub app on loopback-like fetch, with faults on demand. */
const link: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const fault = faults.shift() ?? 'ok';
  if (fault === 'drop-request') throw new TypeError('network down');
  let body = init?.body as Uint8Array | string | undefined;
  if (fault === 'truncate' && body instanceof Uint8Array) body = body.slice(0, Math.floor(body.length / 2));
  // Reads of the downward feed are counted apart: the figures below are about what goes up.
  if (url.pathname === '/api/hub/feed') feedReads++;
  else {
    wire.requests++;
    wire.bytes += typeof body === 'string' ? Buffer.byteLength(body) : (body?.length ?? 0);
  }
  const send = async () => hub.app.request(url.pathname + url.search, { ...init, body: body as BodyInit | undefined });
  const res = await send();
  if (fault === 'duplicate') await send();
  if (fault === 'drop-response') throw new TypeError('connection reset');
  return res;
};

/** The fates of the next requests over the link, in order (then 'ok'). */
export function setFaults(next: Fault[]): void {
  faults = next;
}

/** Counts what goes up from here on. */
export function resetWire(): void {
  wire = { requests: 0, bytes: 0 };
}

const pgUrl = inject('pgUrl');
/** One contract suite for the hub's storage: SQLite, and PostgreSQL on a throwaway cluster. */
export const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
let storage: (typeof hubStorages)[number] = 'sqlite';
const startHub = (env: Record<string, string> = {}) =>
  startHarness(undefined, { KIOSK_ROLE: 'hub', ...env }, undefined, storage === 'postgres' ? pgUrl : null);

/** A hub on `on` and a center behind the link before each test, their staff signed in; both closed after. */
export function hubAndCenterEachTest(on: (typeof hubStorages)[number]): void {
  beforeEach(async () => {
    storage = on;
    faults = [];
    resetWire();
    hub = await startHub();
    center = await startHarness(undefined, {}, link);
    hubStaff = await staffSessions(hub);
    centerStaff = await staffSessions(center);
  });
  afterEach(async () => {
    await center.close();
    await hub.close();
  });
}

/** The hub started again with `env` over its settings (before the center enrols). */
export async function restartHub(env: Record<string, string>): Promise<void> {
  await hub.close();
  hub = await startHub(env);
  hubStaff = await staffSessions(hub);
}

/** The center started again with `env` over its settings (before it enrols). */
export async function restartCenter(env: Record<string, string>): Promise<void> {
  await center.close();
  center = await startHarness(undefined, env, link);
  centerStaff = await staffSessions(center);
}

export async function villagers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const personId = build.id();
    await center.json('PUT', `/api/people/${personId}`, people.anhTuan);
    const id = build.id();
    await center.json(
      'PUT',
      `/api/assessments/${id}`,
      build.assessment(personId, { status: 'draft', scores: { CS02: 1 + (i % 10) } }),
    );
    await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { scores: { CS02: 1 + (i % 10) } }));
    ids.push(id);
  }
  return ids;
}

export async function hubCounts(): Promise<Record<string, number>> {
  const rows = await hub.db.selectFrom('hub_record').select(['record_kind']).execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.record_kind] = (out[r.record_kind] ?? 0) + 1;
  out.history = (await hub.db.selectFrom('hub_record_history').select('id').execute()).length;
  return out;
}

export async function enrol(): Promise<void> {
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin);
  const res = await center.json(
    'POST',
    '/api/staff/federation/enrol',
    { hubUrl: 'http://hub.test', code: body.code },
    centerStaff.admin,
  );
  expect(res.status).toBe(200);
}

export const run = () => center.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin);

// ---- The downward feed's: appraised villagers, the commune's decisions, what the center shows.

export const pass = (id: string) => ({
  scores: ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'].map((indicatorId) => ({
    indicatorId,
    score: id === 'short' && indicatorId === 'CS07' ? 4 : 8,
    ...(id === 'short' && indicatorId === 'CS07' ? { reason: 'Chưa có minh chứng' } : {}),
  })),
});

/** Villagers who submitted and were appraised at the center, then pushed to the hub. */
export const assessmentOf = new Map<string, string>();
export async function appraised(kinds: ('passes' | 'short')[]): Promise<string[]> {
  const ids: string[] = [];
  for (const kind of kinds) {
    const personId = build.id();
    await center.json('PUT', `/api/people/${personId}`, people.baLan);
    const id = build.id();
    expect((await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId))).status).toBe(200);
    const saved = await center.json(
      'PUT',
      `/api/staff/appraisals/${id}`,
      pass(kind === 'short' ? 'short' : id),
      centerStaff.appraiser,
    );
    expect(saved.status).toBe(200);
    assessmentOf.set(personId, id);
    ids.push(personId);
  }
  const year = (await center.json('GET', '/api/kiosk')).body.year as number;
  if (kinds.includes('passes'))
    await closeLists(center, centerStaff.appraiser, year, [{ village: people.baLan.village }]);
  expect((await run()).body.lastError).toBeNull();
  return ids;
}

export const decide = (year: number, personIds: string[], number = '125/QĐ-UBND') =>
  hub.json(
    'POST',
    '/api/staff/hub/decisions',
    { year, number, signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', personIds },
    hubStaff.admin,
  );
export const recognitionsOf = async (personId: string) =>
  (await center.json('GET', `/api/people/${personId}`)).body.recognitions;

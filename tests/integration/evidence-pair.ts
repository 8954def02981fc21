import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import { build, people } from '../fixtures/people.ts';
import { cookieOf, staff, staffSessions, type Role } from '../fixtures/staff.ts';
import { registerAdult, startHarness, type Harness } from './harness.ts';

/**
 * A center enrolled with its commune hub over an in-process link, and the photos a villager or a
 * household takes there: what the evidence tests of where photos go and how long they stay share.
 */

export interface Pair {
  hub: Harness;
  center: Harness;
  hubStaff: Record<Role, string>;
  centerStaff: Record<Role, string>;
  enrol(): Promise<void>;
  /** "Đồng bộ ngay": push, files, feed; fails the test on an error. */
  sync(): Promise<void>;
  /** Both boxes' clocks, and their staff signed in again (sessions end; the tests move a year on). */
  setNow(at: Date): Promise<void>;
  close(): Promise<void>;
}

/** `hubPg`: the throwaway PostgreSQL cluster's URL for the hub's storage (SQLite when absent). */
export async function startPair(
  env: { hub?: Record<string, string>; center?: Record<string, string>; hubPg?: string | null } = {},
): Promise<Pair> {
  const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub', ...env.hub }, undefined, env.hubPg ?? null);
  const link: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    return hub.app.request(url.pathname + url.search, init);
  };
  const center = await startHarness(undefined, env.center ?? {}, link);
  const hubStaff = await staffSessions(hub);
  const centerStaff = await staffSessions(center);
  return {
    hub,
    center,
    hubStaff,
    centerStaff,
    async enrol() {
      const { body } = await hub.json(
        'POST',
        '/api/staff/hub/enrolments',
        { name: 'TTHTCĐ xã Tân Lập' },
        hubStaff.admin,
      );
      expect(
        (
          await center.json(
            'POST',
            '/api/staff/federation/enrol',
            { hubUrl: 'http://hub.test', code: body.code },
            centerStaff.admin,
          )
        ).status,
      ).toBe(200);
    },
    async sync() {
      expect((await center.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin)).body).toMatchObject(
        { lastError: null, waiting: 0 },
      );
    },
    async setNow(at) {
      for (const [h, cookies] of [
        [hub, hubStaff],
        [center, centerStaff],
      ] as const) {
        h.setNow(at);
        for (const s of [staff.chiHoa, staff.anhBinh, staff.coMai]) {
          cookies[s.role] = cookieOf(
            (await h.json('POST', '/api/staff/sign-in', { name: s.name, pin: s.pin })).headers,
          );
        }
      }
    },
    async close() {
      await center.close();
      await hub.close();
    },
  };
}

/** Bytes that start like a JPEG (the box sniffs the type); a seed makes another photo. */
export const jpeg = (seed: number, size = 3000): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed * 7) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};

export const fileOf = (h: Harness, sha256: string) => join(h.dir, 'evidence', sha256.slice(0, 2), sha256);
export const hasFile = (h: Harness, bytes: Uint8Array) => existsSync(fileOf(h, sha256Hex(bytes)));
/** Every evidence file a box holds, by hash. */
export const filesOn = (h: Harness): string[] =>
  existsSync(join(h.dir, 'evidence'))
    ? readdirSync(join(h.dir, 'evidence'), { recursive: true })
        .map(String)
        .filter((f) => /[0-9a-f]{64}$/.test(f))
        .map((f) => f.slice(-64))
        .sort()
    : [];

/** A photo as the tablet sends it, with the villager's (or the head's) session token, and staff's cookie when given. */
export async function upload(
  h: Harness,
  assessmentId: string,
  indicator: string,
  bytes: Uint8Array<ArrayBuffer>,
  cookie?: string,
): Promise<string> {
  const id = build.id();
  const path = `/api/assessments/${assessmentId}/evidence/${id}`;
  const res = await h.app.request(`${path}?indicator=${encodeURIComponent(indicator)}`, {
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg', ...(cookie ? { cookie } : {}), ...h.tablet.header('PUT', path) },
    body: bytes,
  });
  expect(res.status).toBe(200);
  return id;
}

/** Bà Lan's CDHT self-assessment with a photo on each indicator given, submitted when asked. */
export async function villagerWithPhotos(
  h: Harness,
  photos: Record<string, Uint8Array<ArrayBuffer>>,
  submit = false,
): Promise<{ personId: string; assessmentId: string; evidence: string[] }> {
  const personId = build.id();
  const registered = await h.json('PUT', `/api/people/${personId}`, people.baLan);
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  const assessmentId = build.id();
  expect(
    (await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { status: 'draft' }))).status,
  ).toBe(200);
  const evidence: string[] = [];
  for (const [indicator, bytes] of Object.entries(photos))
    evidence.push(await upload(h, assessmentId, indicator, bytes));
  if (submit)
    expect((await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId))).status).toBe(200);
  return { personId, assessmentId, evidence };
}

/** A household (its head registered here) with its learning-family self-assessment in draft and a photo on G3.1. */
export async function householdWithPhoto(
  h: Harness,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ householdId: string; assessmentId: string; evidenceId: string }> {
  const head = await registerAdult(h, 'Hoàng Văn Páo', 1970);
  const householdId = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${householdId}`, {
        village: 'Thôn Khe Ngang',
        headCode: head.code,
        headBirthYear: head.birthYear,
      })
    ).status,
  ).toBe(200);
  const assessmentId = build.id();
  expect(
    (
      await h.json('PUT', `/api/model-assessments/${assessmentId}`, {
        title: 'gdht',
        subjectId: householdId,
        criteriaSetId: 'gdht-2025',
        criteriaSetVersion: '2025.1',
        status: 'draft',
        answers: [{ itemId: 'G3.1', value: 8 }],
      })
    ).status,
  ).toBe(200);
  return { householdId, assessmentId, evidenceId: await upload(h, assessmentId, 'G3.1', bytes) };
}

/** The evidence records a hub holds, by id. */
export const hubEvidenceIds = async (hub: Harness): Promise<string[]> =>
  (
    await hub.db
      .selectFrom('hub_record')
      .select('record_id')
      .where('record_kind', '=', 'evidence')
      .orderBy('record_id')
      .execute()
  ).map((r) => r.record_id);

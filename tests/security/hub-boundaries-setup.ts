import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { newKeyPair, signRequest } from '../../server/src/sync/signing.ts';
import type { ChangeMessage, PersonUpsertV1, AssessmentUpsertV1 } from '../../shared/sync/messages.ts';
import { build, indicatorIds } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from '../integration/harness.ts';

export const NOW = new Date('2026-11-23T03:00:00Z');
export const AT = NOW.toISOString();

export let hub: Harness;
export let admin: string;

/** Starts a hub of its own for the calling test as `hub`. */
export async function startHub(): Promise<void> {
  hub = await startHarness(NOW, { KIOSK_ROLE: 'hub' });
}

export interface Center {
  id: string;
  privateKey: string;
  seq: number;
}

export async function enrolCenter(name: string): Promise<Center> {
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name }, admin);
  const keys = newKeyPair();
  const res = await hub.json('POST', '/api/hub/enrol', { code: body.code, publicKey: keys.publicKey, name });
  expect(res.status).toBe(200);
  return { id: res.body.nodeId, privateKey: keys.privateKey, seq: 0 };
}

export function signed(
  center: Center,
  method: string,
  path: string,
  body: Uint8Array,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers = { ...signRequest(center.id, center.privateKey, method, path, body, NOW), ...extra };
  return Promise.resolve(hub.app.request(path, { method, headers, body: body as BodyInit }));
}

/** A signed push of these changes, next in the center's outbox. */
export async function push(
  center: Center,
  changes: ChangeMessage[],
): Promise<{ ackSeq: number; applied: number; unchanged: number }> {
  const wire = changes.map((message) => ({ seq: ++center.seq, message }));
  const body = gzipSync(Buffer.from(JSON.stringify({ changes: wire, backlog: 0 })));
  const res = await signed(center, 'POST', '/api/hub/push', body, {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
  });
  expect(res.status).toBe(200);
  return res.json();
}

export const person = (id: string, revision = 1, name = 'Nguyễn Thị Lan'): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision,
  code: `C${id.slice(-5)}`,
  name,
  birthYear: 1954,
  village: 'Thôn Đồng Chằm',
  consents: [
    { purpose: 'assessment', granted: true, at: AT },
    { purpose: 'publicList', granted: true, at: AT },
  ],
});
export const assessment = (id: string, personId: string, revision = 1): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id,
  revision,
  subjectKind: 'person',
  subjectId: personId,
  title: 'cdht',
  year: 2026,
  criteriaSetId: 'cdht-2022',
  criteriaSetVersion: '2022.1',
  group: 'nhom-1',
  status: 'submitted',
  answers: indicatorIds.map((indicatorId) => ({ indicatorId, score: 8, note: null, confirmed: false })),
  submittedAt: AT,
  assistedBy: null,
});

/** Everything the hub holds that a push could touch, and the dashboard the commune reads. */
export async function hubState() {
  const db = hub.db;
  return {
    records: await db.selectFrom('hub_record').selectAll().orderBy('record_kind').orderBy('record_id').execute(),
    history: await db.selectFrom('hub_record_history').selectAll().orderBy('id').execute(),
    people: await db.selectFrom('hub_person').selectAll().orderBy('person_id').execute(),
    assessments: await db.selectFrom('hub_assessment').selectAll().orderBy('assessment_id').execute(),
    checks: await db.selectFrom('hub_digital_check').selectAll().orderBy('record_id').execute(),
    subjects: await db.selectFrom('hub_model_subject').selectAll().orderBy('id').execute(),
    dashboard: (await hub.json('GET', '/api/staff/hub/dashboard?year=2026', undefined, admin)).body,
  };
}

/** The refusal log as the commune's admin reads it (which writes the counts still held in memory), then every row. */
export async function refusals() {
  expect((await hub.json('GET', '/api/staff/hub/refusals', undefined, admin)).status).toBe(200);
  return hub.db.selectFrom('hub_refusal').selectAll().execute();
}

export let a: Center;
export let b: Center;
export let lan: string;
export let lanAssessment: string;
export let lanHousehold: string;

// One hub for the attacks by an enrolled center (each starts from a person of its own); a fresh one per flood.

/** One hub for the calling describe with centers A and B enrolled; before each test Lan's records (A's) pushed. */
export function twoCentersEnrolled(): void {
  beforeAll(async () => {
    hub = await startHarness(NOW, { KIOSK_ROLE: 'hub' });
    admin = (await staffSessions(hub)).admin;
    a = await enrolCenter('TTHTCĐ xã Tân Lập');
    b = await enrolCenter('TTHTCĐ xã Xuân Sơn');
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(async () => {
    lan = build.id();
    lanAssessment = build.id();
    lanHousehold = build.id();
    await push(a, [
      person(lan),
      assessment(lanAssessment, lan),
      {
        type: 'HouseholdUpsertV1',
        id: lanHousehold,
        revision: 1,
        village: 'Thôn Đồng Chằm',
        headPersonId: lan,
        memberPersonIds: [lan],
        facts: [],
        registeredAt: AT,
      },
    ]);
  });
}

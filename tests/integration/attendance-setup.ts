import { afterEach, beforeEach, expect, inject } from 'vitest';
import type { ResourceInputDraft } from '../../shared/schemas/resource.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

export const pgUrl = inject('pgUrl');
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

/** 31/12/2025 23:30 in Vietnam: still 2025 there. */
export const lastOf2025 = '2025-12-31T16:30:00.000Z';
/** 1/1/2026 0:30 in Vietnam: already 2026 there (still 31 December in UTC). */
export const firstOf2026 = '2025-12-31T17:30:00.000Z';
export const nov20 = '2026-11-20T01:00:00.000Z';
export const nov22 = '2026-11-22T01:00:00.000Z';
/** Four days after the box's clock. */
export const nov27 = '2026-11-27T01:00:00.000Z';

export const computerClass: ResourceInputDraft = {
  kind: 'class',
  title: 'Học máy tính cho người lớn tuổi',
  topic: 'Kỹ năng số',
  teacher: 'Cô Mai',
  place: 'Phòng học trung tâm',
  indicators: ['CS03', 'CS05'],
  sessions: [lastOf2025, firstOf2026, nov20, nov22, nov27].map((startsAt) => ({ startsAt })),
};
export const handbook: ResourceInputDraft = {
  kind: 'printed',
  title: 'Sổ tay trồng lúa',
  topic: 'Nông nghiệp',
  indicators: ['CS07'],
};

export let h: Harness;
export let staff: Record<Role, string> & { ids: Record<Role, string> };
export let lan: string;
export let tuan: string;
export let classId: string;

/** Closes this test's box and starts another (with `args`) in its place, with its staff sessions. */
export async function restartBox(...args: Parameters<typeof startHarness>): Promise<void> {
  await h.close();
  h = await startHarness(...args);
  staff = await staffSessions(h);
}

/** Before each test a fresh box on `storage` with Lan, Tuấn and a computer class; closed after. */
export function freshBoxEachTest(storage: (typeof storages)[number]): void {
  beforeEach(async () => {
    h = await startHarness(undefined, {}, undefined, storage === 'postgres' ? pgUrl : null);
    staff = await staffSessions(h);
    lan = build.id();
    tuan = build.id();
    expect((await h.json('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
    expect((await h.json('PUT', `/api/people/${tuan}`, people.anhTuan)).status).toBe(200);
    classId = build.id();
    expect((await h.json('PUT', `/api/staff/resources/${classId}`, computerClass, staff.facilitator)).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });
}

export const mark = (sessionStartsAt: string, personIds: string[], who = staff.facilitator, resourceId = classId) =>
  h.json('PUT', `/api/staff/resources/${resourceId}/attendance`, { sessionStartsAt, personIds }, who);
export const presentAt = (body: { sessions: { startsAt: string; present: { name: string }[] }[] }, startsAt: string) =>
  body.sessions.find((s) => s.startsAt === startsAt)?.present.map((p) => p.name);
/** Everything a refused request must leave as it was. */
export const snapshot = async () => ({
  counts: await h.counts(),
  attendance: await h.db
    .selectFrom('attendance')
    .selectAll()
    .orderBy('resource_id')
    .orderBy('session_starts_at')
    .orderBy('person_id')
    .execute(),
  audit: await h.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute(),
});

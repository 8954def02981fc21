import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { EvidenceUpsertV1 } from '../../shared/sync/messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
/** A fresh box and a staff session before each test; closed after. */
export function freshBoxEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
  });
  afterEach(async () => {
    await h.close();
  });
}

/** Bytes that start like a JPEG: the box sniffs the type, it does not trust the header. */
export const jpeg = (size = 2000, seed = 1): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};
export const fileOf = (sha256: string) => join(h.dir, 'evidence', sha256.slice(0, 2), sha256);

// With the head's tablet session token, as the tablet sends it (a photo's body is raw, so not through h.json).
export const upload = (
  assessmentId: string,
  evidenceId: string,
  itemId: string,
  bytes: Uint8Array<ArrayBuffer> = jpeg(),
  cookie?: string,
) =>
  h.app.request(`/api/assessments/${assessmentId}/evidence/${evidenceId}?indicator=${encodeURIComponent(itemId)}`, {
    method: 'PUT',
    headers: {
      'content-type': 'image/jpeg',
      ...(cookie ? { cookie } : {}),
      ...h.tablet.header('PUT', `/api/assessments/${assessmentId}/evidence/${evidenceId}`),
    },
    body: bytes,
  });

export type Registered = RegisteredAdult;
export const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

export async function household(head: Registered, ...members: Registered[]): Promise<string> {
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village: 'Thôn Khe Ngang',
        headCode: head.code,
        headBirthYear: head.birthYear,
      })
    ).status,
  ).toBe(200);
  for (const m of members)
    expect(
      (await h.json('POST', `/api/households/${id}/members`, { code: m.code, birthYear: m.birthYear })).status,
    ).toBe(200);
  return id;
}

export const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
export const gdht = (subjectId: string, answers: Record<string, number>, status: 'draft' | 'submitted' = 'draft') => ({
  title: 'gdht',
  subjectId,
  criteriaSetId: 'gdht-2025',
  criteriaSetVersion: '2025.1',
  status,
  answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
});

/** The evidence records in the box's outbox, oldest first. */
export const evidenceSent = async () =>
  (
    await h.db
      .selectFrom('outbox')
      .select(['record_id', 'revision', 'payload'])
      .where('record_kind', '=', 'evidence')
      .orderBy('seq')
      .execute()
  ).map((r) => ({
    id: r.record_id,
    revision: r.revision,
    message: JSON.parse(r.payload) as EvidenceUpsertV1 | { redacted: true },
  }));

import { afterEach, beforeEach, expect } from 'vitest';
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

export type Registered = RegisteredAdult;
export const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

/** A household of three adults with two school-age children, all in school. */
export async function household() {
  const adults = [
    await register('Hoàng Văn Páo', 1970),
    await register('Lò Thị Sợi', 1973),
    await register('Hoàng Văn Sình', 1996),
  ];
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village: 'Thôn Khe Ngang',
        headCode: adults[0]!.code,
        headBirthYear: 1970,
      })
    ).status,
  ).toBe(200);
  for (const a of adults.slice(1))
    expect(
      (await h.json('POST', `/api/households/${id}/members`, { code: a.code, birthYear: a.birthYear })).status,
    ).toBe(200);
  await h.json('PUT', `/api/households/${id}/facts/2026`, { schoolAgeChildren: 2, allChildrenInSchool: true });
  return { id, adults };
}

/** The commune's CDHT decision as the box holds it once the downward feed brought it. */
export async function recognize(personIds: string[], year = 2026) {
  await h.db
    .insertInto('recognition')
    .values(
      personIds.map((subject_id) => ({
        subject_id,
        title: 'cdht',
        year,
        decision_id: build.id(),
        decision_number: '88/QĐ-UBND',
        signed_on: '2026-11-20',
        signer: 'Chủ tịch UBND xã',
        received_at: '2026-11-21T00:00:00.000Z',
      })),
    )
    .execute();
}

export const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
export const gdht = (
  subjectId: string,
  answers: Record<string, number | boolean>,
  status: 'draft' | 'submitted' = 'draft',
) => ({
  title: 'gdht',
  subjectId,
  criteriaSetId: 'gdht-2025',
  criteriaSetVersion: '2025.1',
  status,
  answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
});
export const item = (
  view: { verdict: { items: { itemId: string; points: number | null; computed: { explanation: string } | null }[] } },
  id: string,
) => view.verdict.items.find((i) => i.itemId === id)!;

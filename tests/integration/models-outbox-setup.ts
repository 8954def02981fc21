import { afterEach, beforeEach, expect } from 'vitest';
import type { ChangeMessage } from '../../shared/sync/messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

/**
 * What the outbox tests of households, clans, units and the other titles' assessments
 * (models-outbox.test.ts, models-outbox-assessments.test.ts) share: a fresh box before each test
 * with four adults registered, set in the bindings below, and ways to read what a change appended.
 */

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
export const REGISTERED_AT = '2026-11-23T03:00:00.000Z';

export type Registered = RegisteredAdult;
const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

export let pao: Registered, soi: Registered, sinh: Registered, chu: Registered;
/** Starts a fresh box before each test of the calling file and closes it after. */
export function useOutboxBox(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
    pao = await register('Hoàng Văn Páo', 1970);
    soi = await register('Lò Thị Sợi', 1973);
    sinh = await register('Hoàng Văn Sình', 1996);
    chu = await register('Vàng A Chứ', 1965);
  });
  afterEach(async () => {
    await h.close();
  });
}

export type Row = {
  kind: string;
  id: string;
  revision: number;
  type: string;
  message: ChangeMessage & Record<string, unknown>;
};
/** The outbox after `seq`, oldest first, with person records (PersonUpsertV1, PersonErasedV1) left out: not this file's business. */
export async function outboxAfter(seq: number): Promise<Row[]> {
  const rows = await h.db
    .selectFrom('outbox')
    .selectAll()
    .where('seq', '>', seq)
    .where('record_kind', '!=', 'person')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    kind: r.record_kind,
    id: r.record_id,
    revision: r.revision,
    type: r.message_type,
    message: JSON.parse(r.payload),
  }));
}
async function lastSeq(): Promise<number> {
  const r = await h.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.max<number>('seq').as('seq'))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}
export type Act = () => Promise<{ status: number; body: any }>;
/** What `act`, which must succeed, appended to the outbox (besides person records). */
export async function appended(act: Act): Promise<Row[]> {
  const before = await lastSeq();
  const res = await act();
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return outboxAfter(before);
}
/** What `act`, which must be refused with `code`, appended to the outbox (it should be nothing). */
export async function refused(act: Act, code: string): Promise<Row[]> {
  const before = await lastSeq();
  expect((await act()).body.code).toBe(code);
  return outboxAfter(before);
}

export const registerHousehold = (id: string, head: Registered) =>
  h.json('PUT', `/api/households/${id}`, {
    village: 'Thôn Khe Ngang',
    headCode: head.code,
    headBirthYear: head.birthYear,
  });
export const link = (householdId: string, p: Registered, cookie?: string, move?: boolean) =>
  h.json(
    'POST',
    `/api/households/${householdId}/members`,
    { code: p.code, birthYear: p.birthYear, ...(move ? { move } : {}) },
    cookie,
  );
export const facts = (householdId: string, schoolAgeChildren: number, allChildrenInSchool: boolean | null) =>
  h.json('PUT', `/api/households/${householdId}/facts/2026`, { schoolAgeChildren, allChildrenInSchool });

export async function household(head: Registered, ...members: Registered[]): Promise<string> {
  const id = build.id();
  expect((await registerHousehold(id, head)).status).toBe(200);
  for (const m of members) expect((await link(id, m)).status).toBe(200);
  return id;
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
export const answersOf = (answers: Record<string, number>) =>
  Object.entries(answers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([indicatorId, score]) => ({ indicatorId, score, note: null, confirmed: false }));

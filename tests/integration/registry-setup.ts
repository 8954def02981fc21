import { afterEach, beforeEach, expect } from 'vitest';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;

export interface Registered {
  id: string;
  code: string;
  birthYear: number;
  name: string;
}
export async function register(person: RegisterPerson): Promise<Registered> {
  const id = build.id();
  const res = await h.json('PUT', `/api/people/${id}`, person);
  expect(res.status).toBe(200);
  return { id, code: res.body.code, birthYear: person.birthYear, name: person.name };
}
export const adult = (name: string, birthYear: number, village = 'Thôn Đồng Chằm'): RegisterPerson => ({
  name,
  birthYear,
  village,
  consents: { assessment: true, publicList: false, statistics: true },
});

export let lan: Registered, hung: Registered, mai: Registered;
/** A fresh box and a staff session before each test; closed after. */
export function freshBoxEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
    lan = await register(people.baLan);
    hung = await register(adult('Nguyễn Văn Hùng', 1978));
    mai = await register(adult('Nguyễn Thị Mai', 1981));
  });
  afterEach(async () => {
    await h.close();
  });
}

export async function household(head: Registered, village = 'Thôn Đồng Chằm') {
  const id = build.id();
  const res = await h.json('PUT', `/api/households/${id}`, {
    village,
    headCode: head.code,
    headBirthYear: head.birthYear,
  });
  expect(res.status).toBe(200);
  return id;
}
export const link = (householdId: string, p: Registered, cookie?: string, move?: boolean) =>
  h.json(
    'POST',
    `/api/households/${householdId}/members`,
    { code: p.code, birthYear: p.birthYear, ...(move ? { move } : {}) },
    cookie,
  );

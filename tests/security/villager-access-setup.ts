import { afterEach, beforeEach, expect } from 'vitest';
import { answerAll } from '../fixtures/digital.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { registerAdult, startHarness, type Harness, type RegisteredAdult } from '../integration/harness.ts';

/**
 * Issue 20, personal data at the tablet. Each row an attack that worked before: a person's records
 * read or written by id alone, a slip's birth year guessed at full speed, a code's existence told by
 * a registration, every member's slip code in the household view. A villager's tablet session now
 * carries a token bound to her (server/src/villager/); staff keep their session.
 */

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
export let lan: RegisteredAdult;
export let mai: RegisteredAdult;
export let stranger: RegisteredAdult;
export let householdId: string;
export let assessmentId: string;
export const NOTE = 'Tôi bị tiểu đường, khó đi họp buổi tối';

export const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const tokenOf = (p: RegisteredAdult) => h.tablet.tokenOf(p.id)!;
export const as = (token: string | null) => ({ token });
export const fromClient = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
export const byCode = (code: string, birthYear: number, address: string) =>
  h.app.request(`/api/people/by-code/${code}?birthYear=${birthYear}`, {}, fromClient(address));
/** A printed resource of the center's catalog, which the plans below name (a plan must name a real one). */
export const resourceId = build.id();
export const plan = (personId: string) => ({
  personId,
  source: 'assessment',
  needs: { indicators: ['CS05'], domains: [] },
  madeAt: '2026-11-23T03:00:00.000Z',
  items: [{ resourceId, title: 'Sổ tay dịch vụ công trực tuyến', kind: 'printed', dueOn: '2026-12-04', sessions: [] }],
});
export const attempt = async (personId: string, responses?: Record<string, unknown>) => {
  const bank = (await h.json('GET', '/api/digital/bank')).body;
  return {
    personId,
    bankId: bank.id,
    bankVersion: bank.version,
    startedAt: '2026-11-23T02:40:00.000Z',
    responses: responses ?? answerAll(bank, true),
  };
};

/** Before each test a fresh box with Lan, Mai (one household) and a stranger registered, Lan's assessment and plan saved; closed after. */
export function freshBoxEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
    // Bà Lan heads a household with Mai; she has a draft with a note about her health, a digital
    // self-check and a learning plan. The stranger is another villager, with a session of his own.
    lan = await registerAdult(h, 'Hà Thị Lan', 1968);
    mai = await registerAdult(h, 'Lò Thị Mai', 1990);
    stranger = await registerAdult(h, 'Vàng A Dế', 1985);
    householdId = build.id();
    expect(
      (
        await h.json('PUT', `/api/households/${householdId}`, {
          village: 'Thôn Khe Ngang',
          headCode: lan.code,
          headBirthYear: 1968,
        })
      ).status,
    ).toBe(200);
    expect(
      (await h.json('POST', `/api/households/${householdId}/members`, { code: mai.code, birthYear: 1990 })).status,
    ).toBe(200);
    expect(
      (
        await h.json('PUT', `/api/households/${householdId}/facts/2026`, {
          schoolAgeChildren: 2,
          allChildrenInSchool: true,
        })
      ).status,
    ).toBe(200);
    assessmentId = build.id();
    const draft = build.assessment(lan.id, {
      status: 'draft',
      answers: [{ indicatorId: 'CS01', score: 7, note: NOTE }],
    });
    expect((await h.json('PUT', `/api/assessments/${assessmentId}`, draft)).status).toBe(200);
    expect((await h.json('PUT', `/api/digital-attempts/${build.id()}`, await attempt(lan.id))).status).toBe(200);
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/resources/${resourceId}`,
          { kind: 'printed', title: 'Sổ tay dịch vụ công trực tuyến', topic: 'Dịch vụ công', indicators: ['CS05'] },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect((await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id))).status).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { api, boxNow } from './api.ts';
import { newVillagerToken } from '../platform/villager-token.ts';

/** Every call about a person carries the villager session's token; the staff screens' calls (no token) do not. */
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function recordHeaders(): Map<string, string | null> {
  const seen = new Map<string, string | null>();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.set(`${init?.method ?? 'GET'} ${String(input)}`, new Headers(init?.headers).get('x-villager-token'));
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return seen;
}

const person = {
  name: 'Lan',
  birthYear: 1954,
  village: 'Thôn 1',
  consents: { assessment: true, publicList: true, statistics: false },
};
const calls = (token?: string) => [
  () => api.register('p1', person, token),
  () => api.person('p1', token),
  () => api.personByCode('ABC123', 1954, token),
  () => api.currentAssessment('p1', token),
  () => api.digitalHistory('p1', token),
  () => api.digitalDraft('p1', token),
  () => api.householdOf('p1', token),
  () => api.modelStart('gdht', 'h1', token),
  () =>
    api.putAssessment(
      'a1',
      { personId: 'p1', criteriaSetId: 's', criteriaSetVersion: '1', group: 'g', status: 'draft', answers: [] },
      token,
    ),
  () => api.putPhoto('a1', 'e1', 'CS03', new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' }), token),
];

describe('person-scoped calls', () => {
  it('send X-Villager-Token on every one', async () => {
    const seen = recordHeaders();
    const token = newVillagerToken();
    // The answers do not fit the schemas here; only what was sent matters.
    for (const call of calls(token)) await call().catch(() => {});
    expect(seen.size).toBe(10);
    expect([...seen.values()].every((t) => t === token)).toBe(true);
  });

  it('send none without a token (the staff session goes along instead)', async () => {
    const seen = recordHeaders();
    for (const call of calls()) await call().catch(() => {});
    expect([...seen.values()].every((t) => t === null)).toBe(true);
  });
});

describe('newVillagerToken', () => {
  it('is 32 random bytes in base64url: 43 characters, different each time', () => {
    const tokens = Array.from({ length: 50 }, () => newVillagerToken());
    expect(tokens.every((t) => /^[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
    expect(new Set(tokens).size).toBe(50);
    const bytes = new Uint8Array(32).map((_, i) => i * 8 + 3);
    expect(newVillagerToken(() => bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
});

describe('boxNow', () => {
  const answerDated = (date: Date) => {
    globalThis.fetch = (async () =>
      new Response('{}', {
        status: 200,
        headers: { 'content-type': 'application/json', date: date.toUTCString() },
      })) as typeof fetch;
  };

  it("is the box's clock as its last answer dated itself, however far this tablet's is off", async () => {
    answerDated(new Date(Date.now() - 14 * 86_400_000));
    await api.digitalHistory('p1').catch(() => {});
    expect(Math.abs(boxNow().getTime() - (Date.now() - 14 * 86_400_000))).toBeLessThan(3000);
    answerDated(new Date(Date.now() + 10 * 60_000));
    await api.digitalHistory('p1').catch(() => {});
    expect(Math.abs(boxNow().getTime() - (Date.now() + 10 * 60_000))).toBeLessThan(3000);
  });

  it("is this tablet's own clock when the two agree to the second", async () => {
    answerDated(new Date());
    await api.digitalHistory('p1').catch(() => {});
    const before = Date.now();
    const now = boxNow().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

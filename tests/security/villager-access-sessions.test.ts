import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { newVillagerToken } from '../integration/villager-tablet.ts';
import {
  h,
  staff,
  lan,
  mai,
  householdId,
  NOTE,
  ALPHABET,
  tokenOf,
  as,
  fromClient,
  byCode,
  plan,
  freshBoxEachTest,
} from './villager-access-setup.ts';

freshBoxEachTest();

/** Issue 20: a slip code guessed or told, and what a villager's session sees and for how long. */
describe('slip codes', () => {
  it('throttles code and birth-year guesses from one client; the right year is then refused while the wait runs', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 30; i++) answers.push((await byCode(`QQQQ${ALPHABET[i]}Z`, 1950 + i, '10.0.0.7')).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(answers.slice(11)).toEqual(Array(19).fill(429));
    const right = await byCode(lan.code, 1968, '10.0.0.7');
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({
      code: 'auth.throttled',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    // Another tablet is not held up; the same one is, once its wait is over.
    expect((await byCode(lan.code, 1968, '10.0.0.8')).status).toBe(200);
    h.setNow(new Date(Date.parse('2026-11-23T03:00:00Z') + 60_000));
    expect((await byCode(lan.code, 1968, '10.0.0.7')).status).toBe(200);
  });

  it('throttles guesses at one code across clients, and counts a burst sent at once one by one', async () => {
    // 40 wrong years from 40 addresses at once: only the code's 5 free guesses are looked up.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => byCode(lan.code, 1900 + i, `10.0.1.${i + 1}`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    // One more wrong year starts the wait; the right year from yet another tablet then waits too.
    expect((await byCode(lan.code, 1950, '10.0.2.1')).status).toBe(404);
    expect((await byCode(lan.code, 1968, '10.0.2.2')).status).toBe(429);
    h.setNow(new Date(Date.parse('2026-11-23T03:00:00Z') + 60_000));
    expect((await byCode(lan.code, 1968, '10.0.2.2')).status).toBe(200);
  });

  it('answers a wrong birth year exactly as an unknown code', async () => {
    const wrongYear = await byCode(lan.code, 1969, '10.0.3.1');
    const unknown = await byCode('ZZZ999', 1968, '10.0.3.2');
    expect(wrongYear.status).toBe(404);
    expect(await wrongYear.json()).toEqual(await unknown.json());
  });

  it('a registration with a taken code gives no sign that it is taken', async () => {
    const register = async (code: string, birthYear: number, address: string): Promise<string> => {
      const res = await h.app.request(
        `/api/people/${build.id()}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-villager-token': newVillagerToken() },
          body: JSON.stringify({
            name: 'Người Dò Mã',
            birthYear,
            village: 'Thôn Khe Ngang',
            code,
            consents: { assessment: true, publicList: true, statistics: true },
          }),
        },
        fromClient(address),
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { code: string }).code;
    };
    // Lan's code (with another birth year) and a code no one has: both kept as the tablet made them.
    expect(await register(lan.code, 1990, '10.0.4.1')).toBe(lan.code);
    expect(await register('KXM234', 1990, '10.0.4.1')).toBe('KXM234');
    // Only her exact slip (code and year) cannot be kept, which a look-up with both would tell as
    // well; each such answer counts as a failed look-up for the client and the code.
    for (let i = 0; i < 6; i++) expect(await register(lan.code, 1968, '10.0.4.2')).not.toBe(lan.code);
    // The code is now under a wait: whatever year comes with it, the box answers with a code of its
    // own, and a look-up with her right year waits too.
    expect(await register(lan.code, 1975, '10.0.4.3')).not.toBe(lan.code);
    expect((await byCode(lan.code, 1968, '10.0.4.4')).status).toBe(429);
  });
});

describe('what a session sees and how long', () => {
  it("shows the household to a member's token by names only", async () => {
    const res = await h.json('GET', `/api/households/${householdId}`, undefined, undefined, as(tokenOf(mai)));
    expect(res.status).toBe(200);
    expect(res.body.members).toEqual([
      { name: 'Hà Thị Lan', role: 'head', since: expect.any(String) },
      { personId: mai.id, code: mai.code, name: 'Lò Thị Mai', role: 'member', since: expect.any(String) },
    ]);
    expect(res.body.headPersonId).toBeUndefined();
    const text = JSON.stringify(res.body);
    for (const secret of [lan.code, lan.id, '1968']) expect(text).not.toContain(secret);
    // Staff see it whole, as before.
    const full = await h.json('GET', `/api/households/${householdId}`, undefined, staff.facilitator, as(null));
    expect(full.body.members.map((m: { code: string }) => m.code)).toEqual([lan.code, mai.code]);
  });

  it('a token older than villager.tokenMinutes no longer reads, but a change queued within deliveryDays is taken', async () => {
    const token = tokenOf(lan);
    const start = Date.parse('2026-11-23T03:00:00Z');
    h.setNow(new Date(start + (h.config.settings['villager.tokenMinutes'] + 1) * 60_000));
    expect((await h.json('GET', `/api/people/${lan.id}`, undefined, undefined, as(token))).body.code).toBe(
      'villager.token-required',
    );
    // The tablet's outbox delivers what it queued while the box was off.
    expect((await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id), undefined, as(token))).status).toBe(
      200,
    );
    h.setNow(new Date(start + (h.config.settings['villager.deliveryDays'] * 24 * 60 + 1) * 60_000));
    const before = await h.counts();
    expect(
      (await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id), undefined, as(token))).body.code,
    ).toBe('villager.token-required');
    expect(await h.counts()).toEqual(before);
  });

  it('a registration queued offline binds its token on arrival, and what followed it in the outbox is taken', async () => {
    h.setNow(new Date('2026-12-20T03:00:00Z'));
    const token = newVillagerToken();
    const id = build.id();
    const person = {
      name: 'Lù Thị Pó',
      birthYear: 1979,
      village: 'Thôn Khe Ngang',
      consents: { assessment: true, publicList: true, statistics: true },
    };
    expect((await h.json('PUT', `/api/people/${id}`, person, undefined, as(token))).status).toBe(200);
    expect(
      (await h.json('PUT', `/api/assessments/${build.id()}`, build.assessment(id), undefined, as(token))).status,
    ).toBe(200);
    expect((await h.json('PUT', `/api/people/${id}`, person, undefined, as(token))).status).toBe(200);
  });

  it('staff keep working with their session alone', async () => {
    const none = as(null);
    expect(
      (
        await h.json('GET', `/api/people/${lan.id}/assessments/current`, undefined, staff.facilitator, none)
      ).body.assessment.answers.find((a: { indicatorId: string }) => a.indicatorId === 'CS01').note,
    ).toBe(NOTE);
    expect(
      (
        await h.json(
          'PUT',
          `/api/households/${householdId}/facts/2026`,
          { schoolAgeChildren: 1, allChildrenInSchool: true },
          staff.facilitator,
          none,
        )
      ).status,
    ).toBe(200);
    expect(
      (await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id), staff.facilitator, none)).status,
    ).toBe(200);
    const id = build.id();
    const person = {
      name: 'Lò Văn Páo',
      birthYear: 1960,
      village: 'Thôn Khe Ngang',
      consents: { assessment: true, publicList: true, statistics: true },
    };
    expect((await h.json('PUT', `/api/people/${id}`, person, staff.facilitator, none)).status).toBe(200);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerAll } from '../fixtures/digital.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { registerAdult, startHarness, type Harness, type RegisteredAdult } from '../integration/harness.ts';
import { newVillagerToken } from '../integration/villager-tablet.ts';

/**
 * Issue 20, personal data at the tablet. Each row an attack that worked before: a person's records
 * read or written by id alone, a slip's birth year guessed at full speed, a code's existence told by
 * a registration, every member's slip code in the household view. A villager's tablet session now
 * carries a token bound to her (server/src/villager/); staff keep their session.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;
let lan: RegisteredAdult;
let mai: RegisteredAdult;
let stranger: RegisteredAdult;
let householdId: string;
let assessmentId: string;
const NOTE = 'Tôi bị tiểu đường, khó đi họp buổi tối';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const tokenOf = (p: RegisteredAdult) => h.tablet.tokenOf(p.id)!;
const as = (token: string | null) => ({ token });
const fromClient = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
const byCode = (code: string, birthYear: number, address: string) =>
  h.app.request(`/api/people/by-code/${code}?birthYear=${birthYear}`, {}, fromClient(address));
/** A printed resource of the center's catalog, which the plans below name (a plan must name a real one). */
const resourceId = build.id();
const plan = (personId: string) => ({
  personId,
  source: 'assessment',
  needs: { indicators: ['CS05'], domains: [] },
  madeAt: '2026-11-23T03:00:00.000Z',
  items: [{ resourceId, title: 'Sổ tay dịch vụ công trực tuyến', kind: 'printed', dueOn: '2026-12-04', sessions: [] }],
});
const attempt = async (personId: string, responses?: Record<string, unknown>) => {
  const bank = (await h.json('GET', '/api/digital/bank')).body;
  return {
    personId,
    bankId: bank.id,
    bankVersion: bank.version,
    startedAt: '2026-11-23T02:40:00.000Z',
    responses: responses ?? answerAll(bank, true),
  };
};

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
  const draft = build.assessment(lan.id, { status: 'draft', answers: [{ indicatorId: 'CS01', score: 7, note: NOTE }] });
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

describe('reads by id', () => {
  it.each([
    ['her person record', () => `/api/people/${lan.id}`],
    ['her current assessment with its notes', () => `/api/people/${lan.id}/assessments/current`],
    ['her assessment by its id', () => `/api/assessments/${assessmentId}`],
    ['her household by its id', () => `/api/households/${householdId}`],
    ['the household she is in', () => `/api/people/${lan.id}/household`],
    ['her digital self-checks', () => `/api/people/${lan.id}/digital-attempts`],
    ['her paused digital self-check', () => `/api/people/${lan.id}/digital-draft`],
    ['her learning plans', () => `/api/people/${lan.id}/learning-plans`],
    ["her household's self-assessment", () => `/api/model-assessments/current/gdht/${householdId}`],
  ])("refuses %s without a token (401) and with another villager's token (403)", async (_name, path) => {
    const none = await h.json('GET', path(), undefined, undefined, as(null));
    expect(none).toMatchObject({ status: 401, body: { code: 'villager.token-required' } });
    const unknown = await h.json('GET', path(), undefined, undefined, as(newVillagerToken()));
    expect(unknown).toMatchObject({ status: 401, body: { code: 'villager.token-required' } });
    const other = await h.json('GET', path(), undefined, undefined, as(tokenOf(stranger)));
    expect(other).toMatchObject({ status: 403, body: { code: 'villager.forbidden' } });
    for (const res of [none, unknown, other])
      expect(JSON.stringify(res.body)).not.toMatch(/Hà Thị Lan|tiểu đường|1968/);
    // Her own session and any signed-in staff member still read it.
    expect((await h.json('GET', path(), undefined, undefined, as(tokenOf(lan)))).status).toBe(200);
    expect((await h.json('GET', path(), undefined, staff.appraiser, as(null))).status).toBe(200);
  });
});

describe('writes by id', () => {
  it("refuses rewriting her household's facts with another villager's token, or none, and changes nothing", async () => {
    const before = await h.counts();
    const facts = { schoolAgeChildren: 0, allChildrenInSchool: null };
    expect(
      (await h.json('PUT', `/api/households/${householdId}/facts/2026`, facts, undefined, as(null))).body.code,
    ).toBe('villager.token-required');
    expect(
      (await h.json('PUT', `/api/households/${householdId}/facts/2026`, facts, undefined, as(tokenOf(stranger)))).body
        .code,
    ).toBe('villager.forbidden');
    // A member reads her household but only its head writes for it.
    expect(
      (await h.json('PUT', `/api/households/${householdId}/facts/2026`, facts, undefined, as(tokenOf(mai)))).body.code,
    ).toBe('villager.forbidden');
    expect(await h.counts()).toEqual(before);
    expect(
      (await h.json('GET', `/api/households/${householdId}`, undefined, staff.facilitator)).body.facts['2026'],
    ).toEqual({ schoolAgeChildren: 2, allChildrenInSchool: true });
  });

  it('refuses a digital self-check sent in her name by someone else or by no one, empty or not, and changes nothing', async () => {
    const before = await h.counts();
    for (const body of [await attempt(lan.id, {}), await attempt(lan.id)]) {
      expect(
        await h.json('PUT', `/api/digital-attempts/${build.id()}`, body, undefined, as(tokenOf(stranger))),
      ).toMatchObject({ status: 403, body: { code: 'villager.forbidden' } });
      expect(await h.json('PUT', `/api/digital-attempts/${build.id()}`, body, undefined, as(null))).toMatchObject({
        status: 401,
        body: { code: 'villager.token-required' },
      });
    }
    expect(await h.counts()).toEqual(before);
  });

  it("refuses her paused digital self-check to someone else's session or none, reading or writing", async () => {
    const bank = (await h.json('GET', '/api/digital/bank')).body;
    const first = bank.items[0];
    const paused = {
      attemptId: build.id(),
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: '2026-11-23T02:40:00.000Z',
      index: 0,
      responses: { [first.id]: { kind: 'self-rating', step: 3 } },
    };
    expect(
      (await h.json('PUT', `/api/people/${lan.id}/digital-draft`, paused, undefined, as(tokenOf(lan)))).status,
    ).toBe(200);
    const rows = () => h.db.selectFrom('digital_draft').selectAll().execute();
    const before = await rows();
    for (const token of [tokenOf(stranger), null]) {
      const read = await h.json('GET', `/api/people/${lan.id}/digital-draft`, undefined, undefined, as(token));
      expect(read.body.code).toBe(token ? 'villager.forbidden' : 'villager.token-required');
      expect(JSON.stringify(read.body)).not.toContain(first.id);
      expect(
        (await h.json('PUT', `/api/people/${lan.id}/digital-draft`, { ...paused, index: 1 }, undefined, as(token))).body
          .code,
      ).toBe(token ? 'villager.forbidden' : 'villager.token-required');
    }
    expect(await rows()).toEqual(before);
  });

  it('refuses a learning plan sent in her name by someone else', async () => {
    const before = await h.counts();
    expect(
      (await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id), undefined, as(tokenOf(stranger)))).body
        .code,
    ).toBe('villager.forbidden');
    expect(
      (await h.json('PUT', `/api/learning-plans/${build.id()}`, plan(lan.id), undefined, as(null))).body.code,
    ).toBe('villager.token-required');
    expect(await h.counts()).toEqual(before);
  });

  it("refuses an assessment for her, new or over her draft, from someone else's session", async () => {
    const before = await h.counts();
    const forged = build.assessment(lan.id, { status: 'submitted' });
    expect(
      (await h.json('PUT', `/api/assessments/${assessmentId}`, forged, undefined, as(tokenOf(stranger)))).body.code,
    ).toBe('villager.forbidden');
    expect(
      (await h.json('PUT', `/api/assessments/${build.id()}`, forged, undefined, as(tokenOf(stranger)))).body.code,
    ).toBe('villager.forbidden');
    // Nor over her draft's id in his own name: the id is hers.
    expect(
      (
        await h.json(
          'PUT',
          `/api/assessments/${assessmentId}`,
          build.assessment(stranger.id),
          undefined,
          as(tokenOf(stranger)),
        )
      ).status,
    ).toBe(409);
    expect(await h.counts()).toEqual(before);
  });

  it("refuses linking into her household, or registering one on her slip, from someone else's session", async () => {
    const before = await h.counts();
    const link = { code: stranger.code, birthYear: 1985 };
    expect(
      (await h.json('POST', `/api/households/${householdId}/members`, link, undefined, as(tokenOf(stranger)))).body
        .code,
    ).toBe('villager.forbidden');
    const onHerSlip = { village: 'Thôn Khe Ngang', headCode: mai.code, headBirthYear: 1990 };
    expect(
      (await h.json('PUT', `/api/households/${build.id()}`, onHerSlip, undefined, as(tokenOf(stranger)))).body.code,
    ).toBe('villager.forbidden');
    expect(await h.counts()).toEqual(before);
  });

  it('refuses a registration retried under her id from another session', async () => {
    const before = await h.counts();
    const again = {
      name: 'Hà Thị Lan',
      birthYear: 1968,
      village: 'Thôn Khe Ngang',
      consents: { assessment: true, publicList: true, statistics: true },
    };
    expect((await h.json('PUT', `/api/people/${lan.id}`, again, undefined, as(newVillagerToken()))).status).toBe(409);
    expect((await h.json('PUT', `/api/people/${lan.id}`, again, undefined, as(null))).body.code).toBe(
      'villager.token-required',
    );
    expect(await h.counts()).toEqual(before);
  });
});

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

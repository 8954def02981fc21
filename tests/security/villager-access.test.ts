import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { newVillagerToken } from '../integration/villager-tablet.ts';
import {
  h,
  staff,
  lan,
  mai,
  stranger,
  householdId,
  assessmentId,
  tokenOf,
  as,
  plan,
  attempt,
  freshBoxEachTest,
} from './villager-access-setup.ts';

freshBoxEachTest();

/** Issue 20: a person's records read or written by id alone (slip codes and sessions: villager-access-sessions.test.ts). */
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

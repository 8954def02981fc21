import { describe, expect, it } from 'vitest';
import { scoreAttempt } from '../../shared/domain/digital-skills.ts';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { answerAll, respond } from '../fixtures/digital.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import {
  h,
  bank,
  personId,
  freshBoxWithVillagerEachTest,
  attempt,
  oneAnswer,
  snapshot,
  forgedAnswers,
} from './digital-setup.ts';

freshBoxWithVillagerEachTest();

/** The self-check at the box: scored there, kept with its responses, sent up as levels only. */

describe('digital-skills self-check', () => {
  it('serves the bank the tablet caches', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(40);
    expect(bank.domains.map((d) => d.id)).toEqual([
      'data',
      'communication',
      'content',
      'safety',
      'problem-solving',
      'ai',
    ]);
  });

  it('scores what was done, with a mix of right and wrong practical answers, as the scoring functions predict', async () => {
    let practical = 0;
    const responses = Object.fromEntries(
      bank.items.map((item) => [item.id, respond(item, item.kind !== 'practical' || practical++ % 3 !== 0)]),
    );
    const predicted = scoreAttempt(bank, responses);
    const id = build.id();
    const res = await h.json('PUT', `/api/digital-attempts/${id}`, attempt(responses));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      personId,
      year: 2026,
      overall: predicted.overall,
      domains: predicted.domains,
      practicalShare: predicted.practicalShare,
      hasDigitalSkills: predicted.hasDigitalSkills,
      proficient: predicted.proficient,
      toLearn: predicted.toLearn,
      assisted: false,
    });
    // Sent up as levels and flags, never the responses.
    const sent = await h.db
      .selectFrom('outbox')
      .select(['message_type', 'payload'])
      .where('message_type', '=', 'DigitalCheckV1')
      .execute();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.payload)).toMatchObject({
      id,
      personId,
      hasDigitalSkills: predicted.hasDigitalSkills,
      proficient: predicted.proficient,
    });
    expect(sent[0]!.payload).not.toContain('responses');
    // The same attempt again changes nothing.
    const before = await h.counts();
    expect((await h.json('PUT', `/api/digital-attempts/${id}`, attempt(responses))).body).toEqual(res.body);
    expect(await h.counts()).toEqual(before);
  });

  it("stands as CS05 evidence on the same year's assessment", async () => {
    const assessmentId = build.id();
    expect((await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId))).status).toBe(200);
    expect((await h.json('GET', `/api/assessments/${assessmentId}`)).body.digitalCheck).toBeNull();
    const id = build.id();
    const done = (await h.json('PUT', `/api/digital-attempts/${id}`, attempt(answerAll(bank, true)))).body;
    expect((await h.json('GET', `/api/assessments/${assessmentId}`)).body.digitalCheck).toEqual({
      attemptId: id,
      finishedAt: done.finishedAt,
      level: 'thanh-thao',
      hasDigitalSkills: true,
      proficient: true,
    });
  });

  it('refuses a retake too early with the date it may be taken, and allows it then', async () => {
    const all = (right: boolean) => Object.fromEntries(bank.items.map((item) => [item.id, respond(item, right)]));
    expect((await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(false)))).status).toBe(200);
    const before = await h.counts();
    const early = await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(true)));
    expect(early).toMatchObject({
      status: 409,
      body: { code: 'digital.retake-too-soon', details: { nextDate: '2026-12-23' } },
    });
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', `/api/people/${personId}/digital-attempts`)).body.retake).toEqual({
      allowed: false,
      reason: 'too-soon',
      nextDate: '2026-12-23',
    });
    h.setNow(new Date('2026-12-23T01:00:00Z'));
    const later = await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(true)));
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ overall: { level: 'thanh-thao' }, hasDigitalSkills: true, proficient: true });
    const history = (await h.json('GET', `/api/people/${personId}/digital-attempts`)).body;
    expect(history.attempts.map((a: { overall: { level: string } }) => a.overall.level)).toEqual([
      'thanh-thao',
      'chua-dat',
    ]);
  });

  it.each<[string, (b: DigitalBank) => Record<string, unknown>, string]>([
    [
      'an item not in the bank',
      () => ({ responses: { DS999: { kind: 'self-rating', step: 2 } } }),
      'digital.item-unknown',
    ],
    [
      'an item answered as another kind',
      (b) => ({ responses: { [b.items.find((i) => i.kind === 'choice')!.id]: { kind: 'self-rating', step: 2 } } }),
      'digital.item-unknown',
    ],
    ['a bank that is not installed', () => ({ bankVersion: '1999.1' }), 'digital.bank-unknown'],
    // No tablet session can be bound to a person the box does not have (staff get person.not-found).
    ['a person unknown here', () => ({ personId: build.id() }), 'villager.token-required'],
    [
      'a step off the scale',
      (b) => ({ responses: { [b.items[0]!.id]: { kind: 'self-rating', step: 7 } } }),
      'request.invalid',
    ],
    ["responses as a list (the tester's `responses: []`)", () => ({ responses: [] }), 'request.invalid'],
    [
      'responses as a list of answers',
      (b) => ({
        responses: [
          { kind: 'self-rating', step: 3 },
          { kind: 'choice', optionId: (b.items.find((i) => i.kind === 'choice') as { correct: string }).correct },
        ],
      }),
      'request.invalid',
    ],
    ['no answer at all', () => ({ responses: {} }), 'digital.no-answers'],
    [
      'every item skipped',
      (b) => ({ responses: Object.fromEntries(b.items.map((i) => [i.id, { kind: 'skipped' }])) }),
      'digital.no-answers',
    ],
    ['a check "started" in 2099', () => ({ startedAt: '2099-01-01T00:00:00.000Z' }), 'digital.started-at-invalid'],
    [
      "a start further ahead of the box's clock than sync.clockSkewSeconds",
      () => ({ startedAt: '2026-11-23T03:05:01.000Z' }),
      'digital.started-at-invalid',
    ],
    [
      'a start older than a paused check lives and its delivery takes',
      () => ({ startedAt: '2026-09-23T03:00:00.000Z' }),
      'digital.started-at-invalid',
    ],
    [
      'a typed answer with a hidden direction character',
      (b) => {
        const item = b.items.find((i) => i.kind === 'practical' && i.task.type === 'find-amount')!;
        return { responses: { [item.id]: { kind: 'find-amount', typed: '150.000\u202e' } } };
      },
      'text.invalid-characters',
    ],
  ])('refuses %s and changes nothing', async (_name, change, code) => {
    const before = await snapshot();
    const res = await h.json('PUT', `/api/digital-attempts/${build.id()}`, {
      ...attempt(oneAnswer()),
      ...change(bank),
    });
    expect(res.body.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it("takes a start a little ahead of the box's clock (within sync.clockSkewSeconds) and weeks back", async () => {
    expect(
      (
        await h.json(
          'PUT',
          `/api/digital-attempts/${build.id()}`,
          attempt(oneAnswer(), { startedAt: '2026-11-23T03:04:00.000Z' }),
        )
      ).status,
    ).toBe(200);
    const other = build.id();
    await h.json('PUT', `/api/people/${other}`, people.anhTuan);
    expect(
      (
        await h.json(
          'PUT',
          `/api/digital-attempts/${build.id()}`,
          attempt(oneAnswer(), { personId: other, startedAt: '2026-10-01T03:00:00.000Z' }),
        )
      ).status,
    ).toBe(200);
  });

  it("refuses an empty check sent for her, so it never blocks her real one: without a token, with another villager's, and with her own", async () => {
    const stranger = build.id();
    await h.json('PUT', `/api/people/${stranger}`, people.anhTuan);
    const before = await snapshot();
    const empty = attempt({});
    expect(await h.json('PUT', `/api/digital-attempts/${build.id()}`, empty, undefined, { token: null })).toMatchObject(
      { status: 401, body: { code: 'villager.token-required' } },
    );
    expect(
      await h.json('PUT', `/api/digital-attempts/${build.id()}`, empty, undefined, {
        token: h.tablet.tokenOf(stranger)!,
      }),
    ).toMatchObject({ status: 403, body: { code: 'villager.forbidden' } });
    expect(await h.json('PUT', `/api/digital-attempts/${build.id()}`, empty)).toMatchObject({
      status: 422,
      body: { code: 'digital.no-answers' },
    });
    expect(await snapshot()).toEqual(before);
    expect((await h.json('GET', `/api/people/${personId}/digital-attempts`)).body).toEqual({
      attempts: [],
      retake: { allowed: true },
    });
    expect(
      (await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(answerAll(bank, true)))).body.overall.level,
    ).toBe('thanh-thao');
  });

  it('refuses each of 30 and more answers naming an option, picture, message or form field the bank does not have, alone or together', async () => {
    const forged = forgedAnswers(bank);
    expect(forged.length).toBeGreaterThanOrEqual(30);
    const before = await snapshot();
    for (const [item, response, code] of forged) {
      const res = await h.json(
        'PUT',
        `/api/digital-attempts/${build.id()}`,
        attempt({ ...answerAll(bank, true), [item.id]: response }),
      );
      expect(res.body, `${item.id} ${JSON.stringify(response)}`).toMatchObject({
        code,
        details: { itemIds: [item.id] },
      });
    }
    const together = await h.json(
      'PUT',
      `/api/digital-attempts/${build.id()}`,
      attempt(
        Object.fromEntries(forged.filter(([, , c]) => c === 'digital.answer-unknown').map(([i, r]) => [i.id, r])),
      ),
    );
    expect(together.body.code).toBe('digital.answer-unknown');
    expect(await snapshot()).toEqual(before);
  });

  it('is part of what a person sees of their data, and goes when they are erased', async () => {
    const { admin } = await staffSessions(h);
    expect((await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(oneAnswer()))).status).toBe(200);
    expect(
      (await h.json('GET', `/api/staff/people/${personId}/data`, undefined, admin)).body.digitalChecks,
    ).toHaveLength(1);
    expect((await h.json('DELETE', `/api/staff/people/${personId}`, undefined, admin)).status).toBe(200);
    expect(await h.db.selectFrom('digital_attempt').selectAll().execute()).toEqual([]);
  });
});

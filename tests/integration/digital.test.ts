import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreAttempt, type DigitalResponse } from '../../shared/domain/digital-skills.ts';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { answerAll, respond } from '../fixtures/digital.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** The self-check at the box: scored there, kept with its responses, sent up as levels only. */

let h: Harness;
let bank: DigitalBank;
let personId: string;

beforeEach(async () => {
  h = await startHarness();
  personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, people.baLan);
  bank = (await h.json('GET', '/api/digital/bank')).body as DigitalBank;
});
afterEach(async () => { await h.close(); });

const attempt = (responses: Record<string, DigitalResponse>, extra: Record<string, unknown> = {}) =>
  ({ personId, bankId: bank.id, bankVersion: bank.version, startedAt: '2026-11-23T02:40:00.000Z', responses, ...extra });

describe('digital-skills self-check', () => {
  it('serves the bank the tablet caches', () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(40);
    expect(bank.domains.map((d) => d.id)).toEqual(['data', 'communication', 'content', 'safety', 'problem-solving', 'ai']);
  });

  it('scores what was done, with a mix of right and wrong practical answers, as the scoring functions predict', async () => {
    let practical = 0;
    const responses = Object.fromEntries(bank.items.map((item) => [item.id, respond(item, item.kind !== 'practical' || practical++ % 3 !== 0)]));
    const predicted = scoreAttempt(bank, responses);
    const id = build.id();
    const res = await h.json('PUT', `/api/digital-attempts/${id}`, attempt(responses));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id, personId, year: 2026, overall: predicted.overall, domains: predicted.domains, practicalShare: predicted.practicalShare,
      hasDigitalSkills: predicted.hasDigitalSkills, proficient: predicted.proficient, toLearn: predicted.toLearn, assisted: false,
    });
    // Sent up as levels and flags, never the responses.
    const sent = await h.db.selectFrom('outbox').select(['message_type', 'payload']).where('message_type', '=', 'DigitalCheckV1').execute();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.payload)).toMatchObject({ id, personId, hasDigitalSkills: predicted.hasDigitalSkills, proficient: predicted.proficient });
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
      attemptId: id, finishedAt: done.finishedAt, level: 'thanh-thao', hasDigitalSkills: true, proficient: true,
    });
  });

  it('refuses a retake too early with the date it may be taken, and allows it then', async () => {
    const all = (right: boolean) => Object.fromEntries(bank.items.map((item) => [item.id, respond(item, right)]));
    expect((await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(false)))).status).toBe(200);
    const before = await h.counts();
    const early = await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(true)));
    expect(early).toMatchObject({ status: 409, body: { code: 'digital.retake-too-soon', details: { nextDate: '2026-12-23' } } });
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', `/api/people/${personId}/digital-attempts`)).body.retake).toEqual({ allowed: false, reason: 'too-soon', nextDate: '2026-12-23' });
    h.setNow(new Date('2026-12-23T01:00:00Z'));
    const later = await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt(all(true)));
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ overall: { level: 'thanh-thao' }, hasDigitalSkills: true, proficient: true });
    const history = (await h.json('GET', `/api/people/${personId}/digital-attempts`)).body;
    expect(history.attempts.map((a: { overall: { level: string } }) => a.overall.level)).toEqual(['thanh-thao', 'chua-dat']);
  });

  it.each<[string, (b: DigitalBank) => Record<string, unknown>, string]>([
    ['an item not in the bank', () => ({ responses: { DS999: { kind: 'self-rating', step: 2 } } }), 'digital.item-unknown'],
    ['an item answered as another kind', (b) => ({ responses: { [b.items.find((i) => i.kind === 'choice')!.id]: { kind: 'self-rating', step: 2 } } }), 'digital.item-unknown'],
    ['a bank that is not installed', () => ({ bankVersion: '1999.1' }), 'digital.bank-unknown'],
    // No tablet session can be bound to a person the box does not have (staff get person.not-found).
    ['a person unknown here', () => ({ personId: build.id() }), 'villager.token-required'],
    ['a step off the scale', (b) => ({ responses: { [b.items[0]!.id]: { kind: 'self-rating', step: 7 } } }), 'request.invalid'],
  ])('refuses %s and changes nothing', async (_name, change, code) => {
    const before = await h.counts();
    const res = await h.json('PUT', `/api/digital-attempts/${build.id()}`, { ...attempt({}), ...change(bank) });
    expect(res.body.code).toBe(code);
    expect(await h.counts()).toEqual(before);
  });

  it('is part of what a person sees of their data, and goes when they are erased', async () => {
    const { admin } = await staffSessions(h);
    await h.json('PUT', `/api/digital-attempts/${build.id()}`, attempt({}));
    expect((await h.json('GET', `/api/staff/people/${personId}/data`, undefined, admin)).body.digitalChecks).toHaveLength(1);
    expect((await h.json('DELETE', `/api/staff/people/${personId}`, undefined, admin)).status).toBe(200);
    expect(await h.db.selectFrom('digital_attempt').selectAll().execute()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { DigitalResponse } from '../../shared/domain/digital-skills.ts';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { purgeExpiredDrafts, scheduleDraftPurge } from '../../server/src/digital/digital-drafts.service.ts';
import { answerAll, respond } from '../fixtures/digital.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * A paused digital-skills self-check is kept at the box, not on the tablet (issue 21): one per
 * person, written and read only under her villager token (or by staff), checked like a finished
 * check, resumed with her code and birth year, gone when she finishes, and deleted
 * `digital.draftDays` after the check began (when read, and by the periodic purge). The box's clock
 * is 2026-11-23 10:00 in Vietnam.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(storages)('paused digital-skills checks on %s', (storage) => {
  let h: Harness;
  let bank: DigitalBank;
  let lan: string;
  let tuan: string;

  const start = async (env: Record<string, string> = {}) => {
    h = await startHarness(undefined, env, undefined, storage === 'postgres' ? pgUrl : null);
    lan = build.id();
    tuan = build.id();
    expect((await h.json('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
    expect((await h.json('PUT', `/api/people/${tuan}`, people.anhTuan)).status).toBe(200);
    bank = (await h.json('GET', '/api/digital/bank')).body as DigitalBank;
  };
  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    await h.close();
  });

  /** The first `n` items answered right. */
  const firstAnswers = (n: number): Record<string, DigitalResponse> =>
    Object.fromEntries(bank.items.slice(0, n).map((item) => [item.id, respond(item, true)]));
  const draft = (responses: Record<string, DigitalResponse>, extra: Record<string, unknown> = {}) => ({
    attemptId: build.id(),
    bankId: bank.id,
    bankVersion: bank.version,
    startedAt: '2026-11-23T02:40:00.000Z',
    index: Object.keys(responses).length,
    responses,
    ...extra,
  });
  const pause = (personId: string, body: unknown, options?: { token?: string | null }) =>
    h.json('PUT', `/api/people/${personId}/digital-draft`, body, undefined, options);
  const resume = (personId: string, options?: { token?: string | null }) =>
    h.json('GET', `/api/people/${personId}/digital-draft`, undefined, undefined, options);
  const rows = () => h.db.selectFrom('digital_draft').selectAll().orderBy('person_id').execute();
  const snapshot = async () => ({ counts: await h.counts(), drafts: await rows() });

  it('keeps her answers so far at the box under her token, gives them back, and sends nothing up', async () => {
    const outboxBefore = (await h.counts()).outbox;
    const body = draft(firstAnswers(5));
    const saved = await pause(lan, body);
    expect(saved.status).toBe(200);
    const expected = {
      attemptId: body.attemptId,
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: body.startedAt,
      index: 5,
      responses: body.responses,
      savedAt: '2026-11-23T03:00:00.000Z',
      expiresAt: '2026-12-23T02:40:00.000Z',
    };
    expect(saved.body).toEqual({ draft: expected });
    expect(await resume(lan)).toMatchObject({ status: 200, body: { draft: expected } });
    expect(await resume(tuan)).toMatchObject({ status: 200, body: { draft: null } });
    // A paused check stays at the center: nothing of it goes to the commune.
    expect((await h.counts()).outbox).toBe(outboxBefore);

    // Paused again later, further on: the newer one replaces it.
    const further = { ...body, index: 9, responses: firstAnswers(9) };
    expect((await pause(lan, further)).body.draft).toMatchObject({ index: 9, responses: further.responses });
    expect(await rows()).toHaveLength(1);
  });

  it("refuses reading or writing her paused check without a token (401) or with another villager's (403), and changes nothing", async () => {
    expect((await pause(lan, draft(firstAnswers(3)))).status).toBe(200);
    const before = await snapshot();
    const stranger = h.tablet.tokenOf(tuan)!;
    expect(await resume(lan, { token: null })).toMatchObject({
      status: 401,
      body: { code: 'villager.token-required' },
    });
    const other = await resume(lan, { token: stranger });
    expect(other).toMatchObject({ status: 403, body: { code: 'villager.forbidden' } });
    expect(JSON.stringify(other.body)).not.toContain(bank.items[0]!.id);
    expect(await pause(lan, draft(firstAnswers(1)), { token: null })).toMatchObject({
      status: 401,
      body: { code: 'villager.token-required' },
    });
    expect(await pause(lan, draft(firstAnswers(1)), { token: stranger })).toMatchObject({
      status: 403,
      body: { code: 'villager.forbidden' },
    });
    expect(await snapshot()).toEqual(before);
    // Staff (assisted mode) read it.
    const { facilitator } = await staffSessions(h);
    expect(
      (await h.json('GET', `/api/people/${lan}/digital-draft`, undefined, facilitator, { token: null })).body.draft
        .index,
    ).toBe(3);
  });

  it.each<[string, (b: DigitalBank) => Record<string, unknown>, string]>([
    ['no answer at all', () => ({ responses: {} }), 'digital.no-answers'],
    [
      'an option the item does not have',
      (b) => ({
        responses: { [b.items.find((i) => i.kind === 'choice')!.id]: { kind: 'choice', optionId: 'khong-co' } },
      }),
      'digital.answer-unknown',
    ],
    [
      'an item not in the bank',
      () => ({ responses: { DS999: { kind: 'self-rating', step: 2 } } }),
      'digital.item-unknown',
    ],
    ['a check "started" in 2099', () => ({ startedAt: '2099-01-01T00:00:00.000Z' }), 'digital.started-at-invalid'],
    ['a bank that is not installed', () => ({ bankVersion: '1999.1' }), 'digital.bank-unknown'],
    ['a place past the last item', (b) => ({ index: b.items.length }), 'request.invalid'],
  ])('refuses a paused check with %s and changes nothing', async (_name, change, code) => {
    const before = await snapshot();
    expect((await pause(lan, { ...draft(firstAnswers(2)), ...change(bank) })).body.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('expires digital.draftDays after the check began: not offered and deleted when read', async () => {
    expect((await pause(lan, draft(firstAnswers(4)))).status).toBe(200);
    h.setNow(new Date('2026-12-23T02:39:00Z'));
    expect((await resume(lan)).body.draft.index).toBe(4);
    h.setNow(new Date('2026-12-23T02:41:00Z'));
    expect((await resume(lan)).body).toEqual({ draft: null });
    expect(await rows()).toEqual([]);
  });

  it('takes its life from digital.draftDays', async () => {
    await h.close();
    await start({ KIOSK_DIGITAL_DRAFT_DAYS: '5' });
    const saved = await pause(lan, draft(firstAnswers(4)));
    expect(saved.body.draft.expiresAt).toBe('2026-11-28T02:40:00.000Z');
    h.setNow(new Date('2026-11-28T03:00:00Z'));
    expect((await resume(lan)).body).toEqual({ draft: null });
    // One that has already run out when it arrives (queued on a tablet while the box was off) is not kept.
    expect((await pause(tuan, draft(firstAnswers(2), { startedAt: '2026-11-22T03:00:00.000Z' }))).body).toEqual({
      draft: null,
    });
    expect(await rows()).toEqual([]);
  });

  it('the periodic purge deletes the expired ones and leaves the others', async () => {
    expect((await pause(lan, draft(firstAnswers(4), { startedAt: '2026-11-01T03:00:00.000Z' }))).status).toBe(200);
    expect((await pause(tuan, draft(firstAnswers(2), { startedAt: '2026-11-20T03:00:00.000Z' }))).status).toBe(200);
    const deps = { db: h.db, config: h.config, now: () => new Date('2026-12-05T00:00:00Z') };
    expect(await purgeExpiredDrafts(deps)).toBe(1);
    expect((await rows()).map((r) => r.person_id)).toEqual([tuan]);
    // Scheduled as the box runs: its first round deletes what has run out since.
    const purged = new Promise<number>((done) => {
      const timer = scheduleDraftPurge(
        { ...deps, now: () => new Date('2026-12-21T00:00:00Z') },
        {
          firstMs: 0,
          onPurged: (n) => {
            timer.stop();
            done(n);
          },
        },
      );
    });
    expect(await purged).toBe(1);
    expect(await rows()).toEqual([]);
  });

  it('goes when she finishes the check, and a late copy of it is not kept again', async () => {
    const body = draft(firstAnswers(6));
    expect((await pause(lan, body)).status).toBe(200);
    const finished = await h.json('PUT', `/api/digital-attempts/${body.attemptId}`, {
      personId: lan,
      bankId: bank.id,
      bankVersion: bank.version,
      startedAt: body.startedAt,
      responses: answerAll(bank, true),
    });
    expect(finished.status).toBe(200);
    expect(await rows()).toEqual([]);
    // The tablet's retry of the pause, arriving after the finished check: answered, not kept.
    expect(await pause(lan, body)).toMatchObject({ status: 200, body: { draft: null } });
    // Nor one of a check begun before the one she finished (another tablet's, delivered late).
    expect(await pause(lan, draft(firstAnswers(2), { startedAt: '2026-11-23T02:00:00.000Z' }))).toMatchObject({
      status: 200,
      body: { draft: null },
    });
    expect(await rows()).toEqual([]);
  });

  it('refuses a check begun before the retake policy allows, as the finished one would be', async () => {
    expect(
      (
        await h.json('PUT', `/api/digital-attempts/${build.id()}`, {
          personId: lan,
          bankId: bank.id,
          bankVersion: bank.version,
          startedAt: '2026-11-23T02:00:00.000Z',
          responses: answerAll(bank, false),
        })
      ).status,
    ).toBe(200);
    h.setNow(new Date('2026-11-24T03:00:00Z'));
    const before = await snapshot();
    const res = await pause(lan, draft(firstAnswers(2), { startedAt: '2026-11-24T02:50:00.000Z' }));
    expect(res.body).toMatchObject({ code: 'digital.retake-too-soon', details: { nextDate: '2026-12-23' } });
    expect(await snapshot()).toEqual(before);
  });

  it('is part of what she sees of her data, and goes when she is erased', async () => {
    const { admin } = await staffSessions(h);
    expect((await pause(lan, draft(firstAnswers(3)))).status).toBe(200);
    expect(
      (await h.json('GET', `/api/staff/people/${lan}/data`, undefined, admin)).body.pausedDigitalCheck,
    ).toMatchObject({ index: 3 });
    expect((await h.json('DELETE', `/api/staff/people/${lan}`, undefined, admin)).status).toBe(200);
    expect(await rows()).toEqual([]);
  });
});

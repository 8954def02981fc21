import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enqueue, OutboxSender } from '../../../web/src/lib/sync/outbox.ts';
import { fetchTransport } from '../../../web/src/lib/sync/transport.ts';
import { newVillagerToken } from '../../../web/src/platform/villager-token.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { people } from '../../fixtures/people.ts';
import {
  h,
  db,
  failNext,
  requests,
  signInAs,
  boxFetch,
  freshBoxAndTabletEachTest,
  villager,
  newcomer,
  assessment,
} from './outbox-setup.ts';

freshBoxAndTabletEachTest();

describe('tablet outbox → box', () => {
  it("sends a villager's registration, draft, photo and submission in order, then forgets them", async () => {
    await enqueue(db, villager(), newVillagerToken());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    expect(await db.outbox.count()).toBe(0);
    expect(await h.counts()).toMatchObject({ person: 1, assessment: 1, evidence: 1 });
    const stored = await h.db.selectFrom('assessment').select('status').executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
  });

  it('keeps everything while the box is down, and sends it once it answers', async () => {
    await enqueue(db, villager(), newVillagerToken());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    failNext(['down']);
    expect(await sender.flush()).toBe('unreachable');
    expect(await db.outbox.count()).toBe(4);
    expect((await db.outbox.toArray())[0]!.attempts).toBe(1);
    expect((await h.counts()).person).toBe(0);
    expect(await sender.flush()).toBe('done');
    expect(await h.counts()).toMatchObject({ person: 1, assessment: 1, evidence: 1 });
  });

  it('an answer lost after the box stored the change is resent and changes nothing twice', async () => {
    await enqueue(db, villager(), newVillagerToken());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    failNext(['ok', 'lost-answer', 'lost-answer', 'ok', 'lost-answer']);
    while ((await sender.flush()) === 'unreachable');
    expect(await h.counts()).toMatchObject({ person: 1, assessment: 1, assessment_item: 10, evidence: 1 });
    // person v1, assessment draft v1 and submitted v2 (her photo stays at the center: no record goes up): resends added no revision.
    expect((await h.counts()).outbox).toBe(3);
  });

  it('sets a refused change aside with its reason, goes on with the rest, and never retries it alone', async () => {
    const bad = villager({ ...people.baLan, village: 'Thôn Không Có' });
    const good = villager(people.anhTuan);
    await enqueue(db, bad, newVillagerToken());
    await enqueue(db, good, newVillagerToken());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    const refused = await db.outbox.where('state').equals('refused').toArray();
    // Her registration refused, her token was never bound: what follows it is refused for that.
    expect(refused.map((r) => [r.kind, r.refusal?.code])).toEqual([
      ['person', 'person.village-unknown'],
      ['assessment', 'villager.token-required'],
      ['photo', 'villager.token-required'],
      ['assessment', 'villager.token-required'],
    ]);
    expect(await h.counts()).toMatchObject({ person: 1, assessment: 1 });
    const before = requests;
    expect(await sender.flush()).toBe('done');
    expect(requests).toBe(before);
    await sender.retry(refused[0]!.seq!);
    expect(await db.outbox.where('state').equals('pending').count()).toBe(1);
  });

  it('two flushes at once share one round, so nothing is sent twice at the same time', async () => {
    await enqueue(db, villager(), newVillagerToken());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    await Promise.all([sender.flush(), sender.flush(), sender.flush()]);
    expect(requests).toBe(4);
  });

  it('a box answering 503 (starting up) is "not now", not a refusal', async () => {
    await enqueue(db, villager(), newVillagerToken());
    const transport = fetchTransport(async () => new Response('starting', { status: 503 }));
    expect(await new OutboxSender(db, transport).flush()).toBe('unreachable');
    expect(await db.outbox.where('state').equals('pending').count()).toBe(4);
  });

  it('a change queued in a session that has ended gets in days later with the token it carries', async () => {
    const token = newVillagerToken();
    const registration = newcomer(people.baLan);
    const personId = registration[0]!.personId;
    await enqueue(db, registration, token);
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    // Her assessment waits on the tablet while the box is off; the session ended at "Xong".
    await enqueue(db, assessment(personId), token);
    failNext(['down']);
    expect(await sender.flush()).toBe('unreachable');
    h.setNow(new Date('2026-11-28T03:00:00Z'));
    // Five days on, the token no longer reads her record, but what she queued is still taken.
    const read = await h.app.request(`/api/people/${personId}`, { headers: { 'X-Villager-Token': token } });
    expect(read.status).toBe(401);
    expect(await sender.flush()).toBe('done');
    expect(await db.outbox.count()).toBe(0);
    expect(await h.db.selectFrom('assessment').select(['subject_id', 'status']).execute()).toEqual([
      { subject_id: personId, status: 'submitted' },
    ]);
  });

  it('an item queued by an older version (no token) is refused with its reason and goes once a facilitator signs in and retries it', async () => {
    const registration = newcomer(people.baLan);
    await enqueue(db, registration, newVillagerToken());
    await enqueue(db, assessment(registration[0]!.personId), undefined);
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    const refused = await db.outbox.where('state').equals('refused').toArray();
    expect(refused.map((r) => [r.kind, r.refusal?.code])).toEqual([
      ['assessment', 'villager.token-required'],
      ['photo', 'villager.token-required'],
      ['assessment', 'villager.token-required'],
    ]);
    expect((await h.counts()).assessment).toBe(0);
    signInAs((await staffSessions(h)).facilitator);
    for (const item of refused) await sender.retry(item.seq!);
    expect(await sender.flush()).toBe('done');
    expect(await db.outbox.count()).toBe(0);
    expect(await h.counts()).toMatchObject({ assessment: 1, evidence: 1 });
  });

  it('under random drops and lost answers, 30 villagers all reach the box exactly once', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const queued = Array.from({ length: 30 }, () => villager(people.anhTuan));
    for (const items of queued) await enqueue(db, items, newVillagerToken());
    failNext(
      Array.from({ length: 400 }, () => {
        const r = random();
        return r < 0.2 ? 'down' : r < 0.4 ? 'lost-answer' : 'ok';
      }),
    );
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    let rounds = 0;
    while ((await sender.flush()) === 'unreachable') rounds++;
    expect(rounds).toBeGreaterThan(10);
    expect(await db.outbox.count()).toBe(0);
    const ids = await h.db.selectFrom('assessment').select(['id', 'status']).execute();
    expect(ids).toHaveLength(30);
    expect(new Set(ids.map((r) => r.id))).toEqual(new Set(queued.map((items) => items[1]!.recordId)));
    expect(ids.every((r) => r.status === 'submitted')).toBe(true);
    expect(await h.counts()).toMatchObject({ person: 30, evidence: 30, assessment_item: 300 });
  }, 20_000);
});

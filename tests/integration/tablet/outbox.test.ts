import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declareVersions, type TabletDb } from '../../../web/src/db/db.ts';
import { enqueue, OutboxSender, type OutboxItemInput } from '../../../web/src/lib/sync/outbox.ts';
import { fetchTransport } from '../../../web/src/lib/sync/transport.ts';
import { newVillagerToken } from '../../../web/src/platform/villager-token.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import type { RegisterPerson } from '../../../shared/schemas/person.ts';
import { build, people } from '../../fixtures/people.ts';
import { startHarness, type Harness } from '../harness.ts';

type Fault = 'ok' | 'down' | 'lost-answer';

let h: Harness;
let db: TabletDb;
let faults: Fault[];
let requests: number;
/** A facilitator's session cookie, which the browser sends along with the tablet's requests once she signs in. */
let staffCookie: string | undefined;

/** The real Hono app behind a fetch that can fail before the box sees the request or after it answered. */
function boxFetch(): typeof fetch {
  return async (input, init) => {
    requests++;
    const fault = faults.shift() ?? 'ok';
    if (fault === 'down') throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    if (staffCookie) headers.set('cookie', staffCookie);
    const res = await h.app.request(String(input), { ...init, headers });
    if (fault === 'lost-answer') throw new TypeError('network connection lost');
    return res;
  };
}

beforeEach(async () => {
  h = await startHarness();
  db = new Dexie(`outbox-${uuidv7()}`) as TabletDb;
  declareVersions(db);
  faults = [];
  requests = 0;
  staffCookie = undefined;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
  await h.close();
});

const jpeg = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])], { type: 'image/jpeg' });

/** What a tablet queues for one villager: registration, draft, a photo, the submission. */
function villager(person: RegisterPerson = people.baLan, scores: Record<string, number> = {}): OutboxItemInput[] {
  const registration = newcomer(person);
  return [...registration, ...assessment(registration[0]!.personId, scores)];
}

function newcomer(person: RegisterPerson): OutboxItemInput[] {
  const personId = build.id();
  return [{ kind: 'person', personId, recordId: personId, body: person }];
}

/** A draft, a photo and the submission of a self-assessment. */
function assessment(personId: string, scores: Record<string, number> = {}): OutboxItemInput[] {
  const assessmentId = build.id();
  return [
    {
      kind: 'assessment',
      personId,
      recordId: assessmentId,
      body: build.assessment(personId, { status: 'draft', scores }),
    },
    { kind: 'photo', personId, recordId: build.id(), assessmentId, indicatorId: 'CS03', blob: jpeg() },
    { kind: 'assessment', personId, recordId: assessmentId, body: build.assessment(personId, { scores }) },
  ];
}

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
    faults = ['down'];
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
    faults = ['ok', 'lost-answer', 'lost-answer', 'ok', 'lost-answer'];
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
    faults = ['down'];
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
    staffCookie = (await staffSessions(h)).facilitator;
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
    faults = Array.from({ length: 400 }, () => {
      const r = random();
      return r < 0.2 ? 'down' : r < 0.4 ? 'lost-answer' : 'ok';
    });
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

describe('a household through the tablet outbox', () => {
  /**
   * What tablets queue when three adults register (each in her own session, with its own token), then
   * the head registers her household, links the two others, answers the facts and her self-assessment.
   */
  function household(): { token: string; items: OutboxItemInput[] }[] {
    const adult = (name: string, birthYear: number, code: string) => ({
      id: build.id(),
      body: {
        name,
        birthYear,
        village: 'Thôn Khe Ngang',
        code,
        consents: { assessment: true, publicList: true, statistics: true },
      },
    });
    const [head, wife, son] = [
      adult('Hoàng Văn Páo', 1970, 'HPAX72'),
      adult('Lò Thị Sợi', 1973, 'SQXT73'),
      adult('Hoàng Văn Sình', 1996, 'HSNV96'),
    ];
    const householdId = build.id();
    const assessmentId = build.id();
    const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
    const assessment = (status: 'draft' | 'submitted', answers: Record<string, number>) => ({
      title: 'gdht' as const,
      subjectId: householdId,
      criteriaSetId: 'gdht-2025',
      criteriaSetVersion: '2025.1',
      status,
      answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
    });
    const registration = (p: typeof head): OutboxItemInput => ({
      kind: 'person',
      personId: p.id,
      recordId: p.id,
      body: p.body,
    });
    return [
      { token: newVillagerToken(), items: [registration(wife)] },
      { token: newVillagerToken(), items: [registration(son)] },
      {
        token: newVillagerToken(),
        items: [
          registration(head),
          {
            kind: 'household',
            personId: head.id,
            recordId: householdId,
            body: { village: 'Thôn Khe Ngang', headCode: 'HPAX72', headBirthYear: 1970 },
          },
          {
            kind: 'household-member',
            personId: head.id,
            recordId: build.id(),
            householdId,
            body: { code: 'SQXT73', birthYear: 1973 },
          },
          {
            kind: 'household-member',
            personId: head.id,
            recordId: build.id(),
            householdId,
            body: { code: 'HSNV96', birthYear: 1996 },
          },
          {
            kind: 'household-facts',
            personId: head.id,
            recordId: householdId,
            year: 2026,
            body: { schoolAgeChildren: 2, allChildrenInSchool: true },
          },
          {
            kind: 'model-assessment',
            personId: head.id,
            recordId: assessmentId,
            body: assessment('draft', { 'G1.2': 10 }),
          },
          {
            kind: 'model-assessment',
            personId: head.id,
            recordId: assessmentId,
            body: assessment('submitted', declared),
          },
        ],
      },
    ];
  }

  const enqueueAll = async (sessions: { token: string; items: OutboxItemInput[] }[]) => {
    for (const { token, items } of sessions) await enqueue(db, items, token);
  };

  it('reaches the box exactly once in order, though answers are lost and the box is down between sends', async () => {
    await enqueueAll(household());
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    faults = [
      'ok',
      'lost-answer',
      'down',
      'ok',
      'lost-answer',
      'ok',
      'lost-answer',
      'lost-answer',
      'ok',
      'down',
      'lost-answer',
    ];
    while ((await sender.flush()) === 'unreachable');
    expect(await db.outbox.count()).toBe(0);
    const counts = await h.counts();
    expect(counts).toMatchObject({
      person: 3,
      household: 1,
      household_member: 3,
      household_facts: 1,
      assessment: 1,
      assessment_item: 8,
    });
    const members = await h.db
      .selectFrom('household_member')
      .innerJoin('person', 'person.id', 'household_member.person_id')
      .select(['person.name', 'household_member.role', 'household_member.left_at'])
      .orderBy('household_member.id')
      .execute();
    expect(members).toEqual([
      { name: 'Hoàng Văn Páo', role: 'head', left_at: null },
      { name: 'Lò Thị Sợi', role: 'member', left_at: null },
      { name: 'Hoàng Văn Sình', role: 'member', left_at: null },
    ]);
    expect(await h.db.selectFrom('assessment').select(['subject_kind', 'title', 'status']).execute()).toEqual([
      { subject_kind: 'household', title: 'gdht', status: 'submitted' },
    ]);
  });

  it('a link the box refuses (a code nobody has) is set aside with its reason and the rest still goes', async () => {
    const sessions = household();
    const link = sessions[2]!.items.find((i) => i.kind === 'household-member')!;
    (link as { body: { code: string } }).body.code = 'ZZZZZZ';
    await enqueueAll(sessions);
    const sender = new OutboxSender(db, fetchTransport(boxFetch()));
    expect(await sender.flush()).toBe('done');
    const refused = await db.outbox.where('state').equals('refused').toArray();
    expect(refused.map((r) => [r.kind, r.refusal?.code])).toEqual([['household-member', 'person.not-found']]);
    expect(await h.counts()).toMatchObject({ household: 1, household_member: 2, assessment: 1 });
  });
});

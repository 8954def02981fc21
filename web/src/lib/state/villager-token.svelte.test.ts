import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import cdht2022 from '../../../../kiosk-config/criteria/cdht-2022.json';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import type { PersonView } from '../../../../shared/schemas/person.ts';
import { db } from '../../db/db.ts';
import { Flow } from './flow.svelte.ts';
import { IdleWatcher } from './idle.svelte.ts';

/**
 * The villager session's token on the tablet (issue 20): made when her session starts, kept in the
 * session record, sent on every request about her and stored on every outbox item, and gone from
 * the session table once the session ends. The box here is a fake that records what it was sent.
 */
interface Seen {
  method: string;
  path: string;
  token: string | null;
}
let seen: Seen[];
let boxUp: boolean;
let expiredReads: boolean;
const realFetch = globalThis.fetch;
const documentBefore = globalThis.document;

const lan: PersonView = {
  id: '0190a000-0000-7000-8000-000000000001',
  code: 'HPAX72',
  name: 'Nguyễn Thị Lan',
  birthYear: 1954,
  village: 'Thôn Đồng Chằm',
  phone: null,
  consents: [],
  revision: 1,
};
const registration = {
  name: lan.name,
  birthYear: 1954,
  village: lan.village,
  consents: { assessment: true, publicList: true, statistics: false },
};
const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

beforeEach(async () => {
  seen = [];
  boxUp = true;
  expiredReads = false;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!boxUp) throw new TypeError('Failed to fetch');
    const url = new URL(String(input), 'http://box');
    const method = init?.method ?? 'GET';
    seen.push({ method, path: url.pathname, token: new Headers(init?.headers).get('x-villager-token') });
    if (url.pathname.startsWith('/api/people/by-code/')) return answer(200, lan);
    if (method === 'GET' && expiredReads)
      return answer(401, { code: 'villager.token-required', message: 'Phiên làm việc đã hết.' });
    if (url.pathname.endsWith('/assessments/current')) return answer(200, { assessment: null });
    if (url.pathname.endsWith('/household')) return answer(200, { household: null });
    return answer(200, {});
  }) as typeof fetch;
  // The idle watcher listens for touches on the document: an event target stands in for it.
  (globalThis as { document?: unknown }).document = new EventTarget();
  await db.open();
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(() => {
  globalThis.fetch = realFetch;
  (globalThis as { document?: unknown }).document = documentBefore;
});

function flowWithInfo(): Flow {
  const flow = new Flow();
  flow.info = {
    year: 2026,
    criteriaSet: cdht2022 as unknown as CriteriaSet,
    photo: { longSide: 1280, maxBytes: 5_000_000 },
  } as KioskInfo;
  return flow;
}

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

async function returning(flow: Flow): Promise<void> {
  await flow.go('find');
  await flow.findByCode(lan.code, lan.birthYear);
  await flow.confirmFound();
}

describe('the villager token on the tablet', () => {
  it('is made at a new registration, kept in the session record, and stored on every outbox item', async () => {
    const flow = flowWithInfo();
    await flow.go('register');
    expect(flow.session.token).toBeUndefined();
    boxUp = false;
    await flow.register(registration);
    const token = flow.session.token!;
    expect(token).toMatch(tokenShape);
    expect((await db.session.get('current'))?.token).toBe(token);
    await flow.assessment.chooseGroup('nhom-1');
    await flow.assessment.setScore('CS01', 9);
    await flow.assessment.submit();
    await flow.plan.start('assessment');
    await flow.plan.save([
      {
        resourceId: '0190a000-0000-7000-8000-0000000000aa',
        title: 'Đọc báo',
        kind: 'printed',
        dueOn: '2026-12-31',
        sessions: [],
      },
    ]);
    const items = await db.outbox.toArray();
    expect(items.map((i) => i.kind)).toEqual(['person', 'assessment', 'learning-plan']);
    expect(items.every((i) => i.token === token)).toBe(true);

    await flow.endSession();
    expect(flow.session.token).toBeUndefined();
    expect(await db.session.get('current')).toBeUndefined();
    // The outbox rows outlive the session with what the box needs to take them later.
    expect((await db.outbox.toArray()).every((i) => i.token === token)).toBe(true);
    boxUp = true;
    await flow.sync.kick();
    expect(await db.outbox.count()).toBe(0);
    expect(seen.filter((s) => s.method === 'PUT').map((s) => s.token)).toEqual([token, token, token]);
  });

  it('is made anew for each code look-up, and the one that found her stays with her session (a reload too)', async () => {
    const flow = flowWithInfo();
    await flow.go('find');
    await flow.findByCode(lan.code, lan.birthYear);
    await flow.findByCode(lan.code, lan.birthYear);
    const [first, second] = seen.filter((s) => s.path.startsWith('/api/people/by-code/')).map((s) => s.token);
    expect(first).toMatch(tokenShape);
    expect(second).toMatch(tokenShape);
    expect(second).not.toBe(first);
    await flow.confirmFound();
    expect(flow.session.token).toBe(second);
    expect(seen.find((s) => s.path.endsWith('/assessments/current'))?.token).toBe(second);

    const reloaded = new Flow();
    await reloaded.start();
    expect(reloaded.session.token).toBe(second);
    await reloaded.household.open();
    expect(seen.find((s) => s.path.endsWith('/household'))?.token).toBe(second);
  });

  it("a facilitator's assisted session binds a token too, by her code and year, before reading her record", async () => {
    const flow = flowWithInfo();
    flow.found = lan;
    await flow.confirmFound({ id: 'staff-1', name: 'Chị Hoa' });
    const token = flow.session.token!;
    expect(token).toMatch(tokenShape);
    expect(seen.map((s) => [s.path, s.token])).toEqual([
      [`/api/people/by-code/${lan.code}`, token],
      [`/api/people/${lan.id}/assessments/current`, token],
    ]);
  });

  it('leaves the session table when the idle countdown ends the session', async () => {
    const flow = flowWithInfo();
    await returning(flow);
    expect((await db.session.get('current'))?.token).toMatch(tokenShape);
    const idle = new IdleWatcher(
      () => 0,
      () => 1,
      () => void flow.endSession(),
    );
    idle.start();
    for (let i = 0; i < 40 && (await db.session.get('current')) !== undefined; i++)
      await new Promise((r) => setTimeout(r, 100));
    idle.stop();
    expect(await db.session.get('current')).toBeUndefined();
    expect(flow.session.token).toBeUndefined();
    expect(flow.session.person).toBeNull();
  });

  it('a read refused because the token expired brings her back to the code screen with the message', async () => {
    const flow = flowWithInfo();
    await returning(flow);
    expiredReads = true;
    await flow.household.open();
    expect(flow.session.screen).toBe('find');
    expect(flow.error).toBe('villager.token-required');
    expect(flow.session.person).toBeNull();
    expect(flow.session.token).toBeUndefined();
    expect((await db.session.get('current'))?.token).toBeUndefined();
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cdht2022 from '../../../../kiosk-config/criteria/cdht-2022.json';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { KioskInfo } from '../../../../shared/schemas/kiosk-info.ts';
import { databaseName, db } from '../../db/db.ts';
import { sessionOnTablet } from '../../db/saved-session.ts';
import { api, ApiError } from '../api.ts';
import { Flow } from './flow.svelte.ts';

/**
 * The app's start (issue 27): with no session saved on the tablet, the welcome screen does not wait
 * for the database's code; with one, the database is read before any screen, so someone whose
 * session is under way is never shown the welcome screen first. Whether one is saved is read from
 * Dexie's own record (db/saved-session.ts), so it cannot disagree with it.
 */
const info = {
  year: 2026,
  center: { id: 'c1', name: 'TTHTCĐ xã Đồng Tâm', commune: 'Đồng Tâm', province: 'Hà Nội', demo: false, villages: [] },
  criteriaSet: cdht2022 as unknown as CriteriaSet,
  photo: { longSide: 1280, maxBytes: 5_000_000 },
  session: { idleSeconds: 180, warningSeconds: 30 },
} as unknown as KioskInfo;

let boxUp: boolean;
const realFetch = globalThis.fetch;

beforeEach(async () => {
  boxUp = true;
  vi.spyOn(api, 'kiosk').mockImplementation(async () => {
    if (!boxUp) throw new ApiError('network', 'Failed to fetch');
    return info;
  });
  // The outbox's sender: nothing is sent in these tests.
  globalThis.fetch = (async () => {
    throw new TypeError('Failed to fetch');
  }) as typeof fetch;
  db.close({ disableAutoOpen: false });
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(databaseName);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  globalThis.fetch = realFetch;
});

const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe('a saved session, read without the database code', () => {
  it('is none on a new tablet, and reading it creates no database', async () => {
    expect(await sessionOnTablet()).toBe(false);
    expect(await databases()).not.toContain(databaseName);
    // Dexie still creates its database with its own versions afterwards.
    await db.open();
    expect(db.verno).toBe(7);
    expect(await sessionOnTablet()).toBe(false);
  });

  it("follows Dexie's record: there once a step is saved, gone when the session ends", async () => {
    const flow = new Flow();
    flow.info = info;
    await flow.go('register');
    expect(await sessionOnTablet()).toBe(true);
    await flow.endSession();
    expect(await sessionOnTablet()).toBe(false);
    // Settings changed on the welcome screen are part of a session too.
    await flow.preferences.setTextScale(1.5);
    expect(await sessionOnTablet()).toBe(true);
  });
});

describe("the app's start", () => {
  it('with no session, answers with the welcome screen as soon as the box does, and keeps its answer after', async () => {
    const flow = new Flow();
    await flow.start();
    expect(flow.info).toEqual(info);
    expect(flow.session.screen).toBe('welcome');
    expect(flow.occupied).toBe(false);
    await flow.settled;
    expect((await db.kiosk.get('info'))?.info).toEqual(info);
    // So the next start with the box away still has it.
    boxUp = false;
    const offline = new Flow();
    await offline.start();
    expect(offline.info).toEqual(info);
  });

  it('with a session under way, answers only once it is back: never the welcome screen first', async () => {
    const first = new Flow();
    first.info = info;
    await first.go('find');
    await first.preferences.setTextScale(2);
    for (const box of [true, false]) {
      boxUp = box;
      const again = new Flow();
      await again.start();
      expect(again.session.screen).toBe('find');
      expect(again.session.textScale).toBe(2);
    }
  });

  it('with a saved record an older version left that no longer fits, starts on the welcome screen', async () => {
    await db.open();
    await db.session.put({ key: 'current', screen: 'no-such-screen' } as never);
    expect(await sessionOnTablet()).toBe(true);
    const flow = new Flow();
    await flow.start();
    expect(flow.session.screen).toBe('welcome');
    expect(flow.info).toEqual(info);
  });

  it('shows a setting tapped on the welcome screen at once, before the database can keep it, then keeps it', async () => {
    const flow = new Flow();
    await flow.start();
    // The database's code still loading: nothing can be saved yet.
    let loaded!: () => void;
    void flow.serial(() => new Promise<void>((r) => (loaded = r)));
    const kept = flow.preferences.setTextScale(2);
    const others = flow.preferences.set({ lang: 'en', simple: true });
    expect(flow.session.textScale).toBe(2);
    expect(flow.session.lang).toBe('en');
    expect(flow.session.simple).toBe(true);
    expect(await sessionOnTablet()).toBe(false);
    loaded();
    await Promise.all([kept, others]);
    const again = new Flow();
    await again.start();
    expect([again.session.textScale, again.session.lang, again.session.simple]).toEqual([2, 'en', true]);
  });
});

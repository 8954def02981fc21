import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readTabletDb } from './kiosk.ts';

/**
 * Everything the browser keeps for the page's origin, one line per place: each object store of each
 * IndexedDB database (keys and values, blobs as their size), each Web Storage entry, and each Cache
 * Storage entry (its URL and headers; the body too when it is something the box answered under /api,
 * since the app's own files are the same for everyone).
 */
export function storedOnTablet(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const text = (value: unknown) =>
      JSON.stringify(value, (_k, v: unknown) => {
        if (v instanceof Blob) return `[blob of ${v.size} bytes]`;
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return `[${v.byteLength} bytes]`;
        return v;
      });
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((done, fail) => {
        r.onsuccess = () => done(r.result);
        r.onerror = () => fail(r.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const idb = await request(indexedDB.open(name));
      try {
        for (const store of [...idb.objectStoreNames]) {
          const tx = idb.transaction(store, 'readonly');
          const [keys, values] = await Promise.all([
            request(tx.objectStore(store).getAllKeys()),
            request(tx.objectStore(store).getAll()),
          ]);
          out.push(`IndexedDB ${name}/${store}: ${text({ keys, values })}`);
        }
      } finally {
        idb.close();
      }
    }
    for (const [kind, storage] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ] as const) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i) ?? '';
        out.push(`${kind} ${key}: ${storage.getItem(key)}`);
      }
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        const body = res && new URL(req.url).pathname.startsWith('/api/') ? await res.text() : '';
        out.push(`Cache Storage ${cacheName} ${req.url} ${text([...(res?.headers ?? [])])}: ${body}`);
      }
    }
    return out;
  });
}

/** A value matched only where it stands alone (not inside a longer word, number or id). */
export function alone(value: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'u');
}

/** Where each of `needles` (named) is found in what the tablet keeps. */
export async function tracesOn(page: Page, needles: Record<string, string | RegExp>): Promise<string[]> {
  const found: string[] = [];
  for (const place of await storedOnTablet(page)) {
    for (const [what, needle] of Object.entries(needles)) {
      const at = typeof needle === 'string' ? place.indexOf(needle) : place.search(needle);
      if (at >= 0)
        found.push(`${what} in ${place.slice(0, place.indexOf(':'))} …${place.slice(Math.max(0, at - 60), at + 60)}…`);
    }
  }
  return found;
}

/**
 * The ids the open session holds (the person's, her assessment's, her token, a self-check's, a plan's,
 * her household's), read before it ends: none may be left anywhere after it.
 */
export async function sessionIds(page: Page): Promise<Record<string, string>> {
  const session = (await readTabletDb(page)).session?.[0] as Record<string, unknown> | undefined;
  const ids: Record<string, unknown> = {
    'person id': session?.personId,
    'assessment id': session?.assessmentId,
    'villager token': session?.token,
    'self-check id': (session?.digital as { attemptId?: string } | undefined)?.attemptId,
    'plan id': (session?.plan as { planId?: string } | undefined)?.planId,
    'household assessment id': (session?.household as { assessmentId?: string } | undefined)?.assessmentId,
    'household id': (session?.household as { view?: { id?: string } | null } | undefined)?.view?.id,
  };
  return Object.fromEntries(Object.entries(ids).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Waits until the outbox has given everything to the box (it is up), then expects nothing of the
 * person anywhere the browser keeps data: no photo, queued change or paused self-check, and no
 * session but a blank one on the welcome screen (what the next person starts from).
 */
export async function expectNothingLeft(page: Page, needles: Record<string, string | RegExp>): Promise<void> {
  await expect.poll(async () => (await readTabletDb(page)).outbox, { timeout: 60_000, interval: 250 }).toEqual([]);
  expect(await tracesOn(page, needles)).toEqual([]);
  const tablet = await readTabletDb(page);
  expect({ photos: tablet.photos, outbox: tablet.outbox, digitalDrafts: tablet.digitalDrafts ?? [] }).toEqual({
    photos: [],
    outbox: [],
    digitalDrafts: [],
  });
  for (const session of tablet.session ?? []) {
    expect(session).toEqual({
      key: 'current',
      screen: 'welcome',
      indicatorIndex: 0,
      personId: expect.any(String),
      assessmentId: expect.any(String),
      person: null,
      group: null,
      answers: {},
      submitted: false,
    });
  }
}

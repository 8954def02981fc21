import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { staff } from '../fixtures/staff.ts';
import {
  launchBrowser,
  setupCodeOf,
  startKiosk,
  type KioskOptions,
  type RunningKiosk,
} from '../support/kiosk-process.ts';

export {
  chromiumPath,
  freePort,
  launchBrowser,
  setupCodeOf,
  startKiosk,
  tabletContext,
  type KioskOptions,
  type RunningKiosk,
} from '../support/kiosk-process.ts';

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * The session record the tablet keeps (Dexie's `session` store, key 'current'), read without
 * creating the database when the app has not made it yet (null then, or when nothing is saved).
 * A setting is shown at once and kept a moment later: a test that reloads the page waits for this.
 */
export function savedSession(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown> | null>((resolve, reject) => {
        const open = indexedDB.open('hoctap-kiosk');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = (event) => {
          event.preventDefault();
          resolve(null);
        };
        open.onsuccess = () => {
          const idb = open.result;
          idb.onversionchange = () => idb.close();
          if (!idb.objectStoreNames.contains('session')) {
            idb.close();
            resolve(null);
            return;
          }
          const req = idb.transaction('session', 'readonly').objectStore('session').get('current');
          req.onsuccess = () => {
            idb.close();
            resolve((req.result as Record<string, unknown> | undefined) ?? null);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Everything in the tablet's IndexedDB, read directly (blobs as their size), for privacy checks. */
export function readTabletDb(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolveDump, reject) => {
        const open = indexedDB.open('hoctap-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          const out: Record<string, unknown[]> = {};
          if (names.length === 0) {
            idb.close();
            resolveDump(out);
            return;
          }
          const tx = idb.transaction(names, 'readonly');
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              out[name] = req.result.map((row: unknown) =>
                JSON.parse(JSON.stringify(row, (_k, v: unknown) => (v instanceof Blob ? { blobBytes: v.size } : v))),
              );
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolveDump(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Waits until the service worker is active, so the next load of the page works with the box off. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) throw new Error('no active service worker');
  });
}

/**
 * One kiosk and one browser shared by the tests of a file: started before them, stopped after.
 * Read `kiosk` and `browser` inside tests (they exist once the file's setup has run).
 */
export function kioskAndBrowser(options?: KioskOptions): { readonly kiosk: RunningKiosk; readonly browser: Browser } {
  const running = {} as { kiosk: RunningKiosk; browser: Browser };
  beforeAll(async () => {
    running.kiosk = await startKiosk(options);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.kiosk?.stop();
  });
  return running;
}

/** Creates a box's first administrator in the browser (the staff page's first-start form, with the code the box printed). */
export async function firstAdmin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Mã cài đặt').fill(setupCodeOf(url) ?? '');
  await page.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
  await page.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByRole('heading', { name: new RegExp(staff.chiHoa.name) }).waitFor();
}

/** Creates a box's first administrator through the API and answers a client with that session. */
export async function adminApi(url: string) {
  const who = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: staff.chiHoa.name, pin: staff.chiHoa.pin }),
  };
  // The first administrator on a fresh box (with the code it printed); on a box already set up, she signs in.
  const code = setupCodeOf(url);
  let setup = code
    ? await fetch(`${url}/api/staff/setup`, {
        ...who,
        body: JSON.stringify({ name: staff.chiHoa.name, pin: staff.chiHoa.pin, setupCode: code }),
      })
    : null;
  if (setup?.status !== 200) setup = await fetch(`${url}/api/staff/sign-in`, who);
  expect(setup.status).toBe(200);
  const cookie = setup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  // A JSON body, or raw bytes (a file) sent as they are.
  return async (method: string, path: string, body?: unknown) => {
    const raw = body instanceof Uint8Array;
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
      },
      body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { code?: string } };
  };
}

import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForServiceWorker, type RunningKiosk } from './kiosk.ts';

/** What the offline walks (offline*.test.ts) share: the box's counts, a bounded wait, a primed tablet. */

/** Counts on the box, read from its SQLite file as an administrator would. */
export function boxCounts(kiosk: RunningKiosk): {
  person: number;
  assessment: number;
  submitted: number;
  evidence: number;
  outbox: number;
} {
  const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      person: one('select count(*) n from person'),
      assessment: one('select count(*) n from assessment'),
      submitted: one("select count(*) n from assessment where status = 'submitted'"),
      evidence: one('select count(*) n from evidence'),
      outbox: one('select count(*) n from outbox'),
    };
  } finally {
    db.close();
  }
}

export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  return last;
}

/** Opens the app once with the box up, so the service worker and the kiosk info are on the tablet. */
export async function primeTablet(page: Page, kiosk: RunningKiosk) {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
  await waitForServiceWorker(page);
}

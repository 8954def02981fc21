import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** What villager-way.test.ts's tests share: a phone, where a screen opens, and a look into the box's database. */

const phone = { width: 390, height: 844 };

export function phoneContext(browser: Browser): Promise<BrowserContext> {
  // Without the service worker, as tabletContext: nothing here is about working with the box off.
  return browser.newContext({
    viewport: phone,
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    hasTouch: true,
    serviceWorkers: 'block',
  });
}

/** The screen opened at its top, with the focus on `heading` (and the heading in sight). */
export async function expectOpenedAtTop(page: Page, heading: Locator, what: string): Promise<void> {
  await heading.waitFor();
  await expect
    .poll(() => heading.evaluate((el) => el === document.activeElement), { message: `${what}: focus on its heading` })
    .toBe(true);
  expect(await page.evaluate(() => window.scrollY), `${what}: scrolled`).toBe(0);
  const at = (await heading.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(at.y, `${what}: heading in sight`).toBeGreaterThanOrEqual(0);
  expect(at.y + Math.min(at.height, 40), `${what}: heading in sight`).toBeLessThanOrEqual(height);
}

export const indicatorHeading = (page: Page, id: string) => page.locator(`section[data-indicator="${id}"] h1`);
export const scrolledDown = (page: Page) => page.evaluate(() => window.scrollY > 0);

/** One row of the box's database (read only, as the test sees what the box stored). */
export function rowAt<T>(dataDir: string, sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

/** The status of the self-assessment of the person called `name`, as the box holds it. */
export const assessmentStatus = (dataDir: string, name: string): string | undefined =>
  rowAt<{ status: string }>(
    dataDir,
    "select a.status from assessment a join person p on p.id = a.subject_id where a.subject_kind = 'person' and p.name = ?",
    name,
  )?.status;

/** Whether the element at the centre of `target` is inside `target`'s dialog: what she sees and touches there is it. */
export const onTop = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => {
    const at = el.getBoundingClientRect();
    const hit = document.elementFromPoint(at.x + at.width / 2, at.y + at.height / 2);
    return hit !== null && el.closest('dialog')!.contains(hit);
  });

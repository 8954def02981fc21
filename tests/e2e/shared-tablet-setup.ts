import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { tabletContext, waitForServiceWorker, watchErrors, type RunningKiosk } from './kiosk.ts';
import { alone } from './tablet-traces.ts';
import { addPhoto, answer, indicatorIds, next } from './villager.ts';

/** What the shared-tablet walks (shared-tablet*.test.ts) share: a villager's steps, what must not stay of her, the box's rows. */

/** The idle box's timeout: long enough that no step of a test runs into it, reached by moving the tablet's clock on. */
export const IDLE_SECONDS = 60;
export const WARNING_SECONDS = 5;

export interface Villager {
  name: string;
  birthYear: string;
  phone: string;
  village: string;
  code?: string;
}
/** A note on one of her answers, found nowhere once she has gone. */
export const note = 'Tôi đọc báo cho cả xóm nghe mỗi tối thứ bảy';

/** What must not stay of her: name, code, birth year, phone (without its 0, so +84 forms count too), answers and the session's ids. */
export function traitsOf(v: Villager, ids: Record<string, string> = {}): Record<string, string | RegExp> {
  return {
    name: v.name,
    'birth year': alone(v.birthYear),
    phone: v.phone.slice(1),
    note,
    ...(v.code ? { code: alone(v.code) } : {}),
    ...ids,
  };
}

export async function opened(
  browser: Browser,
  url: string,
  clock = false,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await tabletContext(browser, { serviceWorker: true });
  // The idle tests move the tablet's clock on instead of waiting (its time otherwise flows as usual).
  if (clock) await context.clock.install();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
  // The service worker and its caches are in play, as on a tablet in use.
  await waitForServiceWorker(page);
  return { context, page, errors };
}

export const newPerson = (page: Page) => page.getByRole('button', { name: /Tôi là người mới/ });
export const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

/** Types her name, birth year and phone and picks her village, without registering. */
export async function typeForm(page: Page, v: Villager): Promise<void> {
  await newPerson(page).click();
  await page.getByLabel('Họ và tên', { exact: true }).fill(v.name);
  await page.getByLabel('Năm sinh', { exact: true }).fill(v.birthYear);
  await page.getByLabel(/Số điện thoại/).fill(v.phone);
  await page.getByRole('button', { name: v.village }).click();
  await page.getByRole('button', { name: v.village, pressed: true }).waitFor();
}

export async function expectEmptyForm(page: Page): Promise<void> {
  await newPerson(page).click();
  for (const field of [
    page.getByLabel('Họ và tên', { exact: true }),
    page.getByLabel('Năm sinh', { exact: true }),
    page.getByLabel(/Số điện thoại/),
  ])
    expect(await field.inputValue()).toBe('');
  expect(await page.locator('button.chip[aria-pressed="true"]').count()).toBe(0);
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await newPerson(page).waitFor();
}

/** Registers her (with her phone) and keeps the code the tablet gave her. */
export async function registerFully(page: Page, v: Villager): Promise<void> {
  await typeForm(page, v);
  await page.locator('input[name="consent-assessment"]').check();
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await heading(page, 'Bác làm công việc gì?').waitFor();
  v.code = (await page.getByTestId('session-code').textContent())!.trim();
}

/** She comes back with her slip: code and birth year. */
export async function comeBack(page: Page, v: Villager): Promise<void> {
  await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
  await page.getByLabel(/Mã trên phiếu/).fill(v.code!);
  await page.getByLabel('Năm sinh', { exact: true }).fill(v.birthYear);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('button', { name: 'Đúng, là tôi' }).click();
  await page.getByTestId('session-code').waitFor();
}

/** The first indicator answered with the note and a photo, the rest up to `upTo` (excluded) with 8 (CS05 low, for a plan). */
export async function answerUpTo(page: Page, upTo: string): Promise<void> {
  await page.locator('button[data-group="cu-dan"]').click();
  for (const id of indicatorIds.slice(0, indicatorIds.indexOf(upTo))) {
    await answer(page, id, id === 'CS05' ? 3 : 8);
    if (id === 'CS01') {
      await page.locator('section[data-indicator="CS01"] textarea').fill(note);
      await page.locator('section[data-indicator="CS01"] textarea').blur();
      await addPhoto(page, 'CS01');
    }
    await next(page);
  }
  await page.locator(`section[data-indicator="${upTo}"]`).waitFor();
}

/** Left alone: the prompt after the idle time, its countdown, and the welcome screen for the next person (the tablet's clock moved on). */
export async function leftAlone(page: Page): Promise<void> {
  await page.clock.fastForward(IDLE_SECONDS * 1000);
  await page.getByRole('alertdialog').waitFor({ timeout: 30_000 });
  await page.clock.fastForward((WARNING_SECONDS + 1) * 1000);
  await page.getByRole('alertdialog').waitFor({ state: 'detached', timeout: 30_000 });
  await newPerson(page).waitFor();
  expect(await page.getByTestId('session-bar').count()).toBe(0);
}

/** "Để người khác dùng máy", asked once and answered yes. */
export async function handOver(page: Page): Promise<void> {
  await page.getByTestId('hand-over').click();
  const dialog = page.getByRole('dialog', { name: 'Bác muốn để người khác dùng máy?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Đúng, để người khác dùng' }).click();
  await newPerson(page).waitFor();
  expect(await dialog.isVisible()).toBe(false);
}

/** The box's rows of her assessment, read from its SQLite file. */
export function atBox(kiosk: RunningKiosk, personName: string) {
  const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const person = db.prepare('select id from person where name = ?').get(personName) as { id: string } | undefined;
    const assessment = db
      .prepare("select id, status from assessment where subject_id = ? and title = 'cdht'")
      .get(person?.id) as { id: string; status: string } | undefined;
    const count = (sql: string) => (db.prepare(sql).get(assessment?.id) as { n: number }).n;
    return {
      status: assessment?.status,
      answers: count('select count(*) n from assessment_item where assessment_id = ?'),
      photos: count('select count(*) n from evidence where assessment_id = ?'),
    };
  } finally {
    db.close();
  }
}

/** Presses Tab until `target` has the focus, and checks the focus ring shows there. */
export async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect(
        await target.evaluate((el) => el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none'),
      ).toBe(true);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

export const gdhtItems = (
  JSON.parse(readFileSync(new URL('../../kiosk-config/criteria/gdht-2025.json', import.meta.url), 'utf8')) as {
    criteria: { items: { id: string; source: string; points: number }[] }[];
  }
).criteria.flatMap((c) => c.items);

/** Through the household's items (each declared one given its full points), to the review or up to `stopAt` (scored, not left). */
export async function throughHouseholdItems(page: Page, stopAt?: string): Promise<void> {
  for (const item of gdhtItems) {
    const screen = page.locator(`section[data-item="${item.id}"]`);
    await screen.waitFor();
    if (item.source === 'declared') {
      await screen.locator(`button.score[data-score="${item.points}"]`).click();
      await screen.locator(`button.score[data-score="${item.points}"][aria-pressed="true"]`).waitFor();
    }
    if (item.id === stopAt) return;
    await page.getByTestId('household-next').click();
  }
}

/** From wherever the self-check is, to its last item and "Nộp bài". */
export async function finishDigital(page: Page): Promise<void> {
  await page.getByTestId('digital-progress').waitFor();
  // "Câu {n} trên {total}"
  const where = async () =>
    ((await page.getByTestId('digital-progress').textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
  for (let [n, total] = await where(); n < total; n++) {
    await page.getByRole('button', { name: 'Câu tiếp', exact: true }).click();
    await expect.poll(async () => (await where())[0]).toBe(n + 1);
  }
  await page.getByRole('button', { name: 'Nộp bài', exact: true }).click();
  // Items left blank: she is asked first, and hands it in as it is.
  await page.getByTestId('confirm-finish').getByRole('button', { name: 'Nộp bài luôn' }).click();
}

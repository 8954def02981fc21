import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { AccessibilityReport } from './axe.ts';
import { launchBrowser, startKiosk, type RunningKiosk } from './kiosk.ts';
import {
  answerUpTo,
  atBox,
  comeBack,
  expectEmptyForm,
  handOver,
  heading,
  newPerson,
  opened,
  registerFully,
  tabTo,
  traitsOf,
  typeForm,
  type Villager,
} from './shared-tablet-setup.ts';
import { expectNothingLeft, sessionIds } from './tablet-traces.ts';
import { answer, next, submit } from './villager.ts';

/**
 * A shared tablet keeps nothing for the next person (issue 21). Every way a villager's session ends
 * (her "Xong", the idle timeout on each screen, "Để người khác dùng máy", leaving a half-typed form,
 * pausing the digital-skills check) is run (the idle timeout on each screen in shared-tablet-idle.test.ts), and then everything the browser keeps (every IndexedDB
 * database and object store, Web Storage, Cache Storage) is searched for her name, code, birth year,
 * phone and answers, once the outbox has handed what she did to the box: none may be found.
 */

let box: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [box, browser] = await Promise.all([startKiosk(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await box?.stop();
});

describe('a half-typed registration form', () => {
  it('is gone from the tablet once she leaves it, by "Quay lại" or "Để người khác dùng máy": the next person finds it empty', async () => {
    const { context, page, errors } = await opened(browser, box.url);
    const lan: Villager = { name: 'Vàng Thị Lanh', birthYear: '1951', phone: '0987123456', village: 'Thôn Khe Ngang' };
    await typeForm(page, lan);
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await newPerson(page).waitFor();
    await expectNothingLeft(page, traitsOf(lan));
    // Nothing of hers is left, so nothing asks to be handed over on the welcome screen.
    expect(await page.getByTestId('hand-over').count()).toBe(0);
    await expectEmptyForm(page);

    await typeForm(page, lan);
    await handOver(page);
    await expectNothingLeft(page, traitsOf(lan));
    await expectEmptyForm(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the end of a session at a box that is up', () => {
  it('"Xong" on her slip: her answers, note and photo reach the box, and nothing of her stays', async () => {
    const { context, page, errors } = await opened(browser, box.url);
    const hoa: Villager = { name: 'Lù Thị Hoa', birthYear: '1949', phone: '0987000111', village: 'Thôn Đồng Chằm' };
    await registerFully(page, hoa);
    await answerUpTo(page, 'CS10');
    await answer(page, 'CS10', 8);
    await next(page);
    await submit(page);
    const ids = await sessionIds(page);
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy', exact: true }).click();
    await newPerson(page).waitFor();
    await expectNothingLeft(page, traitsOf(hoa, ids));
    expect(atBox(box, hoa.name)).toEqual({ status: 'submitted', answers: 10, photos: 1 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Để người khác dùng máy" asks once, works by keyboard at 200 % text and passes axe; mid-assessment it sends her draft to the box and clears the tablet', async () => {
    const { context, page, errors } = await opened(browser, box.url);
    const report = new AccessibilityReport();
    const tuan: Villager = { name: 'Sùng Văn Tuấn', birthYear: '1955', phone: '0987222333', village: 'Thôn Suối Mây' };
    await page.getByTestId('text-200').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('40px');
    await registerFully(page, tuan);
    await answerUpTo(page, 'CS03');
    const ids = await sessionIds(page);

    const button = page.getByTestId('hand-over');
    await tabTo(page, button);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Bác muốn để người khác dùng máy?' });
    await dialog.waitFor();
    // The safe answer has the focus; the question can be read aloud where the tablet has a voice.
    expect(
      await dialog
        .getByTestId('hand-over-cancel')
        .evaluate((el) => el === document.activeElement && el.matches(':focus-visible')),
    ).toBe(true);
    await report.villager(page, 'hand-over question at 200 % text');
    // Escape is "no": the question goes, she is where she was, the focus back on the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('section[data-indicator="CS03"]').waitFor();
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, dialog.getByTestId('hand-over-confirm'));
    await page.keyboard.press('Enter');
    await newPerson(page).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('');
    await expectNothingLeft(page, traitsOf(tuan, ids));
    expect(atBox(box, tuan.name)).toEqual({ status: 'draft', answers: 2, photos: 1 });
    report.assertClean();
    expect(errors).toEqual([]);
    await context.close();
  });
});

// Both cases need the paused check kept at the box (another part of issue 21, Flow's digital parts).
describe('the digital-skills check left part-way', () => {
  it('"Tạm dừng", then "Xong"; later "Để người khác dùng máy" mid-way: nothing of her or her answers stays on the tablet', async () => {
    const bank = (await (await fetch(`${box.url}/api/digital/bank`)).json()) as DigitalBank;
    expect(bank.items.slice(0, 2).map((i) => i.kind)).toEqual(['self-rating', 'self-rating']);
    const { context, page, errors } = await opened(browser, box.url);
    const pao: Villager = { name: 'Thào Văn Páo', birthYear: '1957', phone: '0987444555', village: 'Thôn Khe Ngang' };
    await registerFully(page, pao);
    await answerUpTo(page, 'CS10');
    await answer(page, 'CS10', 8);
    await next(page);
    await submit(page);
    await page.getByTestId('start-digital').click();
    await page.locator('section[data-testid="digital-item"] button[data-step="2"]').click();
    await page.locator('section[data-testid="digital-item"] button[data-step="2"][aria-pressed="true"]').waitFor();
    const ids = await sessionIds(page);
    await page.getByRole('button', { name: 'Tạm dừng, lần sau làm tiếp' }).click();
    await heading(page, 'Đã gửi bài tự đánh giá').waitFor();
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy', exact: true }).click();
    await newPerson(page).waitFor();
    await expectNothingLeft(page, traitsOf(pao, ids));

    // The box kept it: she takes it up where she stopped, answers one more and hands the tablet over.
    const item = (n: number) =>
      page.locator(`section[data-testid="digital-item"][data-item-id="${bank.items[n]!.id}"]`);
    await comeBack(page, pao);
    await page.getByTestId('start-digital').click();
    await item(0).locator('button[data-step="2"][aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: 'Câu tiếp', exact: true }).click();
    await item(1).locator('button[data-step="4"]').click();
    await item(1).locator('button[data-step="4"][aria-pressed="true"]').waitFor();
    await handOver(page);
    await expectNothingLeft(page, traitsOf(pao, ids));
    await comeBack(page, pao);
    await page.getByTestId('start-digital').click();
    await item(1).locator('button[data-step="4"][aria-pressed="true"]').waitFor();
    await handOver(page);
    await expectNothingLeft(page, traitsOf(pao, ids));
    expect(errors).toEqual([]);
    await context.close();
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { AccessibilityReport } from './axe.ts';
import { kioskAndBrowser, readTabletDb, savedSession, tabletContext, watchErrors } from './kiosk.ts';
import { answer, indicatorIds, next, register } from './villager.ts';
import {
  assessmentStatus,
  expectOpenedAtTop,
  indicatorHeading,
  onTop,
  phoneContext,
  rowAt,
  scrolledDown,
} from './villager-way-setup.ts';

/**
 * Issue 26, the villager's way through the tablet: every new screen opens at its top with the focus
 * on its heading (phone, and a landscape tablet at 200 % text); a resumed draft opens where she
 * stopped; sending what does not pass, or a check with blank items, asks first, and a check with no
 * answer is not offered for sending; the paused check is offered on the slip as "Làm tiếp … còn N câu".
 */

const box = kioskAndBrowser();
const boxRow = <T>(sql: string, ...params: unknown[]) => rowAt<T>(box.kiosk.dataDir, sql, ...params);

describe('each new screen opens at its top, with the focus on its heading', () => {
  it('on a phone (390 × 844): the group screen, "Tiếp theo" and "Gia đình tôi"', async () => {
    const context = await phoneContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await register(page, box.kiosk.url, 'Đinh Thị Hằng', '1960', 'Thôn Đồng Chằm');
    await page.locator('button[data-group="cu-dan"]').click();
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS01'), 'CS01 after the group');
    await answer(page, 'CS01', 8);
    await page.getByRole('button', { name: 'Tiếp theo' }).scrollIntoViewIfNeeded();
    expect(await scrolledDown(page)).toBe(true);
    await next(page);
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS02'), 'CS02 after "Tiếp theo"');
    await answer(page, 'CS02', 8);
    await page.getByRole('button', { name: 'Tiếp theo' }).scrollIntoViewIfNeeded();
    await next(page);
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS03'), 'CS03 after "Tiếp theo"');

    // Back, and into "Gia đình tôi" from the bottom of the group screen.
    for (const id of ['CS02', 'CS01']) {
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await expectOpenedAtTop(page, indicatorHeading(page, id), `${id} after "Quay lại"`);
    }
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expectOpenedAtTop(page, page.getByRole('heading', { name: 'Bác làm công việc gì?' }), 'the group screen');
    await page.getByTestId('open-household').click();
    await expectOpenedAtTop(page, page.getByRole('heading', { level: 1, name: 'Gia đình tôi' }), '"Gia đình tôi"');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a landscape tablet at 200 % text: CS01 opens at its question, not at "Ví dụ minh chứng", and so does the next', async () => {
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const report = new AccessibilityReport();
    await page.goto(box.kiosk.url);
    await page.getByTestId('text-200').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.style.fontSize)).toBe('40px');
    await expect.poll(async () => (await savedSession(page))?.textScale, { timeout: 20_000 }).toBe(2); // kept, then reopened
    await register(page, box.kiosk.url, 'Hoàng Văn Pủ', '1958', 'Thôn Khe Ngang');
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('40px');

    const group = page.locator('button[data-group="cu-dan"]');
    await group.scrollIntoViewIfNeeded();
    expect(await scrolledDown(page)).toBe(true);
    await group.click();
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS01'), 'CS01 after the group at 200 %');
    // The examples are further down, out of sight: she reads the question first.
    const examples = page.getByRole('heading', { name: 'Ví dụ minh chứng' });
    expect((await examples.boundingBox())!.y).toBeGreaterThan(page.viewportSize()!.height / 2);
    await answer(page, 'CS01', 9);
    await next(page);
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS02'), 'CS02 after "Tiếp theo" at 200 %');
    expect(await page.locator('section[data-indicator="CS02"] button.score[aria-pressed="true"]').count()).toBe(0);
    await report.villager(page, 'indicator, opened by "Tiếp theo" at 200 %');
    expect(errors).toEqual([]);
    report.assertClean();
    await context.close();
  });
});

describe('a draft taken up again, and sending that asks first', () => {
  const name = 'Vi Thị Nga';
  const birthYear = '1966';
  let context: BrowserContext;
  let page: Page;
  let code = '';
  let errors: string[] = [];
  const report = new AccessibilityReport();

  /** "Để người khác dùng máy", then her code and birth year once the box holds what she did. */
  async function leaveAndComeBack(): Promise<void> {
    await page.getByTestId('hand-over').click();
    await page.getByTestId('hand-over-confirm').click();
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await expect.poll(async () => (await readTabletDb(page)).outbox?.length, { timeout: 30_000 }).toBe(0);
    await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await page.getByLabel(/Mã trên phiếu/).fill(code);
    await page.getByLabel('Năm sinh', { exact: true }).fill(birthYear);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: 'Đúng, là tôi' }).click();
  }

  it('opens a resumed draft at the first indicator she has not scored, and at the review once all are', async () => {
    context = await tabletContext(box.browser);
    page = await context.newPage();
    errors = watchErrors(page);
    await register(page, box.kiosk.url, name, birthYear, 'Thôn Bãi Muống');
    code = (await page.getByTestId('session-code').textContent())!.trim();
    await page.locator('button[data-group="cu-dan"]').click();
    for (const id of indicatorIds.slice(0, 3)) {
      await answer(page, id, 8);
      await next(page);
    }
    await page.locator('section[data-indicator="CS04"]').waitFor();
    await leaveAndComeBack();
    await expectOpenedAtTop(page, indicatorHeading(page, 'CS04'), 'the resumed draft');
    expect(await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).count()).toBe(0);

    // CS05 at 3: 75 points, short of the pass mark and of CS05's minimum.
    for (const id of indicatorIds.slice(3)) {
      await answer(page, id, id === 'CS05' ? 3 : 8);
      await next(page);
    }
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    await leaveAndComeBack();
    await expectOpenedAtTop(page, page.getByRole('heading', { name: 'Xem lại trước khi gửi' }), 'the full draft');
  });

  it('a self-assessment that does not pass says what is short and asks "send now or keep working"', async () => {
    const dialog = page.getByTestId('confirm-send');
    const send = page.getByRole('button', { name: 'Gửi bài tự đánh giá' });
    const status = () => assessmentStatus(box.kiosk.dataDir, name);
    await send.click();
    await dialog.waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toBe('Bác gửi bài luôn hay làm tiếp?');
    const short = await dialog.getByTestId('confirm-send-short').innerText();
    expect(short).toContain('CS05');
    expect(short).toContain('được 3 điểm: cần ít nhất 5 điểm');
    expect(short).toContain('Tổng 75 điểm');
    // The focus is in the dialog; its buttons are 48 px targets; axe passes with it open.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.dataset.testid)).toBe('confirm-send');
    for (const button of await dialog.getByRole('button').all()) {
      const at = (await button.boundingBox())!;
      expect(Math.min(at.width, at.height)).toBeGreaterThanOrEqual(48);
    }
    await report.villager(page, 'review, asked before sending what does not pass');

    // Escape, and "Làm tiếp": nothing is sent, she is back on the review.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await send.evaluate((el) => el === document.activeElement)).toBe(true);
    await send.click();
    await dialog.getByRole('button', { name: 'Làm tiếp' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    expect(status()).toBe('draft');

    // "Gửi luôn" sends it as it is.
    await send.click();
    await dialog.getByRole('button', { name: 'Gửi luôn' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    await expect.poll(status, { timeout: 30_000 }).toBe('submitted');
  });

  it('a check with no answer is not offered for sending; one with blank items says how many and asks; the paused one is continued from the slip', async () => {
    const bank = (await (await fetch(`${box.kiosk.url}/api/digital/bank`)).json()) as DigitalBank;
    const total = bank.items.length;
    const start = page.getByTestId('start-digital');
    const heading = page.getByRole('heading', { level: 1, name: 'Kiểm tra kỹ năng số' });
    const item = (n: number) =>
      page.locator(`section[data-testid="digital-item"][data-item-id="${bank.items[n]!.id}"]`);
    const toLast = async () => {
      const from = Number(((await page.getByTestId('digital-progress').textContent()) ?? '').match(/\d+/)![0]);
      for (let n = from; n < total; n++) {
        await page.getByRole('button', { name: 'Câu tiếp', exact: true }).click();
        await item(n).waitFor();
      }
    };
    expect(await start.textContent()).toContain('Kiểm tra kỹ năng số (khoảng 15 phút)');
    await start.click();
    await item(0).waitFor();
    await page.getByRole('button', { name: 'Câu tiếp', exact: true }).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Câu tiếp', exact: true }).click();
    await expectOpenedAtTop(page, heading, 'the next item of the check');

    // Nothing answered: the last item offers no "Nộp bài", and says why.
    await toLast();
    await page.getByTestId('digital-nothing').waitFor();
    expect(await page.getByRole('button', { name: 'Nộp bài', exact: true }).count()).toBe(0);
    await report.villager(page, 'digital check, last item with nothing answered');
    await page.getByRole('button', { name: 'Tạm dừng, lần sau làm tiếp' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await start.textContent()).toContain('Kiểm tra kỹ năng số (khoảng 15 phút)');

    // One answer, paused: the slip offers to continue, with how many are left, also after a reload.
    await start.click();
    await item(0).locator('button[data-step="2"]').click();
    await item(0).locator('button[data-step="2"][aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: 'Tạm dừng, lần sau làm tiếp' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    const again = `Làm tiếp kiểm tra kỹ năng số, còn ${total - 1} câu`;
    expect((await start.textContent())?.trim()).toBe(again);
    await page.reload();
    await expect.poll(async () => (await start.textContent())?.trim(), { timeout: 15_000 }).toBe(again);
    await report.villager(page, 'slip with a paused check');
    await start.click();
    await item(0).locator('button[data-step="2"][aria-pressed="true"]').waitFor();

    // Blank items: "Nộp bài" says how many and asks; Escape and "Làm tiếp" keep her at the check.
    await toLast();
    const dialog = page.getByTestId('confirm-finish');
    const finish = page.getByRole('button', { name: 'Nộp bài', exact: true });
    await finish.click();
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-finish-blank').textContent()).toBe(
      `Còn ${total - 1} câu bác chưa trả lời. Câu bỏ trống được tính 0 điểm.`,
    );
    expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.dataset.testid)).toBe('confirm-finish');
    await report.villager(page, 'digital check, asked before handing in blank items');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await finish.click();
    await dialog.getByRole('button', { name: 'Làm tiếp' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await item(total - 1).waitFor();
    expect(boxRow('select id from digital_attempt')).toBeUndefined();

    // Handed in as it is; the buttons say where they go.
    await finish.click();
    await dialog.getByRole('button', { name: 'Nộp bài luôn' }).click();
    await page.getByTestId('digital-overall').waitFor();
    await page.getByRole('button', { name: 'Về phiếu kết quả', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy', exact: true }).click();
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await expect.poll(() => boxRow('select id from digital_attempt'), { timeout: 30_000 }).toBeDefined();
    expect(errors).toEqual([]);
    report.assertClean();
    await context.close();
  });
});

describe('the idle prompt over a question left open', () => {
  it('"Bác còn ở đây không?" shows above "Gửi luôn hay làm tiếp?", is answered (Escape or the button), and the session ends only after it was shown', async () => {
    const context = await tabletContext(box.browser);
    await context.clock.install(); // moved on instead of waiting; it otherwise flows as usual
    const page = await context.newPage();
    const errors = watchErrors(page);
    const name = 'Hà Thị Thơm';
    await register(page, box.kiosk.url, name, '1962', 'Thôn Bãi Muống');
    const { session } = (await (await fetch(`${box.kiosk.url}/api/kiosk`)).json()) as {
      session: { idleSeconds: number; warningSeconds: number };
    };
    await page.locator('button[data-group="cu-dan"]').click();
    for (const id of indicatorIds) {
      await answer(page, id, id === 'CS05' ? 3 : 8);
      await next(page);
    }
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    const asked = page.getByTestId('confirm-send');
    await page.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();
    await asked.waitFor();

    const prompt = page.getByRole('alertdialog');
    const stay = prompt.getByRole('button', { name: 'Tôi vẫn ở đây' });
    await page.clock.fastForward(session.idleSeconds * 1000);
    await prompt.waitFor();
    expect(await onTop(stay)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('dialog')?.dataset.testid)).toBe('idle-prompt');
    // Escape answers the prompt, not the question under it.
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    expect(await asked.isVisible()).toBe(true);

    // Again, answered with the button (a tap goes to it, not to the question's backdrop).
    await page.clock.fastForward(session.idleSeconds * 1000);
    await prompt.waitFor();
    await stay.click();
    await prompt.waitFor({ state: 'detached' });
    expect(await asked.isVisible()).toBe(true);

    // Left alone: the prompt shows over the question, then the session ends and her draft goes to the box.
    await page.clock.fastForward(session.idleSeconds * 1000);
    await prompt.waitFor();
    expect(await onTop(stay)).toBe(true);
    await page.clock.fastForward((session.warningSeconds + 1) * 1000);
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await expect.poll(() => assessmentStatus(box.kiosk.dataDir, name), { timeout: 30_000 }).toBe('draft');
    expect(errors).toEqual([]);
    await context.close();
  });
});

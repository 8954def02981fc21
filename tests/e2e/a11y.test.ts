import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigitalBank } from '../../shared/schemas/digital-bank.ts';
import { seedCatalog } from './a11y-seed.ts';
import { focusNotShown, overflowAtTextScale, smallTargets } from './axe-layout.ts';
import { AccessibilityReport } from './axe.ts';
import { adminApi, launchBrowser, startKiosk, tabletContext, watchErrors, type RunningKiosk } from './kiosk.ts';
import { addPhoto, answer, answerAll, indicatorIds, next, submit } from './villager.ts';

/**
 * Every screen and state a villager, a facilitator, an appraiser, an administrator and a commune
 * officer can reach, audited with axe-core (WCAG 2.0/2.1/2.2 A and AA: a serious or critical
 * violation fails); every screen also needs targets of at least 48×48 px and no sideways scrolling
 * at 200 % text on a 10-inch tablet (1280×800). The staff's and the hub's screens are checked on that
 * tablet held both ways (1280×800 and 800×1280), at 100 % and 200 % text, and with a visible focus
 * ring on every stop of the Tab order (`AccessibilityReport.staff` in axe.ts). 200 % text there is
 * the root size at 40 px, as the villager's text-size picture sets it: the app is sized in rem, so
 * this is what a facilitator turning up the tablet's text size gets (text and what holds it grow,
 * the window does not), rather than page zoom, which would shrink the window instead.
 *
 * This file holds the checks themselves and the villager's screens; the staff's and the commune hub's
 * screens are in a11y-staff.test.ts (each file starts its own boxes and browser).
 */

let center: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [center, browser] = await Promise.all([startKiosk(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await center?.stop();
});

describe('accessibility of every screen', () => {
  it('the checks themselves find a small target, a focus that does not show and a page that scrolls sideways at 200 % text', async () => {
    const context = await tabletContext(browser);
    const page = await context.newPage();
    await page.setContent(`<html style="font-size: 20px"><body>
      <style>:focus-visible { outline: 4px solid #000; } .bare:focus { outline: none; } .wide { width: 30rem; }</style>
      <button class="small" style="height: 30px">Nhỏ</button>
      <button class="bare" style="height: 60px; width: 60px">Không viền</button>
      <label class="choice"><input type="radio" name="k" /> Chính thức</label>
      <label style="display: block; min-height: 48px"><input type="checkbox" /> Đủ lớn</label>
      <button disabled style="height: 20px">Tắt</button>
      <p>Đọc <a href="#doc">hướng dẫn</a> trước khi làm.</p>
      <p><a class="alone" href="#alone">Một mình</a></p>
      <div class="wide">Rộng</div>
    </body></html>`);
    expect((await smallTargets(page)).map((t) => t.element)).toEqual([
      'button.small "Nhỏ"',
      'label.choice[name=k] "Chính thức"',
      'a.alone "Một mình"',
    ]);
    expect(await focusNotShown(page)).toEqual(['button.bare "Không viền"']);
    await page.setViewportSize({ width: 800, height: 1280 });
    expect(await overflowAtTextScale(page)).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('20px');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await overflowAtTextScale(page)).toBeNull();
    await context.close();
  });

  it('the villager: welcome to result slip, resources, learning plan, digital-skills check, status panel, find by code', async () => {
    const api = await adminApi(center.url);
    await seedCatalog(api);
    const report = new AccessibilityReport();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto(center.url);
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await report.villager(page, 'welcome');

    // Resources: the list, a filter, a video opened.
    await page.getByTestId('open-resources').click();
    await page.getByTestId('resource').nth(3).waitFor();
    await report.villager(page, 'resources');
    await page.getByTestId('filter-kind-video').click();
    await expect.poll(() => page.getByTestId('resource').count()).toBe(1);
    await page.getByRole('button', { name: 'Xem video' }).click();
    await page.getByTestId('resource-video').waitFor();
    await report.villager(page, 'resources, filtered, a video open');
    await page.getByTestId('filter-kind-video').click();
    await page.getByRole('button', { name: 'Quay lại' }).click();

    // Registration: empty, then with its errors shown, then filled in.
    await page.getByRole('button', { name: /Tôi là người mới/ }).click();
    await page.getByLabel('Họ và tên', { exact: true }).waitFor();
    await report.villager(page, 'register, empty');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('alert').locator('li').first().waitFor();
    await report.villager(page, 'register, errors shown');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Đinh Thị Hồng');
    await page.getByLabel('Năm sinh', { exact: true }).fill('1957');
    await page.getByRole('button', { name: 'Thôn Đồng Chằm' }).click();
    await page.locator('input[name="consent-assessment"]').check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByRole('heading', { name: 'Bác làm công việc gì?' }).waitFor();
    await report.villager(page, 'choose group');

    // An indicator, then with a photo added; the rest answered (CS05 low, for the plan).
    await page.locator('button[data-group="cu-dan"]').click();
    await answer(page, 'CS01', 8);
    await report.villager(page, 'indicator');
    await addPhoto(page, 'CS01');
    await report.villager(page, 'indicator with a photo');
    await next(page);
    await answerAll(page, Object.fromEntries(indicatorIds.slice(1).map((id) => [id, id === 'CS05' ? 3 : 8])));
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    await report.villager(page, 'review');
    await submit(page);
    await page.locator('.qr svg').waitFor();
    await page.getByText('Đã gửi về trung tâm').waitFor();
    const code = (await page.getByTestId('person-code').textContent())?.trim() ?? '';
    await report.villager(page, 'result slip');

    // The learning plan: suggestions, then saved.
    await page.getByTestId('start-plan').click();
    await page.getByTestId('plan').waitFor();
    await page.getByTestId('resource').first().waitFor();
    await report.villager(page, 'learning plan');
    await page
      .getByTestId('resource')
      .filter({ hasText: 'Sổ tay dịch vụ công trực tuyến' })
      .getByRole('button', { name: 'Trong tháng này' })
      .click();
    await page.getByTestId('save-plan').click();
    await page.getByTestId('plan-saved').waitFor();
    await report.villager(page, 'learning plan, saved');
    await page.getByRole('button', { name: 'Xong', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();

    // The digital-skills check: the first item of each kind (self-ratings and choices answered), then the result.
    const bank = (await (await fetch(`${center.url}/api/digital/bank`)).json()) as DigitalBank;
    await page.getByTestId('start-digital').click();
    const kinds = new Set<string>();
    for (const [n, item] of bank.items.entries()) {
      const section = page.locator(`section[data-testid="digital-item"][data-item-id="${item.id}"]`);
      await section.waitFor();
      const kind = item.kind === 'practical' ? item.task.type : item.kind;
      if (item.kind === 'self-rating') await section.locator('button[data-step="2"]').click();
      if (item.kind === 'choice') await section.locator('button[data-option-id]').first().click();
      if (!kinds.has(kind)) {
        kinds.add(kind);
        await report.villager(page, `digital-skills check, item ${n + 1} (${kind})`);
      }
      await page
        .getByRole('button', { name: n === bank.items.length - 1 ? 'Nộp bài' : 'Câu tiếp', exact: true })
        .click();
    }
    // The practical tasks were left blank: she is asked first, and hands it in as it is.
    await page.getByTestId('confirm-finish').getByRole('button', { name: 'Nộp bài luôn' }).click();
    await page.getByTestId('digital-overall').waitFor();
    await report.villager(page, 'digital-skills result');
    await page.getByRole('button', { name: 'Về phiếu kết quả', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    // Straight away again: the slip says from when she may retake it.
    await page.getByTestId('start-digital').click();
    await page.getByTestId('digital-too-soon').waitFor();
    await report.villager(page, 'result slip, retake too soon');
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy', exact: true }).click();

    // The facilitator's status panel, from the welcome screen.
    await page.getByRole('button', { name: /Người hướng dẫn: tình trạng máy/ }).click();
    await page.getByRole('heading', { name: 'Tình trạng máy tính bảng' }).waitFor();
    await report.villager(page, 'status panel');
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();

    // Find by code: the form, a code not found, then "is this you?".
    await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await page.getByLabel(/Mã trên phiếu/).waitFor();
    await report.villager(page, 'find by code');
    await page.getByLabel(/Mã trên phiếu/).fill(code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ');
    await page.getByLabel('Năm sinh', { exact: true }).fill('1957');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.locator('.find .error').waitFor();
    await report.villager(page, 'find by code, not found');
    await page.getByLabel(/Mã trên phiếu/).fill(code);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: 'Đúng, là tôi' }).waitFor();
    await report.villager(page, 'find by code, is this you');

    expect(errors).toEqual([]);
    await context.close();

    // The idle prompt: a session left alone (the tablet's clock moved on past the idle time).
    const idleContext = await tabletContext(browser);
    await idleContext.clock.install();
    const idlePage = await idleContext.newPage();
    await idlePage.goto(center.url);
    await idlePage.getByRole('button', { name: /Tôi là người mới/ }).click();
    await idlePage.getByLabel('Họ và tên', { exact: true }).waitFor();
    await idlePage.clock.fastForward('03:01');
    await idlePage.getByRole('alertdialog').waitFor();
    await report.villager(idlePage, 'idle prompt');
    await idlePage.getByRole('button', { name: 'Tôi vẫn ở đây' }).click();
    await idleContext.close();
    report.assertClean();
  });

  it('the villager in English and simple mode: welcome with its picture settings, registration, the score levels, a level opened, review', async () => {
    const report = new AccessibilityReport();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(center.url);
    await page.getByTestId('lang-en').click();
    await page.getByTestId('pref-simple').click();
    await page.getByTestId('pref-always-read').click();
    await page.getByRole('heading', { name: 'Welcome to the community learning center' }).waitFor();
    await report.villager(page, 'welcome, English, simple mode and always-read on');
    await page.getByRole('button', { name: /I am new here/ }).click();
    await page.getByLabel('Full name', { exact: true }).fill('Hoàng Văn Páo');
    await page.getByLabel('Year of birth', { exact: true }).fill('1950');
    await page.getByRole('button', { name: 'Thôn Đồng Chằm' }).click();
    await page.locator('input[name="consent-assessment"]').check();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page
      .getByRole('alert')
      .or(page.getByRole('heading', { name: 'What work do you do?' }))
      .first()
      .waitFor();
    await report.villager(page, 'register, English');
    await page.getByRole('heading', { name: 'What work do you do?' }).waitFor();
    await report.villager(page, 'choose group, English');
    await page.locator('button[data-group="cu-dan"]').click();
    for (const [n, id] of indicatorIds.entries()) {
      await page.locator(`section[data-indicator="${id}"]`).waitFor();
      // One decision at a time: four levels with pictures, then the few scores of the level chosen.
      await page.getByTestId('score-bands').waitFor();
      expect(await page.locator('button.score').count()).toBe(0);
      if (n === 0) await report.villager(page, 'indicator, simple mode: levels');
      await page.locator('button[data-band="well"]').click();
      expect(await page.locator('button.score').count()).toBe(3);
      if (n === 0) await report.villager(page, 'indicator, simple mode: a level opened');
      await page.locator('button.score[data-score="9"]').click();
      await page.locator('button.score[data-score="9"][aria-pressed="true"]').waitFor();
      await page.getByRole('button', { name: n === indicatorIds.length - 1 ? /Review the results/ : /Next/ }).click();
    }
    await page.getByRole('heading', { name: 'Check before sending' }).waitFor();
    await report.villager(page, 'review, English, simple mode');
    expect(errors).toEqual([]);
    await context.close();
    report.assertClean();
  });
});

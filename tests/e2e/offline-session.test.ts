import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, readTabletDb, startKiosk, tabletContext } from './kiosk.ts';
import { boxCounts, primeTablet, until } from './offline-setup.ts';
import { addPhoto, answer, answerAll, expectPressed, indicatorIds, register, submit } from './villager.ts';

/** A shared tablet after an idle timeout, and a new build deployed mid-assessment (offline.test.ts has the box and Wi-Fi dropping). */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a shared tablet never shows one villager's data to the next", () => {
  it('after an idle timeout the tablet holds nothing of her that the box has, and she resumes later with code and birth year', async () => {
    const kiosk = await startKiosk({ env: { KIOSK_SESSION_IDLE_SECONDS: '5', KIOSK_SESSION_WARNING_SECONDS: '3' } });
    const context = await tabletContext(browser, { serviceWorker: true });
    const page = await context.newPage();
    try {
      await register(page, kiosk.url, 'Đinh Thị Hoa', '1957', 'Thôn Khe Ngang');
      const code = (await page.getByTestId('session-code').textContent())!.trim();
      await page.locator('button[data-group="cu-dan"]').click();
      await answerAll(page, { CS01: 9 });
      await answer(page, 'CS02', 7);
      await addPhoto(page, 'CS02');

      // The prompt comes; a touch keeps the session.
      await page.getByRole('alertdialog').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Tôi vẫn ở đây' }).click();
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      await page.locator('section[data-indicator="CS02"]').waitFor();

      // Then she walks away: the prompt counts down and the session ends.
      await page.getByRole('alertdialog').waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor({ timeout: 15_000 });
      expect(await page.getByText('Đinh Thị Hoa').count()).toBe(0);

      await until(
        'the draft to reach the box',
        async () => (await readTabletDb(page)).outbox?.length ?? -1,
        (n) => n === 0,
      );
      const tablet = await readTabletDb(page);
      expect(JSON.stringify(tablet)).not.toContain('Đinh Thị Hoa');
      expect(JSON.stringify(tablet)).not.toContain(code);
      // Beyond the center's own info (villages, criteria), nothing is left: no birth year, village, photo.
      const { kiosk: _centerInfo, ...rest } = tablet;
      for (const personal of ['1957', 'Thôn Khe Ngang', 'blobBytes', 'CS02'])
        expect(JSON.stringify(rest)).not.toContain(personal);
      expect(tablet.session).toEqual([]);
      expect(tablet.photos).toEqual([]);
      expect(boxCounts(kiosk)).toMatchObject({ person: 1, assessment: 1, submitted: 0, evidence: 1 });

      // The next villager sees an empty form.
      await page.getByRole('button', { name: /Tôi là người mới/ }).click();
      expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe('');
      await page.getByRole('button', { name: 'Quay lại' }).click();

      // Later she comes back with her code and birth year and finds her draft, open at the first
      // indicator she has not scored, with her answers and photo before it.
      await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
      await page.getByLabel(/Mã trên phiếu/).fill(code);
      await page.getByLabel('Năm sinh', { exact: true }).fill('1957');
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.getByRole('button', { name: 'Đúng, là tôi' }).click();
      await page.locator('section[data-indicator="CS03"]').waitFor();
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await page.locator('section[data-indicator="CS02"]').waitFor();
      await expectPressed(page, 7);
      await page.getByRole('button', { name: 'Quay lại' }).click();
      await page.locator('section[data-indicator="CS01"]').waitFor();
      await expectPressed(page, 9);
    } finally {
      await context.close();
      await kiosk.stop();
    }
  });
});

describe('updates', () => {
  it('a new build deployed during an assessment waits, and is applied on the welcome screen', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'kiosk-web-'));
    cpSync(resolve(import.meta.dirname, '../../dist/web'), webDir, { recursive: true });
    const kiosk = await startKiosk({ env: { KIOSK_WEB_DIR: webDir } });
    const context = await tabletContext(browser, { serviceWorker: true });
    const page = await context.newPage();
    try {
      await primeTablet(page, kiosk);
      await register(page, kiosk.url, 'Vi Văn Thắng', '1970', 'Thôn Đồng Chằm');
      await page.locator('button[data-group="nguoi-lao-dong"]').click();
      await answerAll(page, { CS01: 8, CS02: 8 });
      await page.evaluate(() => {
        (window as unknown as { samePage: boolean }).samePage = true;
      });

      // Deploy "build 2": a changed index.html, and a service worker whose precache names its new revision.
      const index = readFileSync(join(webDir, 'index.html'), 'utf8');
      writeFileSync(join(webDir, 'index.html'), index.replace('<head>', '<head><meta name="kiosk-build" content="2">'));
      const sw = readFileSync(join(webDir, 'sw.js'), 'utf8');
      const bumped = sw.replace(/(\{url:"index\.html",revision:")[^"]+(")/, '$1build-2$2');
      expect(bumped).not.toBe(sw);
      writeFileSync(join(webDir, 'sw.js'), bumped);

      // The browser looks for an update (as it does on its own); the new version installs and waits.
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())!.update();
      });
      await until(
        'the new version to wait',
        () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
        Boolean,
      );

      // The assessment goes on undisturbed: same page, answers kept, no update button in the way.
      await answerAll(page, Object.fromEntries(indicatorIds.slice(2).map((id) => [id, 8])));
      await submit(page);
      expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
      expect(await page.getByTestId('apply-update').count()).toBe(0);
      await page.getByText('Đã gửi về trung tâm').waitFor();
      await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy' }).click();

      // On the welcome screen the facilitator applies it.
      await page.getByTestId('apply-update').click();
      await until(
        'build 2 to be running',
        () =>
          page
            .evaluate(() => document.querySelector('meta[name="kiosk-build"]')?.getAttribute('content') ?? null)
            .catch(() => null),
        (v) => v === '2',
      );
      expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBeUndefined();
      await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
      expect(boxCounts(kiosk)).toMatchObject({ person: 1, submitted: 1 });
    } finally {
      await context.close();
      await kiosk.stop();
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});

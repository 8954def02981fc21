import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { newVillagerToken } from '../../web/src/platform/villager-token.ts';
import {
  launchBrowser,
  readTabletDb,
  startKiosk,
  tabletContext,
  waitForServiceWorker,
  watchErrors,
  type RunningKiosk,
} from './kiosk.ts';
import { addPhoto, answer, answerAll, expectPressed, indicatorIds, next, register, submit } from './villager.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Counts on the box, read from its SQLite file as an administrator would. */
function boxCounts(kiosk: RunningKiosk): {
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

async function until<T>(
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
async function primeTablet(page: Page, kiosk: RunningKiosk) {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
  await waitForServiceWorker(page);
}

describe('tablets keep working when the box or the Wi-Fi drops', () => {
  it('with the box off before the app is opened again, a full assessment with a photo is done and reaches the box exactly once', async () => {
    const kiosk = await startKiosk();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await primeTablet(page, kiosk);
      await kiosk.halt();

      await register(page, kiosk.url, 'Hà Thị Nụ', '1961', 'Thôn Suối Mây');
      const code = (await page.getByTestId('session-code').textContent())!.trim();
      await page.locator('button[data-group="nhom-1"]').click();
      await answerAll(page, Object.fromEntries(indicatorIds.map((id) => [id, 8])), ['CS02']);
      await submit(page);
      expect(await page.getByTestId('sync-state').textContent()).toContain('Đang lưu trên máy tính bảng');
      expect(await page.getByTestId('person-code').textContent()).toBe(code);

      await kiosk.resume();
      await page.getByText('Đã gửi về trung tâm').waitFor({ timeout: 60_000 });
      expect(boxCounts(kiosk)).toMatchObject({ person: 1, assessment: 1, submitted: 1, evidence: 1 });
      const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
      expect((db.prepare('select code from person').get() as { code: string }).code).toBe(code);
      db.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await kiosk.stop();
    }
  });

  it('closing the page mid-assessment and opening it again loses no answer', async () => {
    const kiosk = await startKiosk();
    const context = await tabletContext(browser);
    try {
      let page = await context.newPage();
      await register(page, kiosk.url, 'Lương Văn Sáng', '1949', 'Thôn Làng Mới');
      await page.locator('button[data-group="nhom-1"]').click();
      await answerAll(page, { CS01: 6, CS02: 7, CS03: 5 });
      await answer(page, 'CS04', 9);
      await page.close();

      page = await context.newPage();
      await page.goto(kiosk.url);
      await page.locator('section[data-indicator="CS04"]').waitFor();
      await expectPressed(page, 9);
      for (const [id, score] of [
        ['CS03', 5],
        ['CS02', 7],
        ['CS01', 6],
      ] as const) {
        await page.getByRole('button', { name: 'Quay lại' }).click();
        await page.locator(`section[data-indicator="${id}"]`).waitFor();
        await expectPressed(page, score);
      }
    } finally {
      await context.close();
      await kiosk.stop();
    }
  });

  it('200 submissions queued offline on one tablet reach the box exactly once, though the box restarts mid-flush', async () => {
    const kiosk = await startKiosk();
    const context = await tabletContext(browser);
    const page = await context.newPage();
    try {
      await primeTablet(page, kiosk);
      await kiosk.halt();
      // 200 villagers registered and submitted on this tablet while the box was off: their outbox
      // rows, written straight into the tablet's IndexedDB in the app's own shape (each villager's
      // rows with her session's token, which her registration binds at the box).
      const items = Array.from({ length: 200 }, (_, i) => {
        const personId = build.id();
        const token = newVillagerToken();
        const assessmentId = build.id();
        const person = {
          name: `Người Thử ${String.fromCharCode(65 + (i % 26))}`,
          birthYear: 1940 + (i % 60),
          village: 'Thôn Gò Chè',
          consents: { assessment: true, publicList: false, statistics: true },
        };
        return [
          { kind: 'person', personId, recordId: personId, body: person, token },
          {
            kind: 'assessment',
            personId,
            recordId: assessmentId,
            body: build.assessment(personId, { scores: { CS05: 1 + (i % 10) } }),
            token,
          },
        ];
      })
        .flat()
        .map((item) => ({ ...item, state: 'pending', attempts: 0, createdAt: new Date().toISOString() }));
      await page.evaluate(
        (rows) =>
          new Promise<void>((done, fail) => {
            const open = indexedDB.open('hoctap-kiosk');
            open.onsuccess = () => {
              const tx = open.result.transaction('outbox', 'readwrite');
              for (const row of rows) tx.objectStore('outbox').add(row);
              tx.oncomplete = () => {
                open.result.close();
                done();
              };
              tx.onerror = () => fail(tx.error);
            };
            open.onerror = () => fail(open.error);
          }),
        items,
      );

      await kiosk.resume();
      await page.reload();
      await until(
        'the flush to start',
        () => boxCounts(kiosk).assessment,
        (n) => n >= 30,
      );
      await kiosk.halt();
      const atRestart = boxCounts(kiosk).assessment;
      expect(atRestart).toBeLessThan(200);
      await kiosk.resume();

      await until(
        'every queued item to leave the tablet',
        async () => (await readTabletDb(page)).outbox?.length ?? -1,
        (n) => n === 0,
        120_000,
      );
      expect(boxCounts(kiosk)).toEqual({ person: 200, assessment: 200, submitted: 200, evidence: 0, outbox: 400 });
      const db = new Database(join(kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
      const ids = new Set((db.prepare('select id from assessment').all() as { id: string }[]).map((r) => r.id));
      db.close();
      expect(ids).toEqual(new Set(items.filter((i) => i.kind === 'assessment').map((i) => i.recordId)));
    } finally {
      await context.close();
      await kiosk.stop();
    }
  });
});

describe("a shared tablet never shows one villager's data to the next", () => {
  it('after an idle timeout the tablet holds nothing of her that the box has, and she resumes later with code and birth year', async () => {
    const kiosk = await startKiosk({ env: { KIOSK_SESSION_IDLE_SECONDS: '5', KIOSK_SESSION_WARNING_SECONDS: '3' } });
    const context = await tabletContext(browser);
    const page = await context.newPage();
    try {
      await register(page, kiosk.url, 'Đinh Thị Hoa', '1957', 'Thôn Khe Ngang');
      const code = (await page.getByTestId('session-code').textContent())!.trim();
      await page.locator('button[data-group="nhom-1"]').click();
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
    const context = await tabletContext(browser);
    const page = await context.newPage();
    try {
      await primeTablet(page, kiosk);
      await register(page, kiosk.url, 'Vi Văn Thắng', '1970', 'Thôn Đồng Chằm');
      await page.locator('button[data-group="nhom-2"]').click();
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

import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { newVillagerToken } from '../../web/src/platform/villager-token.ts';
import { launchBrowser, readTabletDb, startKiosk, tabletContext, watchErrors } from './kiosk.ts';
import { boxCounts, primeTablet, until } from './offline-setup.ts';
import { answer, answerAll, expectPressed, indicatorIds, register, submit } from './villager.ts';

/** Tablets keep working with the box off or the Wi-Fi gone (a shared tablet's sessions and updates: offline-session.test.ts). */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('tablets keep working when the box or the Wi-Fi drops', () => {
  it('with the box off before the app is opened again, a full assessment with a photo is done and reaches the box exactly once', async () => {
    const kiosk = await startKiosk();
    const context = await tabletContext(browser, { serviceWorker: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await primeTablet(page, kiosk);
      await kiosk.halt();

      await register(page, kiosk.url, 'Hà Thị Nụ', '1961', 'Thôn Suối Mây');
      const code = (await page.getByTestId('session-code').textContent())!.trim();
      await page.locator('button[data-group="cu-dan"]').click();
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
    const context = await tabletContext(browser, { serviceWorker: true });
    try {
      let page = await context.newPage();
      await register(page, kiosk.url, 'Lương Văn Sáng', '1949', 'Thôn Làng Mới');
      await page.locator('button[data-group="cu-dan"]').click();
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
    const context = await tabletContext(browser, { serviceWorker: true });
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

import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstAdmin, launchBrowser, startKiosk, tabletContext, type RunningKiosk } from './kiosk.ts';
import { answerAll, indicatorIds, register, submit } from './villager.ts';

let hub: RunningKiosk;
let center: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [hub, center] = await Promise.all([startKiosk({ env: { KIOSK_ROLE: 'hub' } }), startKiosk()]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), center?.stop()]);
});

describe('a center enrols with its commune hub and sends its results', () => {
  it('the officer issues a code, the center enrols with it, a submission reaches the hub on "Đồng bộ ngay", and the commune\'s decision comes back to the villager', async () => {
    // Two contexts: cookies ignore ports, and the hub and the center both live on 127.0.0.1 here.
    const hubContext = await tabletContext(browser);
    const context = await tabletContext(browser);
    const officer = await hubContext.newPage();
    await firstAdmin(officer, hub.url);
    await officer.getByRole('button', { name: 'Các trung tâm trong xã' }).click();
    await officer.locator('input[name="node-name"]').fill('TTHTCĐ xã Tân Lập');
    await officer.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
    const code = (await officer.getByTestId('enrolment-code').textContent())!.trim();

    const admin = await context.newPage();
    await firstAdmin(admin, center.url);
    await admin.getByRole('button', { name: 'Đồng bộ với xã' }).click();
    await admin.locator('input[name="enrol-code"]').fill(code);
    await admin.getByRole('button', { name: 'Đăng ký với xã' }).click();
    await admin.getByTestId('federation').getByText('Xã Tân Lập, Tỉnh Phú Thọ').waitFor();

    const tablet = await context.newPage();
    await register(tablet, center.url, 'Hoàng Văn Páo', '1966', 'Thôn Khe Ngang');
    await tablet.locator('button[data-group="cu-dan"]').click();
    await answerAll(tablet, Object.fromEntries(indicatorIds.map((id) => [id, 9])));
    await submit(tablet);
    await tablet.getByText('Đã gửi về trung tâm').waitFor();
    const slipCode = (await tablet.getByTestId('person-code').textContent())!.trim();
    await tablet.getByRole('button', { name: 'Kết thúc, để người khác dùng máy' }).click();

    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await admin.locator('[data-testid="federation"] dd').nth(2).getByText('0', { exact: true }).waitFor();
    expect(await admin.getByTestId('federation').textContent()).toContain('Không có');

    // The page may still show the count from before the click: wait for the hub itself.
    const hubKinds = () => {
      const db = new Database(join(hub.dataDir, 'kiosk.sqlite'), { readonly: true });
      try {
        return db.prepare('select record_kind k, count(*) n from hub_record group by record_kind order by k').all();
      } finally {
        db.close();
      }
    };
    for (let i = 0; i < 100 && hubKinds().length < 2; i++) await new Promise((r) => setTimeout(r, 200));
    expect(hubKinds()).toEqual([
      { k: 'assessment', n: 1 },
      { k: 'person', n: 1 },
    ]);

    await officer.reload();
    await officer.getByRole('button', { name: 'Các trung tâm trong xã' }).click();
    await officer.getByTestId('hub-nodes').getByText('TTHTCĐ xã Tân Lập').waitFor();
    expect(await officer.getByTestId('hub-nodes').getByText('Đang hoạt động').count()).toBe(1);

    // The village branch appraises it at the center (its screens have their own test) and it goes up.
    const centerDb = () => new Database(join(center.dataDir, 'kiosk.sqlite'), { readonly: true });
    const { id: assessmentId } = (() => {
      const db = centerDb();
      try {
        return db.prepare('select id from assessment').get() as { id: string };
      } finally {
        db.close();
      }
    })();
    const appraised = await admin.request.put(`${center.url}/api/staff/appraisals/${assessmentId}`, {
      data: { scores: indicatorIds.map((indicatorId) => ({ indicatorId, score: 9 })) },
    });
    expect(appraised.status()).toBe(200);
    // The branch closes the village's list (issue 24: the commune decides only from closed lists).
    const listYear = ((await (await admin.request.get(`${center.url}/api/kiosk`)).json()) as { year: number }).year;
    const closed = await admin.request.post(`${center.url}/api/staff/lists/finalize`, {
      data: { village: 'Thôn Khe Ngang', year: listYear },
    });
    expect(closed.status()).toBe(200);
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    for (let i = 0; i < 100 && hubKinds().length < 3; i++) await new Promise((r) => setTimeout(r, 200));
    expect(hubKinds()).toContainEqual({ k: 'appraisal', n: 1 });

    // The commune officer recognizes him by decision.
    await officer.getByRole('button', { name: 'Quay lại' }).click();
    await officer.getByRole('button', { name: 'Quyết định công nhận' }).click();
    await officer.getByTestId('proposals').getByRole('cell', { name: 'Hoàng Văn Páo', exact: true }).waitFor();
    await officer.getByLabel('Chọn Hoàng Văn Páo').check();
    await officer.locator('input[name="decision-number"]').fill('125/QĐ-UBND');
    await officer.locator('input[name="decision-date"]').fill('2026-12-05');
    await officer.locator('input[name="decision-signer"]').fill('Nguyễn Văn Hùng');
    await officer.getByRole('button', { name: 'Ghi quyết định (1 người)' }).click();
    await officer.getByTestId('proposals').getByText('Đã công nhận (125/QĐ-UBND)').waitFor();

    // The decision comes down at the center's next sync…
    await admin.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    const recognized = () => {
      const db = centerDb();
      try {
        return (db.prepare('select count(*) n from recognition').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    for (let i = 0; i < 100 && recognized() < 1; i++) await new Promise((r) => setTimeout(r, 200));
    expect(recognized()).toBe(1);

    // …and he sees it the next time he comes.
    await tablet.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await tablet.getByLabel(/Mã trên phiếu/).fill(slipCode);
    await tablet.getByLabel('Năm sinh', { exact: true }).fill('1966');
    await tablet.getByRole('button', { name: 'Tìm', exact: true }).click();
    const year = (await (await tablet.request.get(`${center.url}/api/kiosk`)).json()).year as number;
    await tablet.getByText(`Đã được công nhận Công dân học tập năm ${year}`).waitFor();
    await tablet.getByRole('button', { name: 'Đúng, là tôi' }).click();
    await tablet.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await tablet.getByTestId('recognized').textContent()).toContain(
      `Đã được công nhận Công dân học tập năm ${year}`,
    );
    expect(await tablet.getByTestId('recognized').textContent()).toContain('Quyết định số 125/QĐ-UBND, ngày 5/12/2026');
    await context.close();
    await hubContext.close();
  });
});

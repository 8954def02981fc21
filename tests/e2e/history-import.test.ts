import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { v7 as id } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessibilityReport } from './axe.ts';
import {
  adminApi,
  firstAdmin,
  launchBrowser,
  startKiosk,
  tabletContext,
  watchErrors,
  type RunningKiosk,
} from './kiosk.ts';

/**
 * Issue 24 in the browser: the commune officer downloads the template of past recognitions, fills
 * it with one exact match, one close name and one bad row; the file is refused naming the bad row,
 * nothing imported; without it, the exact match is recognized at once and the close name waits on
 * the review screen until the officer accepts it. The recognitions reach the center below. The
 * screen is audited in each state as the other staff screens are (a11y-staff.test.ts).
 */

let hub: RunningKiosk;
let center: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [hub, center] = await Promise.all([startKiosk({ env: { KIOSK_ROLE: 'hub' } }), startKiosk({ web: false })]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), center?.stop()]);
});

const EXACT = [
  'Cá nhân',
  'Nguyễn Thị Lan',
  1954,
  'Thôn Đồng Chằm',
  2024,
  '15/QĐ-UBND',
  '20/12/2024',
  'UBND xã Tân Lập',
];
const CLOSE = ['Cá nhân', 'pham thi hoa', 1965, 'Thôn Gò Chè', 2024, '15/QĐ-UBND', '20/12/2024', 'UBND xã Tân Lập'];
const BAD = ['Cá nhân', 'Lê Văn Tám', 1950, 'Thôn Không Có', 2024, '15/QĐ-UBND', '20/12/2024', 'UBND xã Tân Lập'];

describe('past recognitions come in at the hub', () => {
  it('template, a bad row refused, an exact match, a close match accepted on review', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    const errors = watchErrors(officer);
    const report = new AccessibilityReport();
    await firstAdmin(officer, hub.url);
    const enrolment = await officer.request.fetch(`${hub.url}/api/staff/hub/enrolments`, {
      method: 'POST',
      data: { name: 'TTHTCĐ Tân Lập' },
    });
    const api = await adminApi(center.url);
    const code = ((await enrolment.json()) as { code: string }).code;
    expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    const lan = id();
    const hoa = id();
    for (const [personId, name, birthYear, village] of [
      [lan, 'Nguyễn Thị Lan', 1954, 'Thôn Đồng Chằm'],
      [hoa, 'Phạm Thị Hoà', 1965, 'Thôn Gò Chè'],
    ] as const) {
      const consents = { assessment: true, publicList: true, statistics: true };
      expect((await api('PUT', `/api/people/${personId}`, { name, birthYear, village, consents })).status).toBe(200);
    }
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();

    await officer.goto(`${hub.url}/staff`);
    await officer.getByRole('button', { name: 'Nhập công nhận các năm 2021–2025' }).click();
    await officer.getByRole('heading', { name: 'Công nhận các năm trước (2021–2025)' }).waitFor();
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải mẫu (.xlsx)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    // The officer keeps the template's title and header, replaces the examples with the commune's rows.
    sheet.spliceRows(5, sheet.rowCount);
    const file = async (rows: unknown[][]) => {
      for (let n = sheet.rowCount; n > 4; n--) sheet.spliceRows(n, 1);
      for (const r of rows) sheet.addRow(r);
      return {
        name: 'cong-nhan.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await book.xlsx.writeBuffer()),
      };
    };
    const input = officer.locator('input[name="history-import"]');

    await input.setInputFiles(await file([EXACT, CLOSE, BAD]));
    const problems = officer.getByTestId('history-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Dòng 7: Thôn không có trong danh sách thôn của xã');
    await officer.getByText('Chưa nhập dòng nào.').waitFor();
    await report.staff(officer, 'past recognitions, a bad row refused');

    await input.setInputFiles(await file([EXACT, CLOSE]));
    await officer
      .getByText('Đã nhập 2 dòng mới trong 2 dòng: 1 dòng khớp, 1 dòng chờ xem xét, 0 dòng chưa có người đăng ký.')
      .waitFor();
    const review = officer.getByTestId('history-review');
    expect(await review.textContent()).toContain('Phạm Thị Hoà (1965)');
    await report.staff(officer, 'past recognitions, a close match to review');
    await review.getByRole('button', { name: 'Đúng người này' }).click();
    await officer.getByText('Đã ghi nhận pham thi hoa năm 2024.').waitFor();
    await officer.getByText('Không có dòng nào chờ xem xét.').waitFor();
    expect(await officer.getByTestId('history-rows').locator('tr[data-status="matched"]').count()).toBe(2);
    await report.staff(officer, 'past recognitions, all matched');

    // The same file again changes nothing.
    await input.setInputFiles(await file([EXACT, CLOSE]));
    await officer.getByText('Tệp có 2 dòng, tất cả đã được nhập trước đây: không có gì thay đổi.').waitFor();

    // Both recognitions go down to the center.
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();
    for (const personId of [lan, hoa])
      expect((await api('GET', `/api/people/${personId}`)).body.recognitions).toEqual([
        { title: 'cdht', year: 2024, decisionNumber: '15/QĐ-UBND', signedOn: '2024-12-20' },
      ]);
    expect(errors).toEqual([]);
    await context.close();
    report.assertClean();
  }, 300_000);
});

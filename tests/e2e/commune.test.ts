import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { v7 as id } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staff } from '../fixtures/staff.ts';
import { paragraphs, unzip } from '../support/docx.ts';
import { adminApi, firstAdmin, launchBrowser, startKiosk, tabletContext, type RunningKiosk } from './kiosk.ts';
import { indicatorIds } from './villager.ts';
import { expectManyRowsWhole, pdfPages, squash } from './report-print.ts';

/**
 * Two centers send their year to the commune hub; the officer decides in the browser, reads the
 * dashboard and downloads the yearly report; the decision comes back down to a center. Every
 * figure is checked against counts computed here from what the centers were given.
 */

let hub: RunningKiosk;
let centers: RunningKiosk[];
let browser: Browser;
beforeAll(async () => {
  [hub, ...centers] = await Promise.all([
    startKiosk({ env: { KIOSK_ROLE: 'hub' } }),
    startKiosk({ web: false }),
    startKiosk({ web: false }),
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), ...(centers ?? []).map((c) => c?.stop())]);
});

type Outcome = 'submitted' | 'short' | 'pass';
interface Villager {
  name: string;
  village: string;
  outcome: Outcome;
  cs05: number;
}
const given: Villager[][] = [
  [
    { name: 'Hoàng Văn Páo', village: 'Thôn Khe Ngang', outcome: 'pass', cs05: 9 },
    { name: 'Lò Thị Xuân', village: 'Thôn Khe Ngang', outcome: 'pass', cs05: 5 },
    { name: 'Đặng Văn Quý', village: 'Thôn Đồng Chằm', outcome: 'pass', cs05: 8 },
    { name: 'Triệu Thị Mai', village: 'Thôn Đồng Chằm', outcome: 'submitted', cs05: 9 },
  ],
  [
    { name: 'Sầm Văn Lâm', village: 'Thôn Bãi Muống', outcome: 'pass', cs05: 10 },
    { name: 'Nông Thị Hạnh', village: 'Thôn Bãi Muống', outcome: 'short', cs05: 7 },
    { name: 'Vi Văn Toàn', village: 'Thôn Khe Ngang', outcome: 'pass', cs05: 7 },
  ],
];

describe('the commune decides, tracks and reports', () => {
  it('two centers sync, the officer decides, the dashboard and the .xlsx report match, the decision reaches a center', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    await firstAdmin(officer, hub.url);
    const hubApi = async (method: string, path: string, body?: unknown) => {
      const res = await officer.request.fetch(`${hub.url}${path}`, {
        method,
        ...(body === undefined ? {} : { data: body }),
      });
      return { status: res.status(), body: await res.json() };
    };
    const year = (await hubApi('GET', '/api/kiosk')).body.year as number;

    // Each center enrols with a code from the officer, registers its villagers, appraises, syncs.
    const personIds = new Map<string, string>();
    const centerApis = [];
    for (const [i, center] of centers.entries()) {
      const api = await adminApi(center.url);
      centerApis.push(api);
      const { body } = await hubApi('POST', '/api/staff/hub/enrolments', {
        name: ['TTHTCĐ Tân Lập', 'TTHTCĐ Xuân Sơn'][i],
      });
      expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code: body.code })).status).toBe(200);
      for (const v of given[i]!) {
        const personId = id();
        personIds.set(v.name, personId);
        expect(
          (
            await api('PUT', `/api/people/${personId}`, {
              name: v.name,
              birthYear: 1960,
              village: v.village,
              consents: { assessment: true, publicList: true, statistics: true },
            })
          ).status,
        ).toBe(200);
        const assessmentId = id();
        const scores = (short: boolean) =>
          indicatorIds.map((indicatorId) => ({
            indicatorId,
            score: indicatorId === 'CS05' ? v.cs05 : short && indicatorId === 'CS07' ? 4 : 9,
          }));
        expect(
          (
            await api('PUT', `/api/assessments/${assessmentId}`, {
              personId,
              criteriaSetId: 'cdht-2023',
              criteriaSetVersion: '2023.1',
              group: 'cu-dan',
              status: 'submitted',
              answers: scores(false),
            })
          ).status,
        ).toBe(200);
        if (v.outcome !== 'submitted') {
          const appraisal = scores(v.outcome === 'short').map((s) =>
            s.score === 4 ? { ...s, reason: 'Chưa có minh chứng' } : s,
          );
          expect((await api('PUT', `/api/staff/appraisals/${assessmentId}`, { scores: appraisal })).status).toBe(200);
        }
      }
      // The branch closes its village lists (issue 24: the commune decides only from closed lists).
      for (const village of new Set(given[i]!.filter((v) => v.outcome === 'pass').map((v) => v.village)))
        expect((await api('POST', '/api/staff/lists/finalize', { village, year })).status).toBe(200);
      expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();
    }

    // The officer recognizes everyone proposed, in one decision, on the decisions screen.
    const passing = given.flat().filter((v) => v.outcome === 'pass');
    await officer.goto(`${hub.url}/staff`);
    await officer.getByRole('button', { name: 'Quyết định công nhận' }).click();
    for (const v of passing) await officer.getByLabel(`Chọn ${v.name}`).check();
    await officer.locator('input[name="decision-number"]').fill('31/QĐ-UBND');
    await officer.locator('input[name="decision-date"]').fill(`${year}-12-01`);
    await officer.locator('input[name="decision-signer"]').fill('Nguyễn Văn Hùng');
    await officer.getByRole('button', { name: `Ghi quyết định (${passing.length} người)` }).click();
    await officer.getByTestId('proposals').getByText('Đã công nhận (31/QĐ-UBND)').first().waitFor();

    // The officer enters the adults of one village and the commune's own target for the year.
    await officer.getByRole('button', { name: 'Quay lại' }).click();
    await officer.getByRole('button', { name: 'Dân số, chỉ tiêu, sáp nhập thôn' }).click();
    const adults = officer.getByLabel('Số người lớn (từ 15 tuổi) của Thôn Khe Ngang');
    await adults.fill('40');
    await officer
      .getByTestId('population')
      .getByRole('row', { name: /Thôn Khe Ngang/ })
      .getByRole('button', { name: 'Lưu' })
      .click();
    await officer.getByTestId('population').getByText(`Nhập bởi ${staff.chiHoa.name}`).waitFor();
    await officer.locator('select[name="target-measure"]').selectOption('cdht');
    await officer.locator('input[name="target-percent"]').fill('5');
    await officer.locator('input[name="target-reason"]').fill('Nghị quyết HĐND xã số 12/NQ-HĐND');
    await officer.getByRole('button', { name: 'Ghi điều chỉnh' }).click();
    await officer
      .getByTestId('targets')
      .getByText(/Điều chỉnh 5,0 %/)
      .waitFor();

    // The dashboard's figures, against counts made here.
    await officer.getByRole('button', { name: 'Quay lại' }).click();
    await officer.getByRole('button', { name: 'Theo dõi kết quả và báo cáo năm' }).click();
    const totals = officer.getByTestId('totals');
    await totals.waitFor();
    const all = given.flat();
    const digital = passing.filter((v) => v.cs05 >= 7);
    const expected: Record<string, number> = {
      registered: all.length,
      selfAssessed: all.length,
      appraised: all.filter((v) => v.outcome !== 'submitted').length,
      recognized: passing.length,
      digital: digital.length,
      proficient: digital.length,
      outstanding: 0,
    };
    for (const [key, n] of Object.entries(expected))
      expect(await totals.locator(`dd[data-key="${key}"]`).textContent(), key).toBe(String(n));
    const khe = officer.getByTestId('by-place').getByRole('row', { name: /Thôn Khe Ngang/ });
    expect(await khe.locator('td[data-key="recognized"]').textContent()).toBe(
      String(passing.filter((v) => v.village === 'Thôn Khe Ngang').length),
    );
    // 3 recognized of 40 adults 15+: 7,5 %. A village's rate is over all its adults, so it goes by the
    // commune's own 5 %, not by decision 677's target in force (a share of other adults; issue 24): met.
    expect(await khe.textContent()).toContain('7,5 %');
    expect(await khe.textContent()).toMatch(/7,5 %\s*Đạt/);
    expect(
      await officer
        .getByTestId('by-center')
        .getByRole('row', { name: /TTHTCĐ Xuân Sơn/ })
        .locator('td[data-key="recognized"]')
        .textContent(),
    ).toBe(String(given[1]!.filter((v) => v.outcome === 'pass').length));
    await officer.getByTestId('bar-chart').first().waitFor();
    // Both centers closed their village lists (their report to the commune) before the decision.
    expect(await officer.getByTestId('deadline').textContent()).toContain('Tất cả đã báo cáo.');

    // The yearly report downloads as .xlsx and opens with the same figures.
    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải tệp Excel (.xlsx)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const byVillage = book.getWorksheet('Theo thôn')!;
    const header = byVillage.getRow(4).values as unknown[];
    const recognizedColumn = header.indexOf('Được công nhận');
    expect(recognizedColumn).toBeGreaterThan(0);
    let kheRecognized: unknown = null;
    byVillage.eachRow((row) => {
      if (row.getCell(2).value === 'Thôn Khe Ngang') kheRecognized = row.getCell(recognizedColumn).value;
    });
    expect(kheRecognized).toBe(passing.filter((v) => v.village === 'Thôn Khe Ngang').length);
    const list = book.getWorksheet('Danh sách công nhận')!;
    const listed: string[] = [];
    list.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && passing.some((p) => p.name === v)) listed.push(v);
    });
    expect(listed.sort()).toEqual(passing.map((v) => v.name).sort());

    // The decision reaches the second center at its next sync.
    expect((await centerApis[1]!('POST', '/api/staff/federation/run')).body.lastError).toBeNull();
    const person = (await centerApis[1]!('GET', `/api/people/${personIds.get('Sầm Văn Lâm')}`)).body as unknown as {
      recognitions: { year: number; decisionNumber: string }[];
    };
    expect(person.recognitions).toEqual([expect.objectContaining({ year, decisionNumber: '31/QĐ-UBND' })]);
    await context.close();
  });

  it('the officer rewrites a section of the yearly report, the .docx carries it, the A4 keeps rows whole and the signer with the last lines', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    await officer.goto(`${hub.url}/staff`);
    await officer.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
    await officer.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
    await officer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await officer.getByRole('button', { name: 'Theo dõi kết quả và báo cáo năm' }).click();
    const line = officer.getByTestId('deadline');
    await line.locator('[data-kind="emulation"]').waitFor();
    expect(await line.textContent()).toMatch(/Hạn báo cáo kết quả năm \d{4}: 15\/11\/\d{4}/);
    expect(await line.textContent()).toMatch(/Hạn báo cáo phong trào thi đua năm \d{4}: 01\/12\/\d{4}/);

    await officer.getByRole('button', { name: 'Soạn báo cáo năm (Word, in A4)' }).click();
    const strengths = officer.locator('textarea[name="report-strengths"]');
    await strengths.waitFor();
    expect(await strengths.inputValue()).toContain('Người dân tự đánh giá');
    const mine = 'Các thôn Khe Ngang, Đồng Chằm và Bãi Muống đều có người được công nhận.';
    await strengths.fill(mine);
    await officer.locator('input[name="report-number"]').fill('45/BC-UBND');
    await officer.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await officer.getByRole('status').getByText('Đã lưu báo cáo (1 mục đã sửa).').waitFor();

    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải báo cáo (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-ket-qua-\d{4}\.docx$/);
    const text = paragraphs(unzip(readFileSync(await download.path())).get('word/document.xml')!);
    expect(text).toContain(mine);
    expect(text).toContain('Số: 45/BC-UBND');
    expect(text).toContain('31/QĐ-UBND');

    // The A4 print of the report, rendered by Chromium: the signer on the page of the last section's end.
    const [printView] = await Promise.all([
      context.waitForEvent('page'),
      officer.getByRole('link', { name: 'In báo cáo (A4)' }).click(),
    ]);
    await printView.waitForLoadState();
    const pages = await pdfPages(await printView.pdf({ format: 'A4', printBackground: true }));
    expect(pages.join('')).toContain(squash(mine));
    const signerPage = pages.findIndex((p) => p.includes(squash('PHÓ CHỦ TỊCH')));
    expect(pages[signerPage]).toContain(squash('Nơi nhận:'));
    expect(pages[signerPage]).toContain(squash('VII. ĐỀ XUẤT, KIẾN NGHỊ'));
    expect(pages.findIndex((p) => p.includes(squash('PHỤ LỤC I')))).toBeGreaterThan(signerPage);

    await expectManyRowsWhole(await context.newPage());
    await context.close();
  });
});

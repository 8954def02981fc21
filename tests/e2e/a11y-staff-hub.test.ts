import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../fixtures/people.ts';
import { seedModels } from './a11y-seed.ts';
import { back, seedAppraisedLan, tile } from './a11y-staff-setup.ts';
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
 * The commune hub's staff screens, audited as the center's are (a11y-staff.test.ts): a center enrols
 * and sends its year up first, so the hub's screens have rows, charts and proposals.
 */

let center: RunningKiosk;
let hub: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [center, hub, browser] = await Promise.all([
    startKiosk(),
    startKiosk({ env: { KIOSK_ROLE: 'hub' } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([center?.stop(), hub?.stop()]);
});

describe('accessibility of every screen', () => {
  it('the commune hub: home, centers, decisions of each title, appraisal of villages and units, dashboard, figures, resources', async () => {
    const context = await tabletContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const report = new AccessibilityReport();
    await page.goto(`${hub.url}/staff`);
    await page.getByRole('heading', { name: /Khởi tạo/ }).waitFor();
    await report.staff(page, 'first start (the first administrator)');
    await firstAdmin(page, hub.url);
    await report.staff(page, 'hub home');

    // The center enrols and sends its year up, so the hub's screens have rows, charts and proposals.
    const enrolment = await page.request.fetch(`${hub.url}/api/staff/hub/enrolments`, {
      method: 'POST',
      data: { name: 'TTHTCĐ Tân Lập' },
    });
    const { code } = (await enrolment.json()) as { code: string };
    const api = await adminApi(center.url);
    if ((await api('GET', '/api/staff/federation')).body.enrolled !== true) {
      expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    }
    // Bà Lan appraised at the center, so the commune has a proposal of each kind.
    await seedAppraisedLan(api);
    // Her village's list closed (chốt) by the branch: the commune sees it among the closed lists, to return.
    const { year } = (await api('GET', '/api/kiosk')).body as { year: number };
    expect((await api('POST', '/api/staff/lists/finalize', { village: people.baLan.village, year })).status).toBe(200);
    const models = await seedModels(api);
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();

    await tile(page, 'Các trung tâm trong xã');
    await page.getByTestId('hub-nodes').getByText('TTHTCĐ Tân Lập').waitFor();
    await report.staff(page, 'hub centers');
    await back(page);
    await tile(page, 'Quyết định công nhận');
    await page.getByTestId('proposals').waitFor();
    await page.getByTestId('closed-lists').getByRole('cell', { name: people.baLan.village, exact: true }).waitFor();
    await report.staff(page, 'hub decisions, with a closed list to return');
    // The households' proposals, one ticked for the decision.
    const titles = page.getByRole('group', { name: 'Danh hiệu' });
    await titles.getByRole('button', { name: 'Gia đình học tập', exact: true }).click();
    await page
      .getByTestId('model-proposals')
      .getByRole('checkbox', { name: `Chọn ${models.household}` })
      .check();
    await report.staff(page, 'hub decisions: households, one chosen');
    await back(page);

    // The commune appraises the village and the unit: the queue, then the village's case with an answer changed (its reason asked).
    await tile(page, 'Thẩm định thôn và đơn vị học tập');
    await page.getByTestId('hub-model-queue').getByText(models.unit).waitFor();
    await report.staff(page, 'hub appraisal of villages and units');
    await page.getByRole('button', { name: `Mở: ${models.village}` }).click();
    const appraisal = page.getByTestId('model-appraisal');
    const item = appraisal.locator('[data-item="C4.2"]');
    await item.getByLabel('Điểm thẩm định').selectOption('false');
    await item.getByLabel(/Lý do/).fill('Chưa có biên bản họp');
    await report.staff(page, 'hub appraisal of a village, an answer changed');
    await appraisal.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    await page
      .getByTestId('model-appraisal-verdict')
      .getByText(/Theo kết quả thẩm định/)
      .waitFor();
    await report.staff(page, 'hub appraisal of a village, saved');
    await appraisal.getByRole('button', { name: 'Quay lại', exact: true }).click();
    await back(page);
    await tile(page, 'Quyết định công nhận');
    await page
      .getByRole('group', { name: 'Danh hiệu' })
      .getByRole('button', { name: 'Cộng đồng học tập', exact: true })
      .click();
    await page.getByTestId('model-proposals').getByText(models.village).first().waitFor();
    await report.staff(page, 'hub decisions: villages');
    await back(page);
    await tile(page, 'Theo dõi kết quả và báo cáo năm');
    await page.getByTestId('totals').waitFor();
    await page.getByTestId('bar-chart').first().waitFor();
    // With the four other titles' section loaded: its rates, counts and rates by village, what ends this year.
    await page.getByTestId('model-place-rates').waitFor();
    await report.staff(page, 'hub dashboard');
    // The yearly report's editor (issue 25): its written sections, number, date and downloads.
    await page.getByRole('button', { name: 'Soạn báo cáo năm (Word, in A4)' }).click();
    await page.getByRole('heading', { name: /^Soạn báo cáo năm/ }).waitFor();
    await report.staff(page, 'hub report editor');
    await back(page);
    await page.getByTestId('totals').waitFor();
    await back(page);
    await tile(page, 'Dân số, chỉ tiêu, sáp nhập thôn');
    await page.getByTestId('population').locator('tr').first().waitFor();
    await report.staff(page, 'hub figures');
    await back(page);
    await tile(page, 'Lớp học và tài liệu');
    await page.locator('select[name="resource-kind"]').waitFor();
    await report.staff(page, 'hub resources');

    expect(errors).toEqual([]);
    await context.close();
    report.assertClean();
  });
});

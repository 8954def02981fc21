import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { staff } from '../fixtures/staff.ts';
import { seedCatalog, seedRegistry } from './a11y-seed.ts';
import { back, seedAppraisedLan, signIn, tile } from './a11y-staff-setup.ts';
import { AccessibilityReport } from './axe.ts';
import { adminApi, launchBrowser, startKiosk, tabletContext, type RunningKiosk } from './kiosk.ts';

/**
 * The staff's screens at a center (the commune hub's are in a11y-staff-hub.test.ts), audited as in
 * a11y.test.ts (which says what is checked): each role's screens on the 10-inch tablet held both ways,
 * at 100 % and 200 % text, with a visible focus ring on every stop of the Tab order.
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
  it('the center staff: sign-in, home for each role, assist, appraisals, lists, people, registry and its self-assessments, audit log, accounts, federation, resources with attendance', async () => {
    const url = center.url;
    const api = await adminApi(url);
    for (const s of [staff.anhBinh, staff.coMai]) {
      const made = await api('POST', '/api/staff/accounts', s);
      expect([200, 409]).toContain(made.status);
    }
    // Bà Lan, appraised, so the queue, her case and the list have someone in them.
    await seedAppraisedLan(api);
    const registry = await seedRegistry(api);
    // The household's self-assessment, appraised as passing, so the households' list has a row.
    const familyStart = await api('GET', `/api/model-assessments/current/gdht/${registry.household}`);
    const familySet = familyStart.body.set as { id: string; version: string };
    const familyAnswers = Object.entries({
      'G1.2': 10,
      'G1.3': 10,
      'G2.2': 10,
      'G2.3': 5,
      'G3.1': 10,
      'G3.2': 10,
      'G4.1': 10,
      'G4.2': 10,
    }).map(([itemId, value]) => ({ itemId, value }));
    const familyAssessment = (familyStart.body.assessment as { id: string } | null)?.id ?? build.id();
    expect(
      (
        await api('PUT', `/api/model-assessments/${familyAssessment}`, {
          title: 'gdht',
          subjectId: registry.household,
          criteriaSetId: familySet.id,
          criteriaSetVersion: familySet.version,
          answers: familyAnswers,
          status: 'submitted',
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('PUT', `/api/staff/model-appraisals/${familyAssessment}`, { answers: familyAnswers })).status,
    ).toBe(200);
    const { changes } = (await (await fetch(`${url}/api/resources?since=0`)).json()) as {
      changes: { title: string }[];
    };
    if (!changes.some((c) => c.title === 'Lớp dùng điện thoại thông minh')) await seedCatalog(api);

    const report = new AccessibilityReport();

    // The facilitator.
    const facilitatorContext = await tabletContext(browser);
    const fp = await facilitatorContext.newPage();
    await fp.goto(`${url}/staff`);
    await fp.getByLabel('Mã PIN (6 số)').waitFor();
    await report.staff(fp, 'staff sign-in');
    await signIn(fp, url, staff.anhBinh);
    await report.staff(fp, 'home (facilitator)');
    await tile(fp, 'Hỗ trợ người dân làm bài');
    await fp.locator('input[name="name"]').fill('Lan');
    await fp.getByRole('button', { name: 'Tìm', exact: true }).click();
    await fp.locator('.hits li').first().waitFor();
    await report.staff(fp, 'assist, a person found');
    await back(fp);
    await tile(fp, 'Dữ liệu cá nhân');
    await fp.locator('input[name="name"]').fill('Lan');
    await fp.getByRole('button', { name: 'Tìm', exact: true }).click();
    await fp.locator('.hits li').filter({ hasText: people.baLan.name }).getByRole('button', { name: 'Xem' }).click();
    await fp.getByTestId('person-data').waitFor();
    await report.staff(fp, "a person's data");
    await back(fp);
    await tile(fp, 'Danh sách đề nghị công nhận');
    await fp.getByTestId('list').waitFor();
    await report.staff(fp, 'lists (facilitator)');
    await back(fp);
    await tile(fp, 'Lớp học và tài liệu');
    await fp.getByTestId('staff-resources').locator('tr').first().waitFor();
    await report.staff(fp, 'resources (staff)');
    await fp
      .getByTestId('staff-resources')
      .locator('tr', { hasText: 'Lớp dùng điện thoại thông minh' })
      .getByRole('button', { name: 'Điểm danh' })
      .first()
      .click();
    const panel = fp.getByTestId('attendance');
    await panel.locator('select[name="attendance-session"]').waitFor();
    await panel.locator('input[name="name"]').fill('Lan');
    await panel.getByRole('button', { name: 'Tìm', exact: true }).click();
    await panel.getByRole('button', { name: 'Thêm vào buổi này' }).first().click();
    await panel.getByRole('checkbox').first().waitFor();
    await report.staff(fp, 'resources with the attendance panel');
    // Gia đình, dòng họ, đơn vị: each tab with a row in it, and the self-assessment of a unit and of a household.
    await back(fp);
    await tile(fp, 'Gia đình, dòng họ, đơn vị');
    const tabs = fp.getByRole('group', { name: 'Gia đình, dòng họ và đơn vị học tập' });
    await fp.getByTestId('households').getByText(registry.head).waitFor();
    await report.staff(fp, 'registry: households');
    await tabs.getByRole('button', { name: 'Dòng họ', exact: true }).click();
    await fp.getByTestId('clans').getByText('Họ Đinh thôn Đồng Chằm').waitFor();
    await report.staff(fp, 'registry: clans');
    // A clan's name corrected in its row: the form, then the name as saved.
    await fp.getByTestId('clans').getByRole('button', { name: 'Sửa tên' }).click();
    const rename = fp.getByRole('form', { name: 'Sửa thông tin của Họ Đinh thôn Đồng Chằm' });
    await report.staff(fp, 'registry: a clan being corrected');
    await rename.getByLabel('Tên dòng họ').fill('Họ Đinh Văn thôn Đồng Chằm');
    await rename.getByRole('button', { name: 'Lưu' }).click();
    await fp.getByTestId('clans').getByText('Họ Đinh Văn thôn Đồng Chằm').waitFor();
    await tabs.getByRole('button', { name: 'Đơn vị', exact: true }).click();
    await fp.getByTestId('units').getByText(registry.member).waitFor();
    await report.staff(fp, 'registry: units');
    await tabs.getByRole('button', { name: 'Cộng đồng (thôn)', exact: true }).click();
    await fp.getByTestId('communities').getByText('Thôn Đồng Chằm').waitFor();
    await report.staff(fp, 'registry: communities');
    await tabs.getByRole('button', { name: 'Đơn vị', exact: true }).click();
    await fp
      .getByTestId('units')
      .getByRole('button', { name: /Tự đánh giá năm/ })
      .click();
    await fp
      .getByTestId('model-assessment')
      .locator('[data-item="U1.3"]')
      .getByRole('button', { name: 'Đạt', exact: true })
      .click();
    await report.staff(fp, 'self-assessment of a unit');
    await fp.getByTestId('model-assessment').getByRole('button', { name: 'Quay lại danh sách' }).click();
    await tabs.getByRole('button', { name: 'Gia đình', exact: true }).click();
    await fp
      .getByTestId('households')
      .getByRole('button', { name: /Tự đánh giá năm/ })
      .click();
    await fp.getByTestId('model-assessment').locator('[data-item="G2.1"]').waitFor();
    await report.staff(fp, 'self-assessment of a household');
    // An assisted registration: the villager's screen with the facilitator's bar and text size.
    await back(fp);
    await tile(fp, 'Hỗ trợ người dân làm bài');
    await fp.getByRole('button', { name: 'Người mới: đăng ký có hỗ trợ' }).click();
    await fp.getByTestId('assisted-by').waitFor();
    await report.villager(fp, 'register, assisted');
    await facilitatorContext.close();

    // The appraiser.
    const appraiserContext = await tabletContext(browser);
    const ap = await appraiserContext.newPage();
    await signIn(ap, url, staff.coMai);
    await report.staff(ap, 'home (appraiser)');
    await tile(ap, 'Thẩm định');
    await ap.getByTestId('queue').waitFor();
    await report.staff(ap, 'appraisals');
    await ap.getByRole('button', { name: `Mở: ${people.baLan.name}` }).click();
    await ap.locator('select[name="score-CS01"]').waitFor();
    await report.staff(ap, 'an appraisal case');
    await back(ap);
    await back(ap);
    await tile(ap, 'Danh sách đề nghị công nhận');
    await ap.getByTestId('list').waitFor();
    await report.staff(ap, 'lists (appraiser)');
    // The households' list, drafted then finalized; the center's clans' list (no village to choose).
    const listTitles = ap.getByRole('group', { name: 'Danh hiệu' });
    await listTitles.getByRole('button', { name: 'Gia đình học tập', exact: true }).click();
    await ap.locator('[data-testid="list"][data-title="gdht"]').getByText(registry.head).waitFor();
    await report.staff(ap, 'lists: households (appraiser)');
    await ap.getByRole('button', { name: 'Chốt danh sách' }).click();
    await ap.getByText(/Đã chốt lúc/).waitFor();
    await report.staff(ap, 'lists: households, finalized');
    await listTitles.getByRole('button', { name: 'Dòng họ học tập', exact: true }).click();
    await ap.getByText(/Danh sách dòng họ là của cả trung tâm/).waitFor();
    await ap.getByTestId('list-state').waitFor();
    await report.staff(ap, 'lists: clans');
    await appraiserContext.close();

    // The administrator.
    const adminContext = await tabletContext(browser);
    const ad = await adminContext.newPage();
    await signIn(ad, url, staff.chiHoa);
    await ad.getByTestId('backup').waitFor();
    await report.staff(ad, 'home (administrator)');
    await tile(ad, 'Nhật ký hoạt động');
    await ad.getByTestId('audit').locator('tbody tr').first().waitFor();
    await report.staff(ad, 'audit log');
    await back(ad);
    await tile(ad, 'Tài khoản');
    await ad.getByTestId('accounts').getByText(staff.coMai.name).waitFor();
    await report.staff(ad, 'accounts');
    await back(ad);
    // The finalized households' list: each entry locked, with the administrator's reopen opened.
    await tile(ad, 'Danh sách đề nghị công nhận');
    await ad
      .getByRole('group', { name: 'Danh hiệu' })
      .getByRole('button', { name: 'Gia đình học tập', exact: true })
      .click();
    const familyRow = ad.locator('[data-testid="list"][data-title="gdht"] tr', { hasText: registry.head });
    await familyRow.getByText('Mở lại (quản trị)').first().click();
    await familyRow.locator('input[name="reopen-reason"]').fill('Chấm nhầm');
    await report.staff(ad, 'lists: households, finalized, reopen (administrator)');
    await back(ad);
    await tile(ad, 'Đồng bộ với xã');
    await ad.locator('input[name="enrol-code"]').waitFor();
    await report.staff(ad, 'federation');
    await adminContext.close();

    report.assertClean();
  });
});

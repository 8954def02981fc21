import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AccessibilityReport } from './axe.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { staff } from '../fixtures/staff.ts';
import {
  adminApi,
  launchBrowser,
  setupCodeOf,
  startKiosk,
  tabletContext,
  watchErrors,
  type RunningKiosk,
} from './kiosk.ts';

/** Two boxes installed as install.sh leaves them: no center file (KIOSK_CENTER empty), no role. */
let center: RunningKiosk;
let hub: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [center, hub] = await Promise.all([
    startKiosk({ env: { KIOSK_CENTER: '' } }),
    startKiosk({ env: { KIOSK_CENTER: '' } }),
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([center?.stop(), hub?.stop()]);
});

/** The first administrator, as on any new box; a box with no center then opens its setup. */
async function firstAdminToSetup(page: Page, url: string) {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Mã cài đặt').fill(setupCodeOf(url) ?? '');
  await page.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
  await page.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByRole('heading', { name: 'Cài đặt máy' }).waitFor();
  await page.getByText('Máy chưa được cài đặt').waitFor();
}

/** Province from the 2025 list, then the commune found by typing without accents. */
async function choosePlace(page: Page, province: string, typed: string, commune: string) {
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: province });
  await page.getByLabel(/Tìm xã, phường/).fill(typed);
  await page.getByRole('radio', { name: commune, exact: true }).check();
  await page.getByTestId('chosen-commune').getByText(commune).waitFor();
}

describe('from nothing (issue 24)', () => {
  it('an installed box starts in setup; its administrator picks the place and three villages of different kinds, and the villager kiosk shows them', async () => {
    const context = await tabletContext(browser);
    const admin = await context.newPage();
    const errors = watchErrors(admin);
    await firstAdminToSetup(admin, center.url);
    await choosePlace(admin, 'Tỉnh Phú Thọ', 'tan son', 'Xã Tân Sơn');
    await admin.getByLabel('Tên trung tâm').fill('Trung tâm học tập cộng đồng xã Tân Sơn');
    // Three villages of different kinds: the place word goes in front of each.
    const villages = [
      ['Thôn', 'Đồng Sơn'],
      ['Bản', 'Khe Ngang'],
      ['Tổ dân phố', '3'],
    ] as const;
    for (const [i, [kind, name]] of villages.entries()) {
      if (i > 0) await admin.getByRole('button', { name: 'Thêm thôn, tổ dân phố' }).click();
      await admin.locator(`select[name="village-kind-${i}"]`).selectOption({ label: kind });
      await admin.locator(`input[name="village-name-${i}"]`).fill(name);
    }
    // The setup screen, filled in, held to the staff screens' standard (axe, 48 px, 200 % text, focus).
    const accessible = new AccessibilityReport();
    await accessible.staff(admin, 'setup screen with three villages');
    accessible.assertClean();
    // The 2023 four-group set from 2024 on, the 2022 one before, unless changed.
    expect(await admin.locator('select[name="criteria-2023"]').inputValue()).toBe('cdht-2022@2022.1');
    expect(await admin.locator('select[name="criteria-2026"]').inputValue()).toBe('cdht-2023@2023.1');
    await admin.locator('input[name="target-cdht-2026"]').fill('50');
    await admin.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await admin.getByText('Đã lưu cài đặt.').waitFor();

    // The villager kiosk: registration offers the three villages, the header names the center.
    const tablet = await context.newPage();
    await tablet.goto(center.url);
    await tablet.getByText('Trung tâm học tập cộng đồng xã Tân Sơn').first().waitFor();
    await tablet.getByRole('button', { name: /Tôi là người mới/ }).click();
    for (const name of ['Thôn Đồng Sơn', 'Bản Khe Ngang', 'Tổ dân phố 3'])
      await tablet.getByRole('button', { name, exact: true }).waitFor();
    expect(await tablet.getByRole('button', { name: 'Thôn Đồng Chằm' }).count()).toBe(0);

    // Editable later: the setup opens from the administrator's home, with what was saved.
    await admin.goto(`${center.url}/staff`);
    await admin.getByRole('button', { name: 'Cài đặt máy' }).click();
    expect(await admin.locator('input[name="village-name-1"]').inputValue()).toBe('Bản Khe Ngang');
    expect(await admin.getByRole('radio', { name: /Máy của xã/ }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a second box becomes the commune hub the same way', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    await firstAdminToSetup(officer, hub.url);
    await officer.getByRole('radio', { name: /Máy của xã/ }).check();
    await choosePlace(officer, 'Tỉnh Phú Thọ', 'TÂN SƠN', 'Xã Tân Sơn');
    await officer.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await officer.getByText('Đã lưu cài đặt.').waitFor();
    const status = await officer.evaluate(() => fetch('/api/staff/status').then((r) => r.json()));
    expect(status).toMatchObject({ serverRole: 'hub', hubLevel: 'commune' });
    // A hub looks like a hub: its start page is the officers' side, its roles are the commune's.
    await officer.goto(hub.url);
    await officer.waitForURL(/\/staff$/);
    await officer.getByRole('button', { name: 'Các trung tâm trong xã' }).waitFor();
    await officer.getByRole('heading', { name: /Cán bộ xã \(quản trị\)/ }).waitFor();
    expect(await officer.getByText('Quản trị trung tâm').count()).toBe(0);
    expect(await officer.getByRole('button', { name: 'Về màn hình người dân' }).count()).toBe(0);
    await context.close();
  });

  it('the center joins the hub by its code over HTTPS, and a record reaches the hub', async () => {
    const [hubContext, context] = await Promise.all([tabletContext(browser), tabletContext(browser)]);
    const [officer, admin] = await Promise.all([hubContext.newPage(), context.newPage()]);
    const errors = watchErrors(admin);
    const person = build.id();
    // Side by side: the officer and the center's administrator sign in, and a villager is registered
    // before the center joins (the first sync, run by the joining itself, carries her).
    await Promise.all([
      signIn(officer, hub.url),
      signIn(admin, center.url),
      adminApi(center.url).then(async (api) => {
        const body = { ...people.anhTuan, village: 'Thôn Đồng Sơn' };
        expect((await api('PUT', `/api/people/${person}`, body)).status).toBe(200);
      }),
    ]);

    await officer.getByRole('button', { name: 'Các trung tâm trong xã' }).click();
    await officer.locator('input[name="node-name"]').fill('Trung tâm học tập cộng đồng xã Tân Sơn');
    // The address centers reach the hub by: here its HTTPS port on this machine.
    await officer.locator('input[name="hub-address"]').fill(`127.0.0.1:${hub.tlsPort}`);
    await officer.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
    const code = (await officer.getByTestId('enrolment-code').textContent())!.trim();
    const accessible = new AccessibilityReport();
    await accessible.staff(officer, 'hub centers screen with a join code and its QR');
    accessible.assertClean();
    expect(code).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${hub.tlsPort} [2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$`),
    );
    await officer.locator('.qr svg').waitFor();

    await admin.getByRole('button', { name: 'Đồng bộ với xã' }).click();
    // Typed once, in lower case with spaces: no address field, no fingerprint to copy.
    await admin.locator('input[name="enrol-code"]').fill(code.toLowerCase().replace(/-/g, ' '));
    expect(await admin.locator('input[name="hub-url"]').count()).toBe(0);
    await admin.getByRole('button', { name: 'Đăng ký với xã' }).click();
    await admin.getByText(/Đã đăng ký với .* và chạy lần đồng bộ đầu tiên/).waitFor();
    const shown = await admin.getByTestId('federation').textContent();
    expect(shown).toContain(`https://127.0.0.1:${hub.tlsPort}`);
    expect((await admin.getByTestId('federation-waiting').textContent())!.trim()).toBe('0');
    // Pinned: the fingerprint the hub shows for its own CA.
    const fingerprint = (await officer.getByTestId('hub-fingerprint').locator('strong').textContent())!.trim();
    expect(await admin.getByTestId('hub-fingerprint').textContent()).toBe(fingerprint);

    const db = new Database(join(hub.dataDir, 'kiosk.sqlite'), { readonly: true });
    try {
      expect(
        db.prepare("select count(*) n from hub_record where record_kind = 'person' and record_id = ?").get(person),
      ).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(errors).toEqual([]);
    await Promise.all([context.close(), hubContext.close()]);
  });
});

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/staff`);
  await page.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
  await page.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(staff.chiHoa.name) }).waitFor();
}

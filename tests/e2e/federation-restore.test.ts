import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../server/src/backup/backup.create.ts';
import { restoreBackup } from '../../server/src/backup/backup.restore.ts';
import { build, people } from '../fixtures/people.ts';
import { staff } from '../fixtures/staff.ts';
import { adminApi, launchBrowser, startKiosk, tabletContext, type RunningKiosk } from './kiosk.ts';

/**
 * Issue 21, on the sync screen: a center restored from its backup tells its administrator how many
 * changes went with the old box, and the old box, started again after its replacement synced,
 * shows in Vietnamese that it cannot send, with its changes still waiting (never "0").
 */

let hub: RunningKiosk;
let old: RunningKiosk;
let restored: RunningKiosk | null = null;
let browser: Browser;
const temp = mkdtempSync(join(tmpdir(), 'kiosk-e2e-restore-'));
beforeAll(async () => {
  [hub, old] = await Promise.all([startKiosk({ env: { KIOSK_ROLE: 'hub' } }), startKiosk()]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), old?.stop(), restored?.stop()]);
  rmSync(temp, { recursive: true, force: true });
});

/** The administrator's sync screen, signed in with her PIN. */
async function syncScreen(url: string) {
  const page = await (await tabletContext(browser)).newPage();
  await page.goto(`${url}/staff`);
  await page.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
  await page.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('heading', { name: new RegExp(staff.chiHoa.name) }).waitFor();
  await page.getByRole('button', { name: 'Đồng bộ với xã' }).click();
  await page.getByTestId('federation').waitFor();
  return page;
}

describe('a restored center and the box it replaced, on the sync screen', () => {
  it('the restored box counts what went with the old one; the old one, back again, shows it cannot send', async () => {
    const officer = await adminApi(hub.url);
    const first = await adminApi(old.url);
    const code = (await officer('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' })).body.code;
    expect((await first('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    const registerOn = async (api: typeof first, n: number) => {
      for (let i = 0; i < n; i++)
        expect((await api('PUT', `/api/people/${build.id()}`, people.baLan)).status).toBe(200);
    };
    await registerOn(first, 2);
    expect((await first('POST', '/api/staff/federation/run')).body).toMatchObject({ waiting: 0, lastError: null });
    const backup = await createBackup({ dataDir: old.dataDir, to: join(temp, 'backups'), createTo: true });
    await registerOn(first, 3);
    expect((await first('POST', '/api/staff/federation/run')).body).toMatchObject({ waiting: 0, lastError: null });

    // The box "dies"; a new one is restored from the backup and syncs.
    const dataDir = join(temp, 'restored');
    await restoreBackup({ from: backup.path, dataDir });
    restored = await startKiosk({ dataDir });
    const second = await adminApi(restored.url);
    await registerOn(second, 1);
    const synced = (await second('POST', '/api/staff/federation/run')).body;
    expect(synced).toMatchObject({ waiting: 0, lastError: null, historyUnresolved: false });
    expect(synced.lostChanges).toBeGreaterThanOrEqual(3);
    const page = await syncScreen(restored.url);
    await page
      .getByTestId('federation-lost')
      .getByText(`${synced.lostChanges} thay đổi đã gửi đi từ máy cũ nhưng không có trong bản sao lưu`)
      .waitFor();

    // The old box comes back and takes a villager: it must not send, and says so.
    await registerOn(first, 1);
    const back = await syncScreen(old.url);
    await back.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await back.getByRole('alert').getByText('Trung tâm và xã không khớp nhau về những dữ liệu đã gửi').waitFor();
    const waiting = (await back.getByTestId('federation-waiting').textContent())!;
    expect(waiting).toMatch(/^[1-9]\d* thay đổi được giữ ở đây, chưa gửi được/);
  });
});

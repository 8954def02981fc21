import type { Response } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { staff } from '../fixtures/staff.ts';
import { adminApi, kioskAndBrowser, tabletContext, waitForServiceWorker, watchErrors } from './kiosk.ts';

const box = kioskAndBrowser();

describe('learning resources on the tablet', () => {
  it('are browsable and searchable with the box stopped, and a change reaches the tablet without the whole catalog again', async () => {
    const url = box.kiosk.url;
    const api = await adminApi(url);
    const put = async (body: Record<string, unknown>) => {
      expect((await api('PUT', `/api/staff/resources/${uuidv7()}`, body)).status).toBe(200);
    };
    await put({ kind: 'class', title: 'Học máy tính cho người lớn tuổi', topic: 'Kỹ năng số', teacher: 'Cô Mai', place: 'Phòng học trung tâm', indicators: ['CS05'], sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }] });
    await put({ kind: 'printed', title: 'Sổ tay trồng lúa vụ đông', topic: 'Nông nghiệp', indicators: ['CS07'] });
    await put({ kind: 'link', title: 'Sử dụng điện thoại thông minh an toàn', topic: 'An toàn trên mạng', url: 'https://example.vn/an-toan', domains: ['safety'] });

    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    // What each catalog answer carried, to count the records transferred.
    const transferred: number[] = [];
    page.on('response', (res: Response) => {
      if (new URL(res.url()).pathname === '/api/resources') void res.json().then((b: { changes: unknown[] }) => transferred.push(b.changes.length), () => {});
    });
    await page.goto(url);
    await waitForServiceWorker(page);
    await page.getByTestId('open-resources').click();
    await page.getByTestId('resource').nth(2).waitFor();
    await expect.poll(() => transferred).toEqual([3]);

    // The box is switched off: the catalog is still there, and searchable without accents or with a typo.
    await box.kiosk.halt();
    try {
      await page.reload();
      await page.getByTestId('resource').first().waitFor();
      expect(await page.getByTestId('resource').count()).toBe(3);
      const search = page.locator('input[name="resource-search"]');
      await search.fill('hoc may tinh');
      await expect.poll(() => page.getByTestId('resource').allTextContents()).toEqual([expect.stringContaining('Học máy tính cho người lớn tuổi')]);
      await search.fill('dien thaoi');
      await expect.poll(() => page.getByTestId('resource').allTextContents()).toEqual([expect.stringContaining('Sử dụng điện thoại thông minh an toàn')]);
      expect(await page.getByText('Đang xem danh sách đã lưu trên máy').count()).toBe(1);
    } finally {
      await box.kiosk.resume();
    }

    // One new resource on the box: the tablet's next refresh carries that one only.
    await put({ kind: 'class', title: 'Lớp tiếng Anh giao tiếp', topic: 'Ngoại ngữ', teacher: 'Thầy Hùng', place: 'Nhà văn hóa thôn', indicators: ['CS06'] });
    const before = transferred.length;
    await page.reload();
    await page.getByTestId('resource').nth(3).waitFor();
    await expect.poll(() => transferred.slice(before).filter((n) => n > 0)).toEqual([1]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a facilitator imports a sheet (a bad row stops it, named), then adds a class by hand', async () => {
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    await page.goto(`${box.kiosk.url}/staff`);
    await page.getByLabel('Họ và tên', { exact: true }).fill(staff.chiHoa.name);
    await page.getByLabel('Mã PIN (6 số)').fill(staff.chiHoa.pin);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Lớp học và tài liệu' }).click();
    const listed = () => page.getByTestId('staff-resources').locator('tr').count();
    await page.getByTestId('staff-resources').locator('tr').first().waitFor();
    const before = await listed();

    const csv = (rows: string[]) => ({ name: 'tai-lieu.csv', mimeType: 'text/csv', buffer: Buffer.from(['Loại,Tiêu đề,Chủ đề,Chỉ số', ...rows].join('\r\n')) });
    await page.locator('input[name="resource-import"]').setInputFiles(csv(['Tài liệu in,Sổ tay chăn nuôi,Nông nghiệp,CS07', 'Phim,Video làm vườn,Nông nghiệp,CS07']));
    expect(await page.getByTestId('import-problems').textContent()).toContain('Dòng 3');
    expect(await listed()).toBe(before);
    await page.locator('input[name="resource-import"]').setInputFiles(csv(['Tài liệu in,Sổ tay chăn nuôi,Nông nghiệp,CS07', 'Video,Video làm vườn,Nông nghiệp,CS07']));
    await page.getByText('Đã nhập 2 tài liệu.').waitFor();
    expect(await listed()).toBe(before + 2);

    await page.locator('select[name="resource-kind"]').selectOption('class');
    await page.locator('input[name="resource-title"]').fill('Lớp dùng Zalo an toàn');
    await page.locator('input[name="resource-topic"]').fill('Kỹ năng số');
    await page.locator('input[name="resource-place"]').fill('Phòng học trung tâm');
    await page.locator('input[name="resource-teacher"]').fill('Cô Mai');
    await page.locator('textarea[name="resource-sessions"]').fill('5/12/2026 8:00');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByTestId('staff-resources').getByText('Lớp dùng Zalo an toàn').waitFor();
    const { changes } = await (await fetch(`${box.kiosk.url}/api/resources?since=0`)).json() as { changes: { title: string; sessions: { startsAt: string }[] }[] };
    expect(changes.find((r) => r.title === 'Lớp dùng Zalo an toàn')?.sessions).toEqual([{ startsAt: '2026-12-05T01:00:00.000Z' }]);
    await context.close();
  });
});

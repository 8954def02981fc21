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
    await put({
      kind: 'class',
      title: 'Học máy tính cho người lớn tuổi',
      topic: 'Kỹ năng số',
      teacher: 'Cô Mai',
      place: 'Phòng học trung tâm',
      indicators: ['CS05'],
      sessions: [{ startsAt: '2026-11-27T01:00:00.000Z' }],
    });
    await put({ kind: 'printed', title: 'Sổ tay trồng lúa vụ đông', topic: 'Nông nghiệp', indicators: ['CS07'] });
    await put({
      kind: 'link',
      title: 'Sử dụng điện thoại thông minh an toàn',
      topic: 'An toàn trên mạng',
      url: 'https://example.vn/an-toan',
      domains: ['safety'],
    });

    const context = await tabletContext(box.browser, { serviceWorker: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // What each catalog answer carried, to count the records transferred.
    const transferred: number[] = [];
    page.on('response', (res: Response) => {
      if (new URL(res.url()).pathname === '/api/resources')
        void res.json().then(
          (b: { changes: unknown[] }) => transferred.push(b.changes.length),
          () => {},
        );
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
      await expect
        .poll(() => page.getByTestId('resource').allTextContents())
        .toEqual([expect.stringContaining('Học máy tính cho người lớn tuổi')]);
      await search.fill('dien thaoi');
      await expect
        .poll(() => page.getByTestId('resource').allTextContents())
        .toEqual([expect.stringContaining('Sử dụng điện thoại thông minh an toàn')]);
      expect(await page.getByText('Đang xem danh sách đã lưu trên máy').count()).toBe(1);
    } finally {
      await box.kiosk.resume();
    }

    // One new resource on the box: the tablet's next refresh carries that one only.
    await put({
      kind: 'class',
      title: 'Lớp tiếng Anh giao tiếp',
      topic: 'Ngoại ngữ',
      teacher: 'Thầy Hùng',
      place: 'Nhà văn hóa thôn',
      indicators: ['CS06'],
    });
    const before = transferred.length;
    await page.reload();
    await page.getByTestId('resource').nth(3).waitFor();
    await expect.poll(() => transferred.slice(before).filter((n) => n > 0)).toEqual([1]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by kind, topic, indicator and "this week"; a stored video is served by range', async () => {
    const url = box.kiosk.url;
    const api = await adminApi(url);
    const day = 86_400_000;
    const soon = new Date(Date.now() + 2 * day).toISOString();
    const later = new Date(Date.now() + 20 * day).toISOString();
    const put = async (body: Record<string, unknown>) =>
      expect((await api('PUT', `/api/staff/resources/${uuidv7()}`, body)).status).toBe(200);
    await put({
      kind: 'class',
      title: 'Lớp trồng nấm rơm',
      topic: 'Nông nghiệp',
      teacher: 'Anh Dũng',
      place: 'Nhà văn hóa thôn',
      indicators: ['CS07'],
      sessions: [{ startsAt: soon }],
    });
    await put({
      kind: 'class',
      title: 'Lớp nuôi ong lấy mật',
      topic: 'Nông nghiệp',
      teacher: 'Anh Dũng',
      place: 'Nhà văn hóa thôn',
      indicators: ['CS07'],
      sessions: [{ startsAt: later }],
    });
    // A (fake) MP4: only its first bytes matter to the box, which sniffs the type.
    const video = new Uint8Array(50_000).map((_, i) => i % 251);
    video.set([0, 0, 0, 24, ...new TextEncoder().encode('ftypisom')]);
    const stored = await api('POST', '/api/staff/media', video);
    expect(stored.body).toMatchObject({ type: 'video/mp4', bytes: 50_000 });
    await put({
      kind: 'video',
      title: 'Nhận biết tin nhắn lừa đảo',
      topic: 'An toàn trên mạng',
      indicators: ['CS05'],
      domains: ['safety'],
      file: { ...stored.body, name: 'lua-dao.mp4' },
    });

    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.getByTestId('open-resources').click();
    await page.getByTestId('resource').first().waitFor();
    const { changes } = (await (await fetch(`${url}/api/resources?since=0`)).json()) as {
      changes: {
        title: string;
        kind: string;
        topic: string;
        indicators: string[];
        retired: boolean;
        sessions: { startsAt: string }[];
      }[];
    };
    const live = changes.filter((c) => !c.retired);
    const titles = () => page.getByTestId('resource').locator('h2').allTextContents();
    const sorted = (xs: string[]) => [...xs].sort((a, b) => a.localeCompare(b, 'vi'));
    await expect.poll(titles).toEqual(sorted(live.map((c) => c.title)));

    // "Học tại trung tâm tuần này": classes with a session in the coming seven days, counted here independently.
    const weekEnd = Date.now() + 7 * day;
    const thisWeek = live
      .filter(
        (c) =>
          c.kind === 'class' &&
          c.sessions.some((s) => Date.parse(s.startsAt) >= Date.now() && Date.parse(s.startsAt) < weekEnd),
      )
      .map((c) => c.title);
    expect(thisWeek).toContain('Lớp trồng nấm rơm');
    await page.getByTestId('filter-this-week').click();
    await expect.poll(titles).toEqual(sorted(thisWeek));
    await page.getByTestId('filter-this-week').click();

    await page.getByTestId('filter-kind-video').click();
    await expect.poll(titles).toEqual(['Nhận biết tin nhắn lừa đảo']);
    await page.getByTestId('filter-kind-video').click();
    await page.locator('select[name="resource-topic"]').selectOption('Nông nghiệp');
    await expect.poll(titles).toEqual(sorted(live.filter((c) => c.topic === 'Nông nghiệp').map((c) => c.title)));
    await page.locator('select[name="resource-indicator"]').selectOption('CS07');
    await page.locator('input[name="resource-search"]').fill('nuoi ong');
    await expect.poll(titles).toEqual(['Lớp nuôi ong lấy mật']);
    await page.locator('input[name="resource-search"]').fill('');
    await page.locator('select[name="resource-topic"]').selectOption('');
    await page.locator('select[name="resource-indicator"]').selectOption('');

    // The video plays from the box: its element points at the stored file, which answers a range.
    await page.getByTestId('filter-kind-video').click();
    await page.getByRole('button', { name: 'Xem video' }).click();
    const src = await page.getByTestId('resource-video').getAttribute('src');
    expect(src).toBe(`/api/media/${stored.body.sha256 as string}.mp4`);
    const part = await page.evaluate(async (path) => {
      const res = await fetch(path, { headers: { range: 'bytes=100-199' } });
      return {
        status: res.status,
        range: res.headers.get('content-range'),
        first: new Uint8Array(await res.arrayBuffer())[0],
      };
    }, src!);
    expect(part).toEqual({ status: 206, range: 'bytes 100-199/50000', first: 100 % 251 });
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

    const csv = (rows: string[]) => ({
      name: 'tai-lieu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Loại,Tiêu đề,Chủ đề,Chỉ số', ...rows].join('\r\n')),
    });
    await page
      .locator('input[name="resource-import"]')
      .setInputFiles(csv(['Tài liệu in,Sổ tay chăn nuôi,Nông nghiệp,CS07', 'Phim,Video làm vườn,Nông nghiệp,CS07']));
    expect(await page.getByTestId('import-problems').textContent()).toContain('Dòng 3');
    expect(await listed()).toBe(before);
    await page
      .locator('input[name="resource-import"]')
      .setInputFiles(csv(['Tài liệu in,Sổ tay chăn nuôi,Nông nghiệp,CS07', 'Video,Video làm vườn,Nông nghiệp,CS07']));
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
    const { changes } = (await (await fetch(`${box.kiosk.url}/api/resources?since=0`)).json()) as {
      changes: { title: string; sessions: { startsAt: string }[] }[];
    };
    expect(changes.find((r) => r.title === 'Lớp dùng Zalo an toàn')?.sessions).toEqual([
      { startsAt: '2026-12-05T01:00:00.000Z' },
    ]);
    await context.close();
  });
});

import { describe, expect, it } from 'vitest';
import { formatVietnamDateTime, vietnamDate } from '../../shared/domain/vietnam-time.ts';
import { build, people } from '../fixtures/people.ts';
import { staff } from '../fixtures/staff.ts';
import { adminApi, kioskAndBrowser, tabletContext, watchErrors } from './kiosk.ts';

const box = kioskAndBrowser();

describe('attendance at a class', () => {
  it('a facilitator marks who came in the browser; the assessment carries it as CS03 evidence and the villager sees it', async () => {
    const url = box.kiosk.url;
    const api = await adminApi(url);
    expect((await api('POST', '/api/staff/accounts', staff.anhBinh)).status).toBe(200);
    const lan = build.id();
    const registered = await api('PUT', `/api/people/${lan}`, people.baLan);
    expect(registered.status).toBe(200);
    const code = registered.body.code as string;
    const assessmentId = build.id();
    expect(
      (await api('PUT', `/api/assessments/${assessmentId}`, build.assessment(lan, { status: 'draft' }))).status,
    ).toBe(200);

    // The box runs on the real clock: one session earlier today (in Vietnam), one next week.
    const now = Date.now();
    const startOfToday = Date.parse(`${vietnamDate(new Date(now))}T00:00:00+07:00`);
    const past = new Date(Math.floor(Math.max(now - 3_600_000, startOfToday) / 60_000) * 60_000).toISOString();
    const nextWeek = new Date(Math.floor((now + 7 * 86_400_000) / 60_000) * 60_000).toISOString();
    const title = 'Học dùng điện thoại thông minh';
    expect(
      (
        await api('PUT', `/api/staff/resources/${build.id()}`, {
          kind: 'class',
          title,
          topic: 'Kỹ năng số',
          teacher: 'Cô Mai',
          place: 'Phòng học trung tâm',
          indicators: ['CS03', 'CS05'],
          sessions: [{ startsAt: past }, { startsAt: nextWeek }],
        })
      ).status,
    ).toBe(200);

    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${url}/staff`);
    await page.getByLabel('Họ và tên', { exact: true }).fill(staff.anhBinh.name);
    await page.getByLabel('Mã PIN (6 số)').fill(staff.anhBinh.pin);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Lớp học và tài liệu' }).click();
    await page
      .getByTestId('staff-resources')
      .locator('tr', { hasText: title })
      .getByRole('button', { name: 'Điểm danh' })
      .click();

    const panel = page.getByTestId('attendance');
    await panel.getByRole('heading', { name: `Điểm danh: ${title}` }).waitFor();
    // Only the session that has taken place can be chosen.
    const session = panel.locator('select[name="attendance-session"]');
    await expect.poll(() => session.locator('option').allTextContents()).toEqual([formatVietnamDateTime(past)]);
    await panel.getByText('Chưa đánh dấu ai có mặt ở buổi này.').waitFor();

    await panel.locator('input[name="name"]').fill('Lan');
    await panel.getByRole('button', { name: 'Tìm', exact: true }).click();
    await panel.getByRole('button', { name: 'Thêm vào buổi này' }).click();
    const tick = panel.getByRole('checkbox', { name: 'Có mặt: Nguyễn Thị Lan' });
    expect(await tick.isChecked()).toBe(true);
    await panel.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await panel
      .getByRole('status')
      .getByText(`Đã lưu: 1 người có mặt buổi ${formatVietnamDateTime(past)}.`)
      .waitFor();

    // Read as staff: an assessment is not for anyone who knows its id.
    const assessment = async () =>
      (await api('GET', `/api/assessments/${assessmentId}`)).body as { attendance: unknown };
    expect((await assessment()).attendance).toEqual({ count: 1, lastAt: past, sessions: [{ title, startsAt: past }] });

    // Bà Lan at the tablet: her draft opens at the review; at CS03 she is told she came to a class.
    const tabletContextOfLan = await tabletContext(box.browser);
    const tablet = await tabletContextOfLan.newPage();
    const tabletErrors = watchErrors(tablet);
    await tablet.goto(url);
    await tablet.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await tablet.getByLabel(/Mã trên phiếu/).fill(code);
    await tablet.getByLabel('Năm sinh', { exact: true }).fill('1954');
    await tablet.getByRole('button', { name: 'Tìm', exact: true }).click();
    await tablet.getByRole('button', { name: 'Đúng, là tôi' }).click();
    await tablet.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    await tablet.locator('.answers li', { hasText: 'CS03' }).getByRole('button', { name: 'Sửa' }).click();
    await tablet.locator('section[data-indicator="CS03"]').waitFor();
    expect(await tablet.getByTestId('attendance-evidence').locator('p').textContent()).toBe(
      `Bác đã đi học 1 buổi ở trung tâm năm nay. Lần gần nhất: ngày ${formatVietnamDateTime(past).split(' ')[0]}.`,
    );

    // Unticked and saved again: the mark goes, and with it the evidence.
    await tick.uncheck();
    await panel.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await panel
      .getByRole('status')
      .getByText(`Đã lưu: 0 người có mặt buổi ${formatVietnamDateTime(past)}.`)
      .waitFor();
    expect((await assessment()).attendance).toBeNull();

    expect(errors).toEqual([]);
    expect(tabletErrors).toEqual([]);
    await tabletContextOfLan.close();
    await context.close();
  });
});

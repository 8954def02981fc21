import Database from 'better-sqlite3';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { adminApi, kioskAndBrowser, tabletContext, watchErrors } from './kiosk.ts';
import { answerAll, indicatorIds, register, sessionToken, submit } from './villager.ts';

const box = kioskAndBrowser();

/** The calendar date in Vietnam (UTC+7) `days` from now, as dd/mm/yyyy, and the last day of a later month. */
const vietnam = (ms: number) => new Date(ms + 7 * 3600_000);
const dmy = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const endOfMonthAhead = (months: number) => {
  const today = vietnam(Date.now());
  return dmy(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + months + 1, 0)));
};

describe('the personal learning plan', () => {
  it('after her self-assessment a villager picks resources for her weakest indicators, saves and prints the plan; it is CS02 evidence at the box', async () => {
    const api = await adminApi(box.kiosk.url);
    const put = async (body: Record<string, unknown>) =>
      expect((await api('PUT', `/api/staff/resources/${uuidv7()}`, body)).status).toBe(200);
    // A session in three days, or in an hour when three days would reach into next year (the plan keeps to its year).
    const inThreeDays = Date.now() + 3 * 86_400_000;
    const session = new Date(
      vietnam(inThreeDays).getUTCFullYear() === vietnam(Date.now()).getUTCFullYear()
        ? inThreeDays
        : Date.now() + 3600_000,
    ).toISOString();
    await put({
      kind: 'class',
      title: 'Lớp dùng điện thoại thông minh',
      topic: 'Kỹ năng số',
      teacher: 'Cô Mai',
      place: 'Phòng học trung tâm',
      indicators: ['CS05'],
      sessions: [{ startsAt: session }],
    });
    await put({
      kind: 'printed',
      title: 'Sổ tay dịch vụ công trực tuyến',
      topic: 'Dịch vụ công',
      indicators: ['CS05'],
    });
    await put({ kind: 'printed', title: 'Sổ tay phòng chống thiên tai', topic: 'An toàn', indicators: ['CS09'] });

    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await register(page, box.kiosk.url, 'Hà Thị Nở', '1958', 'Thôn Khe Ngang');
    await page.locator('button[data-group="cu-dan"]').click();
    // Weakest: CS05 (below the minimum), then CS03, then the first of the rest.
    await answerAll(
      page,
      Object.fromEntries(indicatorIds.map((id) => [id, id === 'CS05' ? 3 : id === 'CS03' ? 5 : 8])),
    );
    await submit(page);

    await page.getByTestId('start-plan').click();
    await page.getByTestId('plan').waitFor();
    const titles = page.getByTestId('resource').locator('h2');
    await expect
      .poll(() => titles.allTextContents())
      .toEqual(['Lớp dùng điện thoại thông minh', 'Sổ tay dịch vụ công trực tuyến']);
    expect(await page.getByTestId('save-plan').isDisabled()).toBe(true);
    const card = (title: string) => page.getByTestId('resource').filter({ hasText: title });
    await card('Lớp dùng điện thoại thông minh').getByRole('button', { name: 'Chọn lớp này' }).click();
    // A month she may choose ends within the assessment year (the calendar year here): in December only this month.
    const nextMonthInYear = endOfMonthAhead(1).endsWith(String(vietnam(Date.now()).getUTCFullYear()));
    expect(
      await card('Sổ tay dịch vụ công trực tuyến').getByRole('button', { name: 'Đến hết tháng sau' }).count(),
    ).toBe(nextMonthInYear ? 1 : 0);
    await card('Sổ tay dịch vụ công trực tuyến').getByRole('button', { name: 'Trong tháng này' }).click();
    await card('Sổ tay dịch vụ công trực tuyến').locator('button[aria-pressed="true"]').waitFor();
    await page.getByRole('button', { name: 'Lưu kế hoạch (2 mục)' }).click();

    // The plan as printed: each thing with when to learn it.
    await page.getByTestId('plan-saved').waitFor();
    const rows = await page.getByTestId('plan-items').locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Lớp dùng điện thoại thông minh');
    expect(rows[0]).toContain(dmy(vietnam(Date.parse(session))));
    expect(rows[1]).toContain(`Trước ngày ${endOfMonthAhead(0)}`);
    await page.getByText('Đã gửi về trung tâm').waitFor();

    // At the box: the plan is stored and stands as CS02 evidence on her assessment.
    const db = new Database(join(box.kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
    const { id: personId } = db.prepare('SELECT id FROM person WHERE name = ?').get('Hà Thị Nở') as { id: string };
    const { id: assessmentId } = db.prepare('SELECT id FROM assessment WHERE subject_id = ?').get(personId) as {
      id: string;
    };
    db.close();
    // Read as her tablet session does, with its token.
    const headers = { 'X-Villager-Token': await sessionToken(page) };
    const plans = (await (
      await fetch(`${box.kiosk.url}/api/people/${personId}/learning-plans`, { headers })
    ).json()) as { id: string; needs: { indicators: string[] }; items: { title: string }[] }[];
    expect(plans).toHaveLength(1);
    expect(plans[0]!.needs.indicators).toEqual(['CS05', 'CS03', 'CS01']);
    expect(plans[0]!.items.map((i) => i.title)).toEqual([
      'Lớp dùng điện thoại thông minh',
      'Sổ tay dịch vụ công trực tuyến',
    ]);
    const view = (await (await fetch(`${box.kiosk.url}/api/assessments/${assessmentId}`, { headers })).json()) as {
      learningPlan: { planId: string } | null;
    };
    expect(view.learningPlan?.planId).toBe(plans[0]!.id);

    await page.getByRole('button', { name: 'Xong', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

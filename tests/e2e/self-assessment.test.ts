import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskAndBrowser, tabletContext, watchErrors } from './kiosk.ts';
import { addPhoto, answer, expectPressed, next, register } from './villager.ts';

const box = kioskAndBrowser();

function tables(): Record<string, number> {
  const db = new Database(join(box.kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ['person', 'assessment', 'assessment_item', 'evidence']) {
      out[t] = (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    }
    return out;
  } finally {
    db.close();
  }
}

describe('a villager completes a Công dân học tập self-assessment', () => {
  it('bà Lan registers, scores ten indicators with a photo, survives a reload, submits and is provisionally recognized', async () => {
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await register(page, box.kiosk.url, 'Nguyễn Thị Lan', '1954', 'Thôn Đồng Chằm', { reloadMidForm: true });

    await page.locator('button[data-group="cu-dan"]').click();
    const scores: Record<string, number> = {
      CS01: 9,
      CS02: 8,
      CS03: 8,
      CS04: 9,
      CS05: 7,
      CS06: 6,
      CS07: 8,
      CS08: 8,
      CS09: 9,
      CS10: 10,
    };
    const ids = Object.keys(scores);
    for (const id of ids.slice(0, 5)) {
      await answer(page, id, scores[id]!);
      if (id === 'CS03') await addPhoto(page, 'CS03');
      await next(page);
    }

    // Mid-way the tab is reloaded: she is back on CS06 and every answer is kept.
    await page.locator('section[data-indicator="CS06"]').waitFor();
    await page.reload();
    await page.locator('section[data-indicator="CS06"]').waitFor();
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expectPressed(page, scores.CS05!);
    await next(page);

    for (const id of ids.slice(5)) {
      await answer(page, id, scores[id]!);
      await next(page);
    }

    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    expect(await page.getByTestId('total').textContent()).toBe('82');
    expect(await page.getByText('1 ảnh', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();

    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toContain('Đạt');
    const code = (await page.getByTestId('person-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await page.locator('.qr svg').waitFor();
    await page.getByText('Đã gửi về trung tâm').waitFor();

    expect(tables()).toEqual({ person: 1, assessment: 1, assessment_item: 10, evidence: 1 });
    const db = new Database(join(box.kiosk.dataDir, 'kiosk.sqlite'), { readonly: true });
    const stored = db.prepare('select status, year from assessment').get() as { status: string; year: number };
    const photo = db.prepare('select mime, bytes from evidence').get() as { mime: string; bytes: number };
    db.close();
    expect(stored.status).toBe('submitted');
    expect(photo.mime).toBe('image/jpeg');

    // "Xong" clears the tablet for the next person.
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy' }).click();
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    expect(await page.getByText('Nguyễn Thị Lan').count()).toBe(0);

    // She comes back with her slip and finds her submitted result.
    await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await page.getByLabel(/Mã trên phiếu/).fill(code.toLowerCase());
    await page.getByLabel('Năm sinh', { exact: true }).fill('1954');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Nguyễn Thị Lan').waitFor();
    await page.getByRole('button', { name: 'Đúng, là tôi' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await page.getByTestId('person-code').textContent()).toBe(code);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('anh Tuấn with CS07 at 4 is told "not yet" and which indicator is short', async () => {
    const before = tables();
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    await register(page, box.kiosk.url, 'Trần Văn Tuấn', '1988', 'Thôn Bãi Muống');
    await page.locator('button[data-group="nguoi-lao-dong"]').click();
    for (const id of ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10']) {
      await answer(page, id, id === 'CS07' ? 4 : 9);
      await next(page);
    }
    await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toContain('Chưa đạt');
    expect(await page.locator('.shortfalls').textContent()).toContain('CS07');
    await page.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();
    await page.getByTestId('confirm-send').getByRole('button', { name: 'Gửi luôn' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await page.getByTestId('verdict').textContent()).toContain('Chưa đạt');
    const shortfalls = await page.locator('.shortfalls').textContent();
    expect(shortfalls).toContain('CS07');
    expect(shortfalls).toContain('được 4 điểm: cần ít nhất 5 điểm');
    await page.getByText('Đã gửi về trung tâm').waitFor();
    expect(tables()).toEqual({
      person: before.person! + 1,
      assessment: before.assessment! + 1,
      assessment_item: before.assessment_item! + 10,
      evidence: before.evidence,
    });
    await context.close();
  });
});

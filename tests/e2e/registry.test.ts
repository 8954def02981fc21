import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { adminApi, firstAdmin, kioskAndBrowser, tabletContext, watchErrors } from './kiosk.ts';

/**
 * The registry and the other titles' self-assessments from the staff screens: a unit's leader
 * answers its targets with an officer; the computed share follows the staff linked and their CDHT
 * decisions; a household's computed items explain themselves, and a photo added to one of its
 * declared items shows in the branch's appraisal.
 */

const box = kioskAndBrowser();

describe('registry and self-assessment of a unit and a household on the staff screens', () => {
  it('an officer registers a unit, enters its staff count, assesses it and submits', async () => {
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await firstAdmin(page, box.kiosk.url);
    const api = await adminApi(box.kiosk.url);

    // Two registered workers and a household, made through the API as a tablet would.
    const people = [];
    for (const [name, birthYear] of [
      ['Đinh Văn Lực', 1980],
      ['Đinh Thị Nga', 1985],
    ] as const) {
      const id = uuidv7();
      const res = await api('PUT', `/api/people/${id}`, {
        name,
        birthYear,
        village: 'Thôn Gò Chè',
        consents: { assessment: true, publicList: true, statistics: true },
      });
      expect(res.status).toBe(200);
      people.push({ id, code: res.body.code as string, birthYear });
    }
    const householdId = uuidv7();
    expect(
      (
        await api('PUT', `/api/households/${householdId}`, {
          village: 'Thôn Gò Chè',
          headCode: people[0]!.code,
          headBirthYear: 1980,
        })
      ).status,
    ).toBe(200);

    await page.getByRole('button', { name: 'Gia đình, dòng họ, đơn vị' }).click();
    await page.getByRole('heading', { name: 'Gia đình, dòng họ và đơn vị học tập' }).waitFor();
    await expect.poll(() => page.getByTestId('households').textContent()).toContain('Đinh Văn Lực');

    await page.getByRole('button', { name: 'Đơn vị', exact: true }).click();
    await page.getByLabel('Tên đơn vị').fill('Hợp tác xã chè Gò Chè');
    await page.getByLabel('Loại đơn vị').selectOption('cooperative');
    await page.locator('form').filter({ hasText: 'Thêm đơn vị' }).getByLabel('Thôn').selectOption('Thôn Gò Chè');
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    const units = page.getByTestId('units');
    await expect.poll(() => units.textContent()).toContain('Hợp tác xã chè Gò Chè');
    await units.getByLabel(/Số người lao động năm/).fill('1');
    await units.getByRole('button', { name: 'Lưu số người' }).click();
    await units.getByLabel('Mã trên phiếu').fill(people[0]!.code);
    await units.getByLabel('Năm sinh').fill('1980');
    await units.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => units.textContent()).toContain('Đã liên kết 1 người');
    // A second worker would pass the staff count of 1: refused with the box's reason in Vietnamese.
    await units.getByLabel('Mã trên phiếu').fill(people[1]!.code);
    await units.getByLabel('Năm sinh').fill('1985');
    await units.getByRole('button', { name: 'Thêm' }).click();
    await page.getByRole('alert').waitFor();
    await expect.poll(() => units.textContent()).toContain('Đã liên kết 1 người');

    await units.getByRole('button', { name: /Tự đánh giá năm/ }).click();
    const form = page.getByTestId('model-assessment');
    await form.getByRole('heading', { name: /Đơn vị học tập — Hợp tác xã chè Gò Chè/ }).waitFor();
    // Nobody linked is a CDHT yet: the computed share says so and no level is reached.
    await expect.poll(() => form.locator('[data-item="U1.1"]').textContent()).toContain('0 trong 1');
    for (const item of ['U1.3', 'U2.1', 'U2.2', 'U3.1', 'U3.2'])
      await form.locator(`[data-item="${item}"]`).getByRole('button', { name: 'Đạt', exact: true }).click();
    await form.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();
    // It does not pass: what is short is said first, and "Gửi luôn" sends it as it is.
    const asked = page.getByTestId('confirm-send');
    await expect.poll(() => asked.getByTestId('confirm-send-short').textContent()).toContain('Mức 1: chưa đạt');
    await asked.getByRole('button', { name: 'Gửi luôn' }).click();
    await expect.poll(() => page.getByTestId('model-verdict').textContent()).toContain('Chưa đạt mức 1');
    await expect.poll(() => form.textContent()).toContain('không sửa được nữa');

    // The household's computed items, opened from its row.
    await form.getByRole('button', { name: 'Quay lại danh sách' }).click();
    await page.getByRole('button', { name: 'Gia đình', exact: true }).click();
    await page
      .getByTestId('households')
      .getByRole('button', { name: /Tự đánh giá năm/ })
      .click();
    await expect.poll(() => form.locator('[data-item="G2.1"]').textContent()).toContain('0 trong 1 người lớn');
    await expect
      .poll(() => form.locator('[data-item="G1.1"]').textContent())
      .toContain('không có cháu nào trong độ tuổi đi học');
    // The head answers every declared item with the officer, and submits.
    for (const item of ['G1.2', 'G1.3', 'G2.2', 'G2.3', 'G3.1', 'G3.2', 'G4.1', 'G4.2']) {
      await form.locator(`[data-item="${item}"]`).getByRole('combobox').selectOption('5');
    }
    // A photo as evidence on a declared item: the draft is saved first, the photo resized as at a tablet.
    await form.locator('[data-item="G3.1"] input[type="file"]').setInputFiles({
      name: 'goc-hoc-tap.png',
      mimeType: 'image/png',
      buffer: await page.screenshot({ type: 'png' }),
    });
    await form.locator('[data-item="G3.1"] img').waitFor();
    await form.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();
    await asked.getByRole('button', { name: 'Gửi luôn' }).click();
    await expect.poll(() => form.textContent()).toContain('không sửa được nữa');

    // The branch appraises it from "Thẩm định": a changed score needs a reason.
    await form.getByRole('button', { name: 'Quay lại danh sách' }).click();
    await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
    await page.getByRole('button', { name: 'Thẩm định', exact: true }).click();
    const models = page.getByTestId('model-queue');
    await expect.poll(() => models.textContent()).toContain('Chưa thẩm định');
    await models.getByRole('button', { name: /Đinh Văn Lực/ }).click();
    const appraisal = page.getByTestId('model-appraisal');
    // The photo beside its item, opened from the box.
    const photo = appraisal.locator('[data-item="G3.1"] img');
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await appraisal.locator('[data-item="G3.1"]').getByRole('combobox').selectOption('2');
    await appraisal.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    await page.getByRole('alert').waitFor();
    await appraisal.locator('[data-item="G3.1"]').getByLabel(/Lý do/).fill('Chưa có góc học tập cho các cháu');
    await appraisal.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
    await expect
      .poll(() => page.getByTestId('model-appraisal-verdict').textContent())
      .toContain('Theo kết quả thẩm định');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the villages’ own word on the villager registration', () => {
  it('a village of each of three kinds: the field says its word, and so do the notice and the consents', async () => {
    // The box's kiosk info as a center set up with villages of one kind would send it (the demo
    // center's file fixes its villages): the registration reads the word from the kinds it carries.
    // A fresh tablet each time: its first load is not yet under the service worker, so the route sees it.
    for (const [name, kind, word, inSentence] of [
      ['Ấp Mỹ Hòa', 'ap', 'Ấp', 'tên và ấp của tôi'],
      ['Bản Hon', 'ban', 'Bản', 'tên và bản của tôi'],
      ['Tổ dân phố 5', 'to-dan-pho', 'Tổ dân phố', 'tên và tổ dân phố của tôi'],
    ] as const) {
      const context = await tabletContext(box.browser);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.route('**/api/kiosk', async (route) => {
        const info = await (await route.fetch()).json();
        const places = [{ name, kind }];
        await route.fulfill({ json: { ...info, center: { ...info.center, villages: [name], places } } });
      });
      await page.goto(box.kiosk.url);
      await page.getByRole('button', { name: /Tôi là người mới/ }).click();
      const field = page.locator('fieldset').filter({ has: page.getByRole('button', { name }) });
      await expect.poll(() => field.locator('legend').textContent()).toBe(word);
      const form = page.locator('form.register');
      await expect.poll(() => form.textContent()).toContain(inSentence);
      expect(await form.textContent()).not.toMatch(/(?<![\p{L}])thôn(?![\p{L}])/iu);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const indicatorIds = ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'];

/** Registers a new villager the way she would: types only her name and birth year, taps the rest. */
export async function register(
  page: Page,
  url: string,
  name: string,
  birthYear: string,
  village: string,
  { reloadMidForm = false } = {},
) {
  await page.goto(url);
  await page.getByRole('button', { name: /Tôi là người mới/ }).click();
  await page.getByLabel('Họ và tên', { exact: true }).fill(name);
  await page.getByLabel('Năm sinh', { exact: true }).fill(birthYear);
  await page.getByRole('button', { name: village }).click();
  if (reloadMidForm) {
    // A reload mid-form keeps what was typed and tapped, and ticks nothing for her.
    await page.waitForFunction(
      (v) =>
        new Promise((done) => {
          const open = indexedDB.open('hoctap-kiosk');
          open.onsuccess = () => {
            const req = open.result.transaction('session').objectStore('session').get('current');
            req.onsuccess = () => {
              open.result.close();
              done(req.result?.registration?.village === v);
            };
          };
        }),
      village,
    );
    await page.reload();
    expect(await page.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe(name);
    expect(await page.getByLabel('Năm sinh', { exact: true }).inputValue()).toBe(birthYear);
    expect(await page.getByRole('button', { name: village }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('input[name="consent-assessment"]').isChecked()).toBe(false);
  }
  await page.locator('input[name="consent-assessment"]').check();
  await page.locator('input[name="consent-publicList"]').check();
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await page.getByRole('heading', { name: 'Bác làm công việc gì?' }).waitFor();
}

export async function expectPressed(page: Page, score: number) {
  await page.locator(`button.score[data-score="${score}"][aria-pressed="true"]`).waitFor();
}

export async function answer(page: Page, indicatorId: string, score: number) {
  await page.locator(`section[data-indicator="${indicatorId}"]`).waitFor();
  await page.locator(`button.score[data-score="${score}"]`).click();
  await expectPressed(page, score);
}

export const next = (page: Page) => page.getByRole('button', { name: /Tiếp theo|Xem lại kết quả/ }).click();

/** A real PNG, as a tablet camera would hand over a file; the app resizes it to JPEG. */
export async function addPhoto(page: Page, indicatorId: string) {
  const png = await page.screenshot({ type: 'png' });
  await page.getByTestId('photo-input').setInputFiles({ name: 'minh-chung.png', mimeType: 'image/png', buffer: png });
  await page.locator(`section[data-indicator="${indicatorId}"] img.thumb`).waitFor();
}

/** Answers indicators in order from the current one, optionally with a photo on some. */
export async function answerAll(page: Page, scores: Record<string, number>, photoOn: string[] = []) {
  for (const [id, score] of Object.entries(scores)) {
    await answer(page, id, score);
    if (photoOn.includes(id)) await addPhoto(page, id);
    await next(page);
  }
}

export const submit = async (page: Page) => {
  await page.getByRole('heading', { name: 'Xem lại trước khi gửi' }).waitFor();
  await page.getByRole('button', { name: 'Gửi bài tự đánh giá' }).click();
  // One that does not pass asks first ("Gửi luôn" or "Làm tiếp"): these flows send it as it is.
  const sent = page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' });
  const sendNow = page.getByTestId('confirm-send').getByRole('button', { name: 'Gửi luôn' });
  await sent.or(sendNow).first().waitFor();
  if (await sendNow.isVisible()) await sendNow.click();
  await sent.waitFor();
};

/**
 * The token of the villager's session open on the page, as the tablet keeps it (and sends it as
 * X-Villager-Token): a test reads her records at the box with it, as her tablet does.
 */
export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(
    () =>
      new Promise<string | undefined>((done, fail) => {
        const open = indexedDB.open('hoctap-kiosk');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('session').objectStore('session').get('current');
          req.onsuccess = () => {
            open.result.close();
            done(req.result?.token);
          };
        };
      }),
  );
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token!;
}

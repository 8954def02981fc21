import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scoreAttempt, type DigitalResponse } from '../../shared/domain/digital-skills.ts';
import type { DigitalBank, DigitalItem } from '../../shared/schemas/digital-bank.ts';
import { kioskAndBrowser, readTabletDb, tabletContext, watchErrors } from './kiosk.ts';
import { answerAll, indicatorIds, register, sessionToken, submit } from './villager.ts';

const box = kioskAndBrowser();

/** Does on the tablet what a villager would for one item, right or wrong, and says what she did. */
async function act(section: Locator, item: DigitalItem, right: boolean, n: number): Promise<DigitalResponse> {
  const press = async (selector: string) => {
    await section.locator(selector).click();
    await section.locator(`${selector}[aria-pressed="true"]`).waitFor();
  };
  const typeAndDone = async (name: string, text: string) => {
    await section.locator(`input[name="${name}"]`).fill(text);
    await section.getByRole('button', { name: 'Lưu', exact: true }).click();
    await section.getByRole('status').getByText('Đã ghi lại câu trả lời.').waitFor();
  };
  if (item.kind === 'self-rating') {
    const step = (n % 5) as 0 | 1 | 2 | 3 | 4;
    await press(`button[data-step="${step}"]`);
    return { kind: 'self-rating', step };
  }
  if (item.kind === 'choice') {
    const optionId = right ? item.correct : item.options.find((o) => o.id !== item.correct)!.id;
    await press(`button[data-option-id="${optionId}"]`);
    return { kind: 'choice', optionId };
  }
  const t = item.task;
  switch (t.type) {
    case 'tap-icon': {
      const iconId = right ? t.correct : t.icons.find((i) => i.id !== t.correct)!.id;
      await press(`button[data-icon-id="${iconId}"]`);
      return { kind: 'tap-icon', iconId };
    }
    case 'pick-scam': {
      const messageId = right ? t.scam : t.messages.find((m) => m.id !== t.scam)!.id;
      await press(`button[data-message-id="${messageId}"]`);
      return { kind: 'pick-scam', messageId };
    }
    case 'type-phone': {
      const typed = right ? t.expected.replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2 $3') : '0911 000 000';
      await typeAndDone('digital-phone', typed);
      return { kind: 'type-phone', typed };
    }
    case 'find-amount': {
      const typed = right ? t.amount.toLocaleString('vi-VN') : '12';
      await typeAndDone('digital-amount', typed);
      return { kind: 'find-amount', typed };
    }
    case 'fill-form': {
      const values: Record<string, string> = {};
      // Typed fields first: picking an option sends the form at once.
      for (const field of t.fields.filter((f) => f.kind !== 'choice')) {
        values[field.id] = right ? t.expected[field.id]! : 'không biết';
        await section.locator(`input[name="digital-field-${field.id}"]`).fill(values[field.id]!);
      }
      const choices = t.fields.filter((f) => f.kind === 'choice');
      for (const field of choices) {
        values[field.id] = right ? t.expected[field.id]! : field.options!.find((o) => o !== t.expected[field.id])!;
        await press(`button[name="digital-field-${field.id}"][value="${values[field.id]}"]`);
      }
      if (choices.length === 0) {
        await section.getByRole('button', { name: 'Gửi', exact: true }).click();
        await section.getByRole('status').getByText('Đã ghi lại câu trả lời.').waitFor();
      }
      return { kind: 'fill-form', values };
    }
  }
}

/**
 * Everything the tablet's browser keeps for the app, as text: every IndexedDB store (all Dexie
 * tables, read below Dexie), localStorage, sessionStorage and every Cache Storage entry (the
 * service worker's caches), each under its place.
 */
async function tabletStorage(page: Page): Promise<{ place: string; text: string }[]> {
  const dump = await readTabletDb(page);
  const stored = Object.entries(dump).map(([store, rows]) => ({
    place: `IndexedDB ${store}`,
    text: JSON.stringify(rows),
  }));
  const web = await page.evaluate(async () => {
    const out: { place: string; text: string }[] = [];
    const storage = (name: string, s: Storage) => {
      for (let i = 0; i < s.length; i++)
        out.push({ place: `${name} ${s.key(i)}`, text: `${s.key(i)}=${s.getItem(s.key(i)!)}` });
    };
    storage('localStorage', localStorage);
    storage('sessionStorage', sessionStorage);
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const res = await cache.match(request);
        out.push({
          place: `Cache Storage ${name} ${request.url}`,
          text: `${request.url}\n${res ? await res.text() : ''}`,
        });
      }
    }
    return out;
  });
  return [...stored, ...web];
}

const db = (dataDir: string) => new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
function readBox<T>(dataDir: string, sql: string, ...params: unknown[]): T | undefined {
  const d = db(dataDir);
  try {
    return d.prepare(sql).get(...params) as T | undefined;
  } finally {
    d.close();
  }
}

describe('the digital-skills self-check on the tablet', () => {
  it('a villager completes it with right and wrong practical answers, gets the predicted levels, it stands as CS05 evidence, and a retake too early is refused', async () => {
    const bank = (await (await fetch(`${box.kiosk.url}/api/digital/bank`)).json()) as DigitalBank;
    const context = await tabletContext(box.browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await register(page, box.kiosk.url, 'Lò Văn Sáng', '1962', 'Thôn Khe Ngang');
    await page.locator('button[data-group="cu-dan"]').click();
    await answerAll(page, Object.fromEntries(indicatorIds.map((id) => [id, 8])));
    await submit(page);

    await page.getByTestId('start-digital').click();
    const responses: Record<string, DigitalResponse> = {};
    let practical = 0;
    for (const [n, item] of bank.items.entries()) {
      const section = page.locator(`section[data-testid="digital-item"][data-item-id="${item.id}"]`);
      await section.waitFor();
      // Every other practical task done wrong; everything else right.
      responses[item.id] = await act(section, item, item.kind !== 'practical' || practical++ % 2 === 0, n);
      if (n === 20) {
        // Half-way the tab is reloaded: she is back on the same item with her answers kept.
        await page.reload();
        await section.waitFor();
      }
      await page
        .getByRole('button', { name: n === bank.items.length - 1 ? 'Nộp bài' : 'Câu tiếp', exact: true })
        .click();
    }

    const predicted = scoreAttempt(bank, responses);
    const overall = page.getByTestId('digital-overall');
    await overall.waitFor();
    expect(await overall.getAttribute('data-level')).toBe(predicted.overall.level);
    for (const d of predicted.domains) {
      expect(
        await page.locator(`[data-testid="digital-domain"][data-domain="${d.id}"]`).getAttribute('data-level'),
        d.id,
      ).toBe(d.level);
    }
    expect(await page.getByTestId('digital-flags').getAttribute('data-has-digital-skills')).toBe(
      String(predicted.hasDigitalSkills),
    );
    expect(await page.getByTestId('digital-flags').getAttribute('data-proficient')).toBe(String(predicted.proficient));

    // The box scores the same, and the result stands as CS05 evidence on this year's assessment.
    const read = <T>(sql: string) => readBox<T>(box.kiosk.dataDir, sql);
    for (let i = 0; i < 100 && !read('select id from digital_attempt'); i++)
      await new Promise((r) => setTimeout(r, 200));
    const { id: personId } = read<{ id: string }>("select id from person where name = 'Lò Văn Sáng'")!;
    const headers = { 'X-Villager-Token': await sessionToken(page) };
    const { assessment } = (await (
      await fetch(`${box.kiosk.url}/api/people/${personId}/assessments/current`, { headers })
    ).json()) as { assessment: { digitalCheck: { level: string; hasDigitalSkills: boolean } | null } };
    expect(assessment.digitalCheck).toMatchObject({
      level: predicted.overall.level,
      hasDigitalSkills: predicted.hasDigitalSkills,
    });

    // Straight away again: refused, with the date she may.
    await page.getByRole('button', { name: 'Về phiếu kết quả', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    await page.getByTestId('start-digital').click();
    expect(await page.getByTestId('digital-too-soon').textContent()).toMatch(/làm lại từ ngày \d{1,2}\/\d{1,2}\/\d{4}/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a paused check goes to the box: after "Xong" nothing of her is on the tablet, and her code and birth year bring her answers back', async () => {
    const bank = (await (await fetch(`${box.kiosk.url}/api/digital/bank`)).json()) as DigitalBank;
    const context = await tabletContext(box.browser, { serviceWorker: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const name = 'Hà Thị Nguyệt';
    await register(page, box.kiosk.url, name, '1971', 'Thôn Khe Ngang');
    await page.locator('button[data-group="cu-dan"]').click();
    await answerAll(page, Object.fromEntries(indicatorIds.map((id) => [id, 7])));
    await submit(page);
    const code = (await page.getByTestId('person-code').textContent())!.trim();
    const { id: personId } = readBox<{ id: string }>(box.kiosk.dataDir, 'select id from person where name = ?', name)!;

    // Six items answered (self-ratings and choices), then "Tạm dừng" on the seventh.
    await page.getByTestId('start-digital').click();
    const answered = bank.items.slice(0, 6);
    const responses: DigitalResponse[] = [];
    for (const [n, item] of answered.entries()) {
      const section = page.locator(`section[data-testid="digital-item"][data-item-id="${item.id}"]`);
      await section.waitFor();
      responses.push(await act(section, item, true, n));
      await page.getByRole('button', { name: 'Câu tiếp', exact: true }).click();
    }
    await page.locator(`section[data-testid="digital-item"][data-item-id="${bank.items[6]!.id}"]`).waitFor();
    await page.getByRole('button', { name: 'Tạm dừng, lần sau làm tiếp' }).click();
    // Back on her slip, which offers to continue it.
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await page.getByTestId('start-digital').textContent()).toContain('Làm tiếp kiểm tra kỹ năng số, còn');
    await page.getByRole('button', { name: 'Kết thúc, để người khác dùng máy', exact: true }).click();
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();

    // The box keeps it (the outbox delivered it and let it go).
    await expect.poll(async () => (await readTabletDb(page)).outbox?.length, { timeout: 30_000 }).toBe(0);
    const kept = readBox<{ attempt_id: string; item_index: number; responses: string }>(
      box.kiosk.dataDir,
      'select attempt_id, item_index, responses from digital_draft where person_id = ?',
      personId,
    )!;
    expect(kept.item_index).toBe(6);
    expect(JSON.parse(kept.responses)).toEqual(Object.fromEntries(answered.map((item, i) => [item.id, responses[i]])));

    // Nothing of her or her answers anywhere the tablet's browser keeps things.
    const places = await tabletStorage(page);
    expect(places.some((p) => p.place.startsWith('IndexedDB kiosk'))).toBe(true);
    expect(places.some((p) => p.place.startsWith('Cache Storage'))).toBe(true);
    const personal = [personId, kept.attempt_id, name, code];
    const answerMarks = ['"step":', '"optionId":', '"responses":'];
    for (const { place, text } of places) {
      for (const mark of personal) expect(text.includes(mark), `${mark} in ${place}`).toBe(false);
      // App files name these in their code; her answers would be in data: the tablet's stores and cached answers of the box.
      if (!place.startsWith('Cache Storage') || place.includes('/api/')) {
        for (const mark of answerMarks) expect(text.includes(mark), `${mark} in ${place}`).toBe(false);
      }
    }

    // Another day: her code and birth year, and "Làm tiếp" takes her back to the seventh item with her answers.
    await page.getByRole('button', { name: /Tôi đã đăng ký rồi/ }).click();
    await page.getByLabel(/Mã trên phiếu/).fill(code);
    await page.getByLabel('Năm sinh', { exact: true }).fill('1971');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: 'Đúng, là tôi' }).click();
    await page.getByRole('heading', { name: 'Đã gửi bài tự đánh giá' }).waitFor();
    expect(await page.getByTestId('start-digital').textContent()).toContain('Làm tiếp kiểm tra kỹ năng số, còn');
    await page.getByTestId('start-digital').click();
    await page.locator(`section[data-testid="digital-item"][data-item-id="${bank.items[6]!.id}"]`).waitFor();
    for (let n = answered.length - 1; n >= 0; n--) {
      await page.getByRole('button', { name: 'Câu trước', exact: true }).click();
      const item = answered[n]!;
      const response = responses[n]!;
      const section = page.locator(`section[data-testid="digital-item"][data-item-id="${item.id}"]`);
      await section.waitFor();
      const pressed =
        response.kind === 'self-rating'
          ? `button[data-step="${response.step}"]`
          : response.kind === 'choice'
            ? `button[data-option-id="${response.optionId}"]`
            : '';
      expect(await section.locator(pressed).getAttribute('aria-pressed'), item.id).toBe('true');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

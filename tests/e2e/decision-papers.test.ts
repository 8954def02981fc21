import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { v7 as id } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/load.ts';
import { decisionPaper, type PaperRow } from '../../server/src/hub/decisions/papers/decision-paper.ts';
import { decisionHtml } from '../../server/src/hub/decisions/papers/decision-paper.html.ts';
import { commendationHtml } from '../../server/src/hub/decisions/papers/commendation.html.ts';
import { commendationPaper, type CommendRow } from '../../server/src/hub/decisions/papers/commendation.ts';
import { tables, unzip } from '../support/docx.ts';
import { staff } from '../fixtures/staff.ts';
import { AccessibilityReport } from './axe.ts';
import { adminApi, firstAdmin, launchBrowser, startKiosk, tabletContext, type RunningKiosk } from './kiosk.ts';
import { indicatorIds } from './villager.ts';

/**
 * Issue 25: the officer records a decision in the browser, downloads its .docx and prints it; the
 * A4 print, rendered by Chromium to PDF, keeps every table row whole and the signer with the last
 * article, and starts the list on a page of its own.
 */

let hub: RunningKiosk;
let center: RunningKiosk;
let browser: Browser;
beforeAll(async () => {
  [hub, center] = await Promise.all([startKiosk({ env: { KIOSK_ROLE: 'hub' } }), startKiosk({ web: false })]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([hub?.stop(), center?.stop()]);
});

const squash = (t: string) => t.normalize('NFC').replace(/\s+/g, '');

/** Each page's text of a PDF, spaces removed (runs break inside words where a diacritic falls back). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(squash(content.items.map((item) => ('str' in item ? item.str : '')).join(' ')));
  }
  return pages;
}

const villagers = [
  { name: 'Hoàng Văn Páo', village: 'Thôn Khe Ngang', publicList: true },
  { name: 'Lò Thị Xuân', village: 'Thôn Khe Ngang', publicList: false },
  { name: 'Đặng Văn Quý', village: 'Thôn Đồng Chằm', publicList: true },
];

describe('the decision papers', () => {
  it('the officer records a decision, downloads its .docx and prints it', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    await firstAdmin(officer, hub.url);
    const year = (await (await officer.request.fetch(`${hub.url}/api/kiosk`)).json()).year as number;
    const code = (
      await (
        await officer.request.fetch(`${hub.url}/api/staff/hub/enrolments`, {
          method: 'POST',
          data: { name: 'TTHTCĐ Tân Lập' },
        })
      ).json()
    ).code as string;
    const api = await adminApi(center.url);
    expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    for (const v of villagers) {
      const personId = id();
      const consents = { assessment: true, publicList: v.publicList, statistics: true };
      const person = { name: v.name, birthYear: 1960, village: v.village, consents };
      expect((await api('PUT', `/api/people/${personId}`, person)).status).toBe(200);
      const answers = indicatorIds.map((indicatorId) => ({ indicatorId, score: 9 }));
      const assessmentId = id();
      const assessment = {
        personId,
        criteriaSetId: 'cdht-2023',
        criteriaSetVersion: '2023.1',
        group: 'cu-dan',
        status: 'submitted',
        answers,
      };
      expect((await api('PUT', `/api/assessments/${assessmentId}`, assessment)).status).toBe(200);
      expect((await api('PUT', `/api/staff/appraisals/${assessmentId}`, { scores: answers })).status).toBe(200);
    }
    // The branch closes its village lists (issue 24: the commune decides only from closed lists).
    for (const village of new Set(villagers.map((v) => v.village)))
      expect((await api('POST', '/api/staff/lists/finalize', { village, year })).status).toBe(200);
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();

    await officer.goto(`${hub.url}/staff`);
    await officer.getByRole('button', { name: 'Quyết định công nhận' }).click();
    // Before recording: the draft, marked DỰ THẢO.
    const [draft] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải dự thảo (Word)' }).click(),
    ]);
    expect(draft.suggestedFilename()).toBe(`du-thao-quyet-dinh-cdht-${year}.docx`);
    const draftFiles = unzip(readFileSync(await draft.path()));
    expect([...draftFiles.values()].some((x) => x.includes('DỰ THẢO'))).toBe(true);

    for (const v of villagers) await officer.getByLabel(`Chọn ${v.name}`).check();
    await officer.locator('input[name="decision-number"]').fill('31/QĐ-UBND');
    await officer.locator('input[name="decision-date"]').fill(`${year}-12-01`);
    await officer.locator('input[name="decision-signer"]').fill('Nguyễn Văn Hùng');
    await officer.getByRole('button', { name: 'Ghi quyết định (3 người)' }).click();
    await officer.getByTestId('proposals').getByText('Đã công nhận (31/QĐ-UBND)').first().waitFor();

    const [download] = await Promise.all([
      officer.waitForEvent('download'),
      officer.getByRole('link', { name: 'Tải quyết định 31/QĐ-UBND (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`quyet-dinh-cdht-${year}.docx`);
    const xml = unzip(readFileSync(await download.path())).get('word/document.xml')!;
    const list = tables(xml).at(-1)!;
    expect(
      list
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(villagers.map((v) => v.name).sort());
    expect(xml).toContain('Số: 31/QĐ-UBND');

    const [printView] = await Promise.all([
      context.waitForEvent('page'),
      officer.getByRole('link', { name: 'In quyết định 31/QĐ-UBND (A4)' }).click(),
    ]);
    await printView.waitForLoadState();
    const pages = await pdfPages(await printView.pdf({ format: 'A4', printBackground: true }));
    const all = pages.join('');
    for (const v of villagers) expect(all).toContain(squash(v.name));
    expect(all).toContain(squash('Ủy ban nhân dân xã Tân Lập'.toLocaleUpperCase('vi')));
    expect(all).not.toContain(squash('DỰ THẢO'));
    await context.close();
  });

  it('the officer prints the certificates; a QR link opens the verify page saying genuine, an altered one not', async () => {
    const context = await tabletContext(browser);
    const officer = await context.newPage();
    // The hub's administrator (made here when this test runs alone) signs in; the center is enrolled once.
    await adminApi(hub.url);
    const who = { name: staff.chiHoa.name, pin: staff.chiHoa.pin };
    expect((await officer.request.post(`${hub.url}/api/staff/sign-in`, { data: who })).status()).toBe(200);
    const api = await adminApi(center.url);
    if (!(await api('GET', '/api/staff/federation')).body.enrolled) {
      const enrolment = await officer.request.post(`${hub.url}/api/staff/hub/enrolments`, { data: { name: 'TTHTCĐ' } });
      const code = (await enrolment.json()).code as string;
      expect((await api('POST', '/api/staff/federation/enrol', { hubUrl: hub.url, code })).status).toBe(200);
    }
    const names = ['Vàng Thị Dợ', 'Sùng A Chứ'];
    for (const name of names) {
      const personId = id();
      const consents = { assessment: true, publicList: false, statistics: true };
      const person = { name, birthYear: 1962, village: 'Thôn Khe Ngang', consents };
      expect((await api('PUT', `/api/people/${personId}`, person)).status).toBe(200);
      const answers = indicatorIds.map((indicatorId) => ({ indicatorId, score: 9 }));
      const assessmentId = id();
      const assessment = { personId, criteriaSetId: 'cdht-2023', criteriaSetVersion: '2023.1', group: 'cu-dan' };
      const sent = await api('PUT', `/api/assessments/${assessmentId}`, {
        ...assessment,
        status: 'submitted',
        answers,
      });
      expect(sent.status).toBe(200);
      expect((await api('PUT', `/api/staff/appraisals/${assessmentId}`, { scores: answers })).status).toBe(200);
    }
    expect((await api('POST', '/api/staff/federation/run')).body.lastError).toBeNull();
    const year = (await (await officer.request.fetch(`${hub.url}/api/kiosk`)).json()).year as number;

    await officer.goto(`${hub.url}/staff`);
    await officer.getByRole('button', { name: 'Quyết định công nhận' }).click();
    for (const name of names) await officer.getByLabel(`Chọn ${name}`).check();
    await officer.locator('input[name="decision-number"]').fill('32/QĐ-UBND');
    await officer.locator('input[name="decision-date"]').fill(`${year}-12-02`);
    await officer.locator('input[name="decision-signer"]').fill('Nguyễn Văn Hùng');
    await officer.getByRole('button', { name: 'Ghi quyết định (2 người)' }).click();
    const [sheets] = await Promise.all([
      context.waitForEvent('page'),
      officer.getByRole('link', { name: 'In giấy công nhận 32/QĐ-UBND' }).click(),
    ]);
    await sheets.waitForLoadState();
    // Two A5 certificates on one A4 sheet, each with its QR code's link in the page's data.
    const links = await sheets
      .locator('[data-verify-url]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-verify-url')!));
    expect(links).toHaveLength(2);
    expect(await sheets.locator('[data-certificate] svg').count()).toBe(2);
    const pages = await pdfPages(await sheets.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    for (const name of names) expect(pages[0]).toContain(squash(name));

    const reader = await context.newPage();
    await reader.goto(links[0]!);
    await reader.getByText('Giấy công nhận này là thật.').waitFor();
    // The page anyone opens from the QR, held to the villager's standard (axe, 48 px, 200 % text).
    const accessible = new AccessibilityReport();
    await accessible.villager(reader, 'certificate verify page, genuine');
    const certified = await reader.locator('[data-name]').textContent();
    expect(names).toContain(certified);
    await expect(reader.locator('[data-title]').textContent()).resolves.toBe(`“Công dân học tập” năm ${year}`);
    // The same link on the center, which has the hub's key: genuine there too, with no call to the hub.
    const path = new URL(links[0]!);
    await reader.goto(`${center.url}${path.pathname}${path.search}`);
    await reader.getByText('Giấy công nhận này là thật.').waitFor();
    // Another name put into the link: not genuine, plainly.
    const token = path.searchParams.get('c')!;
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as unknown[];
    payload[4] = 'Nguyễn Văn Giả';
    path.searchParams.set('c', `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]}`);
    await reader.goto(path.href);
    await reader.getByText('Giấy này không phải giấy thật.').waitFor();
    expect(await reader.locator('main').getAttribute('data-code')).toBe('certificate.signature-invalid');
    await accessible.villager(reader, 'certificate verify page, not genuine');
    accessible.assertClean();
    await context.close();
  });

  it('the A4 print keeps rows whole, the signer with the last article, and the list on its own pages', async () => {
    const settings = loadConfig({ configDir: resolve(import.meta.dirname, '../../kiosk-config'), env: {} }).settings;
    const rows: PaperRow[] = Array.from({ length: 70 }, (_, i) => ({
      name: `Nguyễn Thị Người Thứ ${i + 1}`,
      birthYear: 1950 + (i % 40),
      place: i % 3 ? 'Thôn Khe Ngang' : 'Tổ dân phố số 12 khu phố Đồng Chằm mở rộng về phía nam bên kia suối',
      appraised: String(80 + (i % 20)),
      fifthYear: i % 7 === 0,
    }));
    const paper = decisionPaper({ settings, unit: 'Xã Tân Lập', title: 'cdht', year: 2026, recorded: null, rows });
    const page: Page = await (await tabletContext(browser)).newPage();
    await page.setContent(decisionHtml(paper));
    const pages = await pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pages.length).toBeGreaterThan(2);
    // The decision's pages end with the signer, on the page of the last article; the list starts after.
    const signerPage = pages.findIndex((p) => p.includes(squash('PHÓ CHỦ TỊCH')));
    expect(pages[signerPage]).toContain(squash('Điều 3.'));
    expect(pages[signerPage]).toContain(squash('Nơi nhận:'));
    const listStart = pages.findIndex((p) => p.includes(squash('(Kèm theo Quyết định số')));
    expect(listStart).toBe(signerPage + 1);
    // Every row whole on one page: its number, name, birth year and score together; the header on every list page.
    for (const [i, r] of rows.entries()) {
      const whole = squash(`${i + 1}${r.name}${r.birthYear}${r.place}${r.appraised}${r.fifthYear ? 'x' : ''}`);
      expect(
        pages.some((p) => p.includes(whole)),
        r.name,
      ).toBe(true);
    }
    for (const p of pages.slice(listStart)) expect(p).toContain(squash('Điểm thẩm định'));
    // A draft: DỰ THẢO on every page.
    for (const p of pages) expect(p).toContain(squash('DỰ THẢO'));
  });

  it('the commendation proposal on A4: the signer with the last lines, the list after, every row whole', async () => {
    const settings = loadConfig({ configDir: resolve(import.meta.dirname, '../../kiosk-config'), env: {} }).settings;
    const row = (i: number, person: boolean): CommendRow => ({
      name: person ? `Hoàng Thị Người Thứ ${i + 1}` : `Hộ ông Lò Văn Thứ ${i + 1}`,
      birthYear: person ? 1950 + (i % 40) : null,
      place: i % 4 ? 'Bản Khe Ngang' : 'Tổ dân phố số 12 khu phố Đồng Chằm mở rộng về phía nam bên kia suối',
      from: 2021,
      to: 2025,
    });
    const groups = {
      cdht: Array.from({ length: 60 }, (_, i) => row(i, true)),
      gdht: [0, 1, 2].map((i) => row(i, false)),
    };
    const paper = commendationPaper({ settings, unit: 'Xã Tân Lập', province: 'Tỉnh Phú Thọ', review: 2025, groups });
    const page: Page = await (await tabletContext(browser)).newPage();
    await page.setContent(commendationHtml(paper));
    const pages = await pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
    const signerPage = pages.findIndex((p) => p.includes(squash(paper.signerLines[1])));
    expect(pages[signerPage]).toContain(squash('Nơi nhận:'));
    expect(pages[signerPage]).toContain(squash(paper.body.at(-1)!).slice(-40));
    expect(pages.findIndex((p) => p.includes(squash(paper.annex.title)))).toBe(signerPage + 1);
    for (const [i, r] of [...groups.cdht, ...groups.gdht].entries()) {
      const whole = squash(`${r.name}${r.birthYear ?? ''}${r.place}`);
      expect(
        pages.some((p) => p.includes(whole)),
        `${i}: ${r.name}`,
      ).toBe(true);
    }
  });
});

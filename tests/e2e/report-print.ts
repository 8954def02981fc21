import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../server/src/config/load.ts';
import { reportPaper } from '../../server/src/hub/report/paper/report-paper.ts';
import { reportPaperHtml } from '../../server/src/hub/report/paper/report-paper.html.ts';
import { counts, report, row } from '../fixtures/year-report.ts';

/**
 * The signed report's A4 print as Chromium renders it to PDF (issue 25), for tests/e2e/commune.test.ts:
 * each page's text, and a report of many villages and decisions whose every row stays whole on one
 * page, with the signer kept with the last lines.
 */

export const squash = (t: string) => t.normalize('NFC').replace(/\s+/g, '');

/** Each page's text of a PDF, spaces removed (as tests/e2e/decision-papers.test.ts reads it). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(squash(content.items.map((item) => ('str' in item ? item.str : '')).join(' ')));
  }
  return pages;
}

/** Sixty villages, forty decisions and a long last section, printed on `page`. */
export async function expectManyRowsWhole(page: Page): Promise<void> {
  const settings = loadConfig({ configDir: resolve(import.meta.dirname, '../../kiosk-config'), env: {} }).settings;
  const many = report();
  many.dashboard.byPlace = Array.from({ length: 60 }, (_, i) =>
    row(`Thôn Số ${i + 1} bên kia suối`, counts(100 + i, 90, 80, 70 + i, 40, 20, 1), 200),
  );
  const decisions = Array.from({ length: 40 }, (_, i) => ({
    number: `${i + 1}/QĐ-UBND`,
    signedOn: '2026-12-01',
    title: 'Công dân học tập',
    count: i + 1,
    signer: 'Nguyễn Văn Hùng',
  }));
  const long = 'Người dân tích cực học tập suốt đời tại trung tâm học tập cộng đồng. '.repeat(12);
  const paper = reportPaper(
    settings,
    'result',
    { report: many, decisions, outstandingYears: 5 },
    { number: '45/BC-UBND', date: '2026-11-14', sections: { proposals: `${long}\n${long}\nĐây là dòng cuối.` } },
  );
  await page.setContent(reportPaperHtml(paper));
  const pages = await pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
  const signed = pages.findIndex((p) => p.includes(squash('PHÓ CHỦ TỊCH')));
  expect(pages[signed]).toContain(squash('Đây là dòng cuối.'));
  expect(pages[signed]).toContain(squash('Nơi nhận:'));
  for (const [i, d] of decisions.entries()) {
    const whole = squash(`${i + 1}${d.number}01/12/2026${d.title}${d.count}${d.signer}`);
    expect(
      pages.some((p) => p.includes(whole)),
      d.number,
    ).toBe(true);
  }
  for (const r of many.dashboard.byPlace)
    expect(
      pages.some((p) => p.includes(squash(`${r.name}${r.counts.registered}${r.counts.selfAssessed}`))),
      r.name,
    ).toBe(true);
}

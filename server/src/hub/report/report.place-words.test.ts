/** The yearly report's village tables say the villages' own word (thôn, ấp, bản, tổ dân phố...). */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderPublicListHtml, renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import { placeHeader, placeSheetName } from './report.words.ts';
import { counts, fixture, report, row } from '../../../../tests/fixtures/year-report.ts';
import type { YearReport } from './report.words.ts';

const three = ['Ấp Mỹ Hòa', 'Bản Hon', 'Tổ dân phố 5'];
/** A commune whose villages are `names`: one row each, the recognized from the first. */
const communeOf = (names: string[], places?: YearReport['places']): YearReport =>
  report({
    recognized: [{ name: 'Nguyễn Thị Lan', village: names[0]! }],
    dashboard: { ...fixture.dashboard, byPlace: names.map((n) => row(n, counts(10, 9, 8, 7, 6, 5, 0), 20)) },
    ...(places ? { places } : {}),
  });

async function sheetsOf(r: YearReport): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await renderReportXlsx(r)).buffer);
  return workbook;
}

describe('the report’s village tables say the villages’ word', () => {
  it.each([
    ['Ấp Mỹ Hòa', 'Ấp'],
    ['Bản Hon', 'Bản'],
    ['Tổ dân phố 5', 'Tổ dân phố'],
  ])('villages like "%s": section II, its table, its sheet and the public list say "%s"', async (name, word) => {
    const r = communeOf([name]);
    expect(placeHeader(r)).toBe(word);
    const html = renderReportHtml(r);
    expect(html).toContain(`II. Kết quả theo ${word.toLocaleLowerCase('vi')}`);
    expect(html).toContain(`>${word}</th>`);
    expect(html).not.toContain('>Thôn</th>');
    expect(renderPublicListHtml(r)).toContain(`>${word}</th>`);
    const workbook = await sheetsOf(r);
    const sheet = workbook.getWorksheet(`Theo ${word.toLocaleLowerCase('vi')}`);
    expect(sheet).toBeDefined();
    expect((sheet!.getRow(4).values as unknown[]).slice(1)).toContain(word);
    expect(workbook.getWorksheet('Theo thôn')).toBeUndefined();
  });

  it('a commune mixing three kinds: the column names the three words', async () => {
    const r = communeOf(three);
    expect(placeHeader(r)).toBe('Ấp, bản, tổ dân phố');
    expect(renderReportHtml(r)).toContain('>Ấp, bản, tổ dân phố</th>');
    expect((await sheetsOf(r)).getWorksheet('Theo ấp, bản, tổ dân phố')).toBeDefined();
  });

  it('a village named without its word takes the kind the hub’s configuration gives it', () => {
    expect(placeHeader(communeOf(['Mỹ Hòa'], [{ name: 'Mỹ Hòa', kind: 'ap' }]))).toBe('Ấp');
  });

  it('a mix too long for a sheet’s name: "Theo địa bàn"', () => {
    const r = communeOf(['Thôn A', 'Ấp B', 'Bản C', 'Buôn D', 'Làng E', 'Tổ dân phố F']);
    expect(placeSheetName(r)).toBe('Theo địa bàn');
  });

  it('a province’s report: by commune', () => {
    expect(placeHeader(report({ dashboard: { ...fixture.dashboard, level: 'province' } }))).toBe('Xã');
  });
});

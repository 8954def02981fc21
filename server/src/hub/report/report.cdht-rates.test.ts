/** Section I of the yearly report: decision 677's CDHT rate and, beside it, the rate over all adults 15+. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import { CDHT_677_LABEL, CDHT_ALL_ADULTS_LABEL, RATE_LABELS } from './report.words.ts';
import { figure, fixture, htmlRow, report } from '../../../../tests/fixtures/year-report.ts';

const withBoth = report({
  dashboard: {
    ...fixture.dashboard,
    cdhtRates: { decision677: figure(90, 200, 0.5), allAdults: figure(637, 1500, 0.45) },
  },
});

describe('the two CDHT rates in section I', () => {
  it('prints 677’s rate over its own adults and the all-adults rate, each against its target', () => {
    const html = renderReportHtml(withBoth);
    expect(htmlRow(html, CDHT_677_LABEL)).toEqual([CDHT_677_LABEL, '90', '200', '45,0 %', '50,0 %', 'Chưa đạt']);
    expect(htmlRow(html, CDHT_ALL_ADULTS_LABEL)).toEqual([
      CDHT_ALL_ADULTS_LABEL,
      '637',
      '1.500',
      '42,5 %',
      '45,0 %',
      'Chưa đạt',
    ]);
  });

  it('the workbook’s summary has the same two rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await renderReportXlsx(withBoth)).buffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual([CDHT_677_LABEL, 90, 200, 0.45, 0.5, 'Chưa đạt']);
    expect(rows).toContainEqual([CDHT_ALL_ADULTS_LABEL, 637, 1500, 637 / 1500, 0.45, 'Chưa đạt']);
  });

  it('a dashboard from an older hub without them: the one row as before', () => {
    const html = renderReportHtml(fixture);
    expect(html).toContain(RATE_LABELS.cdht);
    expect(html).not.toContain(CDHT_677_LABEL);
  });
});

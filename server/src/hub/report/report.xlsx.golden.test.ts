/**
 * The yearly report's workbook cell by cell (value, font, border, fill, alignment, number format),
 * with each sheet's page setup, column widths, row heights and merges, against the snapshot taken
 * before its sheets were built from print/workbook.ts's shared rules: a change of any of them shows
 * here, where report.xlsx.test.ts and report.models.test.ts check chosen cells only.
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ModelRateRowView, ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { renderPublicListXlsx, renderReportXlsx } from './report.xlsx.ts';
import { counts, figure, load, report, row } from '../../../../tests/fixtures/year-report.ts';

const c = (registered: number, assessed: number, recognized: number) => ({ registered, assessed, recognized });
function modelRow(name: string, formerNames: string[], n: number, households: number | null): ModelRateRowView {
  const rates = {
    families: figure(n, households, 0.72),
    clans: figure(1, 3, 0.67),
    communities: figure(1, 2, 0.67),
    units: figure(0, 0, 0.82),
    workers: figure(n, 60, 0.44),
    unitStaff: figure(2, null, 0.64),
  };
  return {
    name,
    formerNames,
    families: c(n + 5, n + 2, n),
    clans: c(3, 2, 1),
    communities: c(2, 1, 1),
    units: c(0, 0, 0),
    households,
    adults: 200,
    rates,
  };
}
const dong = modelRow('Thôn Đồng Chằm', ['Thôn Đồng', 'Thôn Chằm'], 25, 50);
const modelTotal = modelRow('Xã Tân Lập', [], 29, 50);
const models: ModelRatesView = {
  level: 'commune',
  scope: 'Xã Tân Lập',
  year: 2026,
  targets: [{ measure: 'families', value: 0.72, trace: [{ source: 'national', value: 0.72 }] }],
  places: [dong, modelRow('Thôn Gò Mít', [], 4, null)],
  total: modelTotal,
  trend: [
    { year: 2025, row: modelRow('Xã Tân Lập', [], 12, 48) },
    { year: 2026, row: modelTotal },
  ],
  notes: [{ kind: 'unit-staff-unknown', name: 'Trường Mầm non Hoa Sen' }],
  validity: [
    {
      title: 'gdht',
      subjectKind: 'household',
      subjectId: 'h1',
      label: 'Nguyễn Thị Lan',
      village: 'Thôn Đồng Chằm',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2025-03-20',
      validThrough: '2026-03-19',
      expiresInYear: true,
      expired: true,
    },
  ],
  expiring: [{ title: 'gdht', count: 1 }],
};
/** Nothing to show anywhere: every table's note instead of rows. */
const empty = report({ recognized: [] });
empty.dashboard = {
  ...empty.dashboard,
  byPlace: [],
  byCenter: [],
  byGroup: [],
  trend: [],
  targets: [],
  reporting: { deadline: '2026-11-30', daysLeft: -3, centers: [] },
};

const cases: [string, () => Promise<Buffer>][] = [
  ['a commune with the four other titles', () => renderReportXlsx(report({ models }))],
  ['a province', () => renderReportXlsx(report({ models: { ...models, level: 'province' } }))],
  [
    'a commune with nothing yet',
    () => renderReportXlsx({ ...empty, models: { ...models, places: [], trend: [], validity: [] } }),
  ],
  ['a commune without the four other titles', () => renderReportXlsx(report())],
  ['the public list', () => renderPublicListXlsx(report())],
];

/**
 * Everything a workbook prints with: a line per sheet, then a line per row whose cells are [column,
 * value, style number]; the styles (font, border, fill, alignment, number format) listed once at the end.
 */
function dump(workbook: ExcelJS.Workbook): string {
  const styles = new Map<string, number>();
  const styleOf = (cell: ExcelJS.Cell): number => {
    const key = JSON.stringify([cell.font, cell.border, cell.fill, cell.alignment, cell.numFmt]);
    if (!styles.has(key)) styles.set(key, styles.size);
    return styles.get(key)!;
  };
  const lines: string[] = [];
  for (const sheet of workbook.worksheets) {
    const { pageSetup } = sheet;
    const widths = sheet.columns.map((col) => col.width);
    lines.push(JSON.stringify({ sheet: sheet.name, pageSetup, widths, merges: sheet.model.merges }));
    sheet.eachRow({ includeEmpty: true }, (r, n) => {
      const cells: unknown[] = [];
      r.eachCell({ includeEmpty: true }, (cell, col) => cells.push([col, cell.value, styleOf(cell)]));
      lines.push(JSON.stringify({ n, height: r.height, cells }));
    });
  }
  for (const [key, n] of styles) lines.push(`style ${n}: ${key}`);
  return lines.join('\n') + '\n';
}

describe('the report workbook, cell by cell', () => {
  it.each(cases)('is unchanged for %s', async (name, render) => {
    const workbook = await load(await render());
    await expect(dump(workbook)).toMatchFileSnapshot(
      `./__snapshots__/report.xlsx.golden/${name.replaceAll(' ', '-')}.txt`,
    );
  });
});

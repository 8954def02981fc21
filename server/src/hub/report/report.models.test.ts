/** Section VII of the yearly report, the four other titles, in the HTML and the workbook. */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RateFigure } from '../../../../shared/schemas/dashboard.ts';
import type { ModelRateRowView, ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import {
  SHEETS,
  counts,
  figure,
  fixture,
  htmlRow,
  load,
  report,
  row,
  total,
  values,
} from '../../../../tests/fixtures/year-report.ts';

describe('section VII: the four other titles', () => {
  const MODEL_TARGETS = {
    families: 0.72,
    clans: 0.67,
    communities: 0.67,
    units: 0.82,
    workers: 0.44,
    unitStaff: 0.64,
  } as const;
  type Measure = keyof typeof MODEL_TARGETS;
  const c = (registered: number, assessed: number, recognized: number) => ({ registered, assessed, recognized });
  function modelRow(
    name: string,
    formerNames: string[],
    families: ReturnType<typeof c>,
    clans: ReturnType<typeof c>,
    communities: ReturnType<typeof c>,
    units: ReturnType<typeof c>,
    households: number | null,
    adults: number | null,
    workers: [number, number | null],
    unitStaff: [number, number | null],
  ): ModelRateRowView {
    const rates = {
      families: figure(families.recognized, households, MODEL_TARGETS.families),
      clans: figure(clans.recognized, clans.registered, MODEL_TARGETS.clans),
      communities: figure(communities.recognized, communities.registered, MODEL_TARGETS.communities),
      units: figure(units.recognized, units.registered, MODEL_TARGETS.units),
      workers: figure(workers[0], workers[1], MODEL_TARGETS.workers),
      unitStaff: figure(unitStaff[0], unitStaff[1], MODEL_TARGETS.unitStaff),
    } satisfies Record<Measure, RateFigure>;
    return { name, formerNames, families, clans, communities, units, households, adults, rates };
  }
  const dong = modelRow(
    'Thôn Đồng Chằm',
    ['Thôn Đồng', 'Thôn Chằm'],
    c(40, 30, 25),
    c(3, 2, 1),
    c(1, 1, 1),
    c(2, 2, 1),
    50,
    200,
    [30, 60],
    [12, 20],
  );
  const go = modelRow(
    'Thôn Gò Mít',
    [],
    c(10, 5, 4),
    c(1, 0, 0),
    c(1, 0, 0),
    c(0, 0, 0),
    null,
    null,
    [2, 8],
    [0, null],
  );
  const modelTotal = modelRow(
    'Xã Tân Lập',
    [],
    c(50, 35, 29),
    c(4, 2, 1),
    c(2, 1, 1),
    c(2, 2, 1),
    50,
    200,
    [32, 68],
    [12, 20],
  );
  // The year before: 12 of 48 families, the village recognized for 2024 still standing, no unit staff count.
  const modelLastYear = modelRow(
    'Xã Tân Lập',
    [],
    c(30, 20, 12),
    c(3, 1, 0),
    c(2, 1, 1),
    c(2, 1, 1),
    48,
    190,
    [20, 50],
    [0, null],
  );
  const models: ModelRatesView = {
    level: 'commune',
    scope: 'Xã Tân Lập',
    year: 2026,
    targets: Object.entries(MODEL_TARGETS).map(([measure, value]) => ({
      measure: measure as Measure,
      value,
      trace: [{ source: 'national' as const, value }],
    })),
    places: [dong, go],
    total: modelTotal,
    trend: [
      { year: 2025, row: modelLastYear },
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
      {
        title: 'dvht',
        subjectKind: 'unit',
        subjectId: 'u1',
        label: 'Trường Tiểu học Gò Mít',
        village: 'Thôn Gò Mít',
        decisionNumber: '30/QĐ-UBND',
        decisionDate: '2025-12-20',
        validThrough: '2026-12-19',
        expiresInYear: true,
        expired: false,
      },
      {
        title: 'cddht',
        subjectKind: 'community',
        subjectId: 'Thôn Đồng Chằm',
        label: 'Thôn Đồng Chằm',
        village: 'Thôn Đồng Chằm',
        decisionNumber: '5/QĐ-UBND',
        decisionDate: '2025-03-20',
        validThrough: '2028-03-19',
        expiresInYear: false,
        expired: false,
      },
    ],
    expiring: [
      { title: 'gdht', count: 1 },
      { title: 'dhht', count: 0 },
      { title: 'cddht', count: 0 },
      { title: 'dvht', count: 1 },
    ],
  };
  const withModels = report({ models });
  const tableOf = (html: string, model: string): string => {
    const found = new RegExp(`<table class="grid" data-model="${model}">[\\s\\S]*?</table>`).exec(html);
    expect(found, model).not.toBeNull();
    return found![0];
  };

  describe('HTML', () => {
    const html = renderReportHtml(withModels);

    it('adds section VII with its nine parts, the signatures after it', () => {
      for (const heading of [
        'VII. Gia đình, dòng họ, cộng đồng và đơn vị học tập',
        '1. Tỷ lệ so với chỉ tiêu',
        '2. Gia đình học tập',
        '3. Dòng họ học tập',
        '4. Cộng đồng học tập',
        '5. Đơn vị học tập',
        '6. Người lao động trong gia đình, dòng họ, cộng đồng học tập là Công dân học tập',
        '7. Cán bộ, người lao động trong đơn vị học tập là Công dân học tập',
        '8. Danh hiệu hết hiệu lực trong năm 2026',
        '9. Kết quả qua các năm',
      ]) {
        expect(html).toContain(heading);
      }
      expect(html.indexOf('VII. Gia đình')).toBeGreaterThan(html.indexOf('VI. Kết quả qua các năm'));
      expect(html.indexOf('9. Kết quả qua các năm')).toBeGreaterThan(html.indexOf('8. Danh hiệu hết hiệu lực'));
      expect(html.indexOf('NGƯỜI LẬP BÁO CÁO')).toBeGreaterThan(html.indexOf('9. Kết quả qua các năm'));
      expect(html.match(/NGƯỜI LẬP BÁO CÁO/g)).toHaveLength(1);
      expect(renderReportHtml(fixture)).not.toContain('VII.');
    });

    it('states the six rates against their targets, and what was left out', () => {
      const summary = tableOf(html, 'summary');
      expect(htmlRow(summary, 'Tỷ lệ gia đình được công nhận gia đình học tập')).toEqual([
        'Tỷ lệ gia đình được công nhận gia đình học tập',
        '29',
        '50',
        '58,0 %',
        '72,0 %',
        'Chưa đạt',
      ]);
      expect(htmlRow(summary, 'Tỷ lệ thôn được công nhận cộng đồng học tập').slice(3)).toEqual([
        '50,0 %',
        '67,0 %',
        'Chưa đạt',
      ]);
      expect(htmlRow(summary, 'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT')).toEqual([
        'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT',
        '12',
        '20',
        '60,0 %',
        '64,0 %',
        'Chưa đạt',
      ]);
      expect(html).toContain(
        'Đơn vị Trường Mầm non Hoa Sen chưa có số người lao động năm 2026: chưa tính vào tỷ lệ cán bộ đơn vị là CDHT.',
      );
    });

    it('has one table per model by village: registered, assessed, recognized, of how many, the rate and the verdict', () => {
      const families = tableOf(html, 'families');
      expect(html).toContain('Chỉ tiêu năm 2026: 72,0 %.');
      expect(htmlRow(families, 'Thôn Đồng Chằm')).toEqual([
        '1',
        'Thôn Đồng Chằm(trước đây: Thôn Đồng, Thôn Chằm)',
        '40',
        '30',
        '25',
        '50',
        '50,0 %',
        'Chưa đạt',
      ]);
      // No households entered for Gò Mít: no rate.
      expect(htmlRow(families, 'Thôn Gò Mít')).toEqual(['2', 'Thôn Gò Mít', '10', '5', '4', '—', '—', '—']);
      expect(htmlRow(families, 'Toàn xã')).toEqual(['', 'Toàn xã', '50', '35', '29', '50', '58,0 %', 'Chưa đạt']);
      expect(htmlRow(tableOf(html, 'clans'), 'Thôn Đồng Chằm').slice(2)).toEqual([
        '3',
        '2',
        '1',
        '3',
        '33,3 %',
        'Chưa đạt',
      ]);
      expect(htmlRow(tableOf(html, 'communities'), 'Thôn Đồng Chằm').slice(2)).toEqual([
        '1',
        '1',
        '1',
        '1',
        '100,0 %',
        'Đạt',
      ]);
      expect(htmlRow(tableOf(html, 'units'), 'Thôn Gò Mít').slice(2)).toEqual(['0', '0', '0', '0', '—', '—']);
      expect(htmlRow(tableOf(html, 'workers'), 'Thôn Đồng Chằm').slice(2)).toEqual(['30', '60', '50,0 %', 'Đạt']);
      expect(htmlRow(tableOf(html, 'unitStaff'), 'Thôn Gò Mít').slice(2)).toEqual(['0', '—', '—', '—']);
    });

    it('lists only the recognitions ending in the year, those already ended said so', () => {
      const validity = tableOf(html, 'validity');
      expect(htmlRow(validity, 'Gia đình học tập')).toEqual([
        '1',
        'Gia đình học tập',
        'Nguyễn Thị Lan',
        'Thôn Đồng Chằm',
        'Số 12/QĐ-UBND, ngày 20/03/2025',
        '19/03/2026',
        'Đã hết hiệu lực',
      ]);
      expect(htmlRow(validity, 'Đơn vị học tập').slice(-2)).toEqual(['19/12/2026', 'Cần công nhận lại']);
      expect(validity).not.toContain('5/QĐ-UBND');
      const none = renderReportHtml(report({ models: { ...models, validity: [] } }));
      expect(tableOf(none, 'validity')).toContain('Không có danh hiệu nào hết hiệu lực trong năm 2026.');
    });

    it("shows the years: each title's recognized and rate, the two member rates, the year asked in bold", () => {
      const trend = tableOf(html, 'trend');
      expect(trend).toContain('>Gia đình học tập</th>');
      expect(trend).toContain('>Tỷ lệ người lao động là CDHT</th>');
      expect(htmlRow(trend, '2025')).toEqual([
        '2025',
        '12',
        '25,0 %',
        '0',
        '0,0 %',
        '1',
        '50,0 %',
        '1',
        '50,0 %',
        '40,0 %',
        '—',
      ]);
      expect(htmlRow(trend, '2026')).toEqual([
        '2026',
        '29',
        '58,0 %',
        '1',
        '25,0 %',
        '1',
        '50,0 %',
        '1',
        '50,0 %',
        '47,1 %',
        '60,0 %',
      ]);
      expect(trend).toMatch(/<tr class="current"><td class="center">2026</);
      expect(trend).not.toMatch(/<tr class="current"><td class="center">2025</);
      expect(tableOf(renderReportHtml(report({ models: { ...models, trend: [] } })), 'trend')).toContain(
        'Chưa có số liệu.',
      );
    });

    it('a province lists its communes and counts what ends per title', () => {
      const r = report({
        commune: 'Tỉnh Phú Thọ',
        models: {
          ...models,
          level: 'province',
          scope: 'Tỉnh Phú Thọ',
          places: [{ ...dong, name: 'Xã Tân Lập', formerNames: [] }],
          validity: [],
        },
      });
      r.dashboard = { ...r.dashboard, level: 'province', scope: 'Tỉnh Phú Thọ', byCenter: [] };
      const out = renderReportHtml(r);
      expect(tableOf(out, 'families')).toContain('>Xã</th>');
      expect(htmlRow(tableOf(out, 'families'), 'Toàn tỉnh').slice(2, 5)).toEqual(['50', '35', '29']);
      expect(htmlRow(tableOf(out, 'validity'), 'Đơn vị học tập')).toEqual(['Đơn vị học tập', '1']);
    });

    it('escapes the names of subjects', () => {
      const out = renderReportHtml(
        report({ models: { ...models, validity: [{ ...models.validity[0]!, label: '<b>Lan</b>' }] } }),
      );
      expect(out).not.toContain('<b>Lan');
      expect(out).toContain('&lt;b&gt;Lan&lt;/b&gt;');
    });
  });

  describe('workbook', async () => {
    const workbook = await load(await renderReportXlsx(withModels));
    const sheet = (name: string): ExcelJS.Worksheet => workbook.getWorksheet(name)!;
    const MODEL_SHEETS = [
      'Mô hình học tập',
      'Gia đình học tập',
      'Dòng họ học tập',
      'Cộng đồng học tập',
      'Đơn vị học tập',
      'Người lao động là CDHT',
      'Cán bộ đơn vị là CDHT',
      'Hết hiệu lực',
      'Mô hình qua các năm',
    ];

    it("adds the models' sheets before the public list", () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual([...SHEETS.slice(0, -1), ...MODEL_SHEETS, SHEETS.at(-1)]);
      for (const name of MODEL_SHEETS) expect(sheet(name).pageSetup.paperSize).toBe(9);
    });

    it('writes the six rates with their targets', () => {
      const s = sheet('Mô hình học tập');
      expect(s.getCell('A4').value).toBe('1. Tỷ lệ so với chỉ tiêu');
      expect(values(s.getRow(5))).toEqual(['Tỷ lệ', 'Số đạt', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
      expect(values(s.getRow(6))).toEqual([
        'Tỷ lệ gia đình được công nhận gia đình học tập',
        29,
        50,
        0.58,
        0.72,
        'Chưa đạt',
      ]);
      expect(values(s.getRow(11))).toEqual([
        'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT',
        12,
        20,
        0.6,
        0.64,
        'Chưa đạt',
      ]);
      expect(s.getCell('D6').numFmt).toBe('0.0%');
      expect(s.getCell('A12').value).toContain('Trường Mầm non Hoa Sen');
    });

    it('writes each model by village with the total, numbers as numbers', () => {
      const s = sheet('Gia đình học tập');
      expect(values(s.getRow(4))).toEqual([
        'STT',
        'Thôn',
        'Tên trước đây',
        'Đăng ký',
        'Tự đánh giá',
        'Được công nhận',
        'Trên tổng số',
        'Tỷ lệ',
        'Chỉ tiêu',
        'Đánh giá',
      ]);
      expect(values(s.getRow(5))).toEqual([
        1,
        'Thôn Đồng Chằm',
        'Thôn Đồng, Thôn Chằm',
        40,
        30,
        25,
        50,
        0.5,
        0.72,
        'Chưa đạt',
      ]);
      expect(values(s.getRow(6))).toEqual([2, 'Thôn Gò Mít', undefined, 10, 5, 4, undefined, undefined, 0.72, '—']);
      expect(values(s.getRow(7)).slice(0, 6)).toEqual([undefined, 'Toàn xã', undefined, 50, 35, 29]);
      expect(s.getCell('B7').font?.bold).toBe(true);
      expect(s.rowCount).toBe(7);
      expect(values(sheet('Dòng họ học tập').getRow(5)).slice(3, 8)).toEqual([3, 2, 1, 3, 1 / 3]);
      expect(values(sheet('Cộng đồng học tập').getRow(6)).slice(3, 8)).toEqual([1, 0, 0, 1, 0]);
      expect(values(sheet('Đơn vị học tập').getRow(5)).slice(3, 8)).toEqual([2, 2, 1, 2, 0.5]);
      expect(values(sheet('Người lao động là CDHT').getRow(4)).slice(3)).toEqual([
        'Số người là CDHT',
        'Trên tổng số',
        'Tỷ lệ',
        'Chỉ tiêu',
        'Đánh giá',
      ]);
      expect(values(sheet('Người lao động là CDHT').getRow(5)).slice(3)).toEqual([30, 60, 0.5, 0.44, 'Đạt']);
      expect(values(sheet('Cán bộ đơn vị là CDHT').getRow(7)).slice(3, 6)).toEqual([12, 20, 0.6]);
    });

    it('writes the years, rates as numbers, the year asked in bold', () => {
      const s = sheet('Mô hình qua các năm');
      expect(s.pageSetup.orientation).toBe('landscape');
      expect(String(s.getCell('A2').value)).toContain('9. Kết quả qua các năm');
      expect(values(s.getRow(4))).toEqual([
        'Năm',
        'Gia đình học tập được công nhận',
        'Tỷ lệ gia đình học tập',
        'Dòng họ học tập được công nhận',
        'Tỷ lệ dòng họ học tập',
        'Cộng đồng học tập được công nhận',
        'Tỷ lệ cộng đồng học tập',
        'Đơn vị học tập được công nhận',
        'Tỷ lệ đơn vị học tập',
        'Tỷ lệ người lao động là CDHT',
        'Tỷ lệ cán bộ đơn vị là CDHT',
      ]);
      expect(values(s.getRow(5))).toEqual([2025, 12, 0.25, 0, 0, 1, 0.5, 1, 0.5, 0.4]);
      expect(s.getCell('K5').value).toBeNull();
      expect(values(s.getRow(6))).toEqual([2026, 29, 0.58, 1, 0.25, 1, 0.5, 1, 0.5, 32 / 68, 0.6]);
      expect(s.getCell('C5').numFmt).toBe('0.0%');
      expect(s.getCell('A6').font?.bold).toBe(true);
      expect(s.getCell('A5').font?.bold).toBeFalsy();
      expect(String(s.getCell('A7').value)).toContain('Mỗi năm được tính như báo cáo của năm đó');
    });

    it('writes what ends in the year, dates as dates', () => {
      const s = sheet('Hết hiệu lực');
      expect(values(s.getRow(4))).toEqual([
        'STT',
        'Danh hiệu',
        'Tên',
        'Thôn',
        'Số quyết định',
        'Ngày ký',
        'Hiệu lực đến',
        'Ghi chú',
      ]);
      expect(values(s.getRow(5))).toEqual([
        1,
        'Gia đình học tập',
        'Nguyễn Thị Lan',
        'Thôn Đồng Chằm',
        '12/QĐ-UBND',
        new Date(Date.UTC(2025, 2, 20)),
        new Date(Date.UTC(2026, 2, 19)),
        'Đã hết hiệu lực',
      ]);
      expect(s.getCell('G5').numFmt).toBe('dd/mm/yyyy');
      expect(s.getCell('H6').value).toBe('Cần công nhận lại');
      expect(s.rowCount).toBe(6);
    });
  });
});

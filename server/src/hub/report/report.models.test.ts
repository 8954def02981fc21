import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './report.html.ts';
import { fixture, htmlRow, report } from '../../../../tests/fixtures/year-report.ts';
import { dong, models, withModels, tableOf } from './report.models.test-setup.ts';

/** Section VII of the yearly report, the four other titles, in the HTML (the workbook: report.models-workbook.test.ts). */
describe('section VII: the four other titles', () => {
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
});

/** The yearly report as an A4 HTML document (report.html.ts). */
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './report.html.ts';
import { reportTitle } from './report.words.ts';
import {
  TITLE,
  adjustment,
  counts,
  dongCham,
  fixture,
  goMit,
  group1,
  group2,
  htmlRow,
  htmlRows,
  report,
  total,
} from '../../../../tests/fixtures/year-report.ts';

describe('reportTitle', () => {
  it('names the model and the year', () => {
    expect(reportTitle(fixture)).toBe(TITLE);
  });
});

describe('renderReportHtml', () => {
  const html = renderReportHtml(fixture);

  it.each([
    ['is a complete Vietnamese document', '<!doctype html>\n<html lang="vi">'],
    ['declares UTF-8', '<meta charset="utf-8">'],
    ['prints on A4 portrait', '@page { size: A4; margin: 15mm 15mm 20mm 20mm; }'],
    ['prints the wide tables on A4 landscape', '@page wide { size: A4 landscape;'],
    ['repeats table headers on every page', 'thead { display: table-header-group; }'],
    ['names the issuing committee in full', '<p class="b">ỦY BAN NHÂN DÂN</p>\n<p class="b">XÃ TÂN LẬP</p>'],
    ['carries the national name', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['carries the motto', 'Độc lập - Tự do - Hạnh phúc'],
    ['dates the report in Vietnam', 'Tân Lập, ngày 18 tháng 11 năm 2026'],
    ['has the title', `<h1>${TITLE}</h1>`],
    ['states commune and province', 'Xã Tân Lập, Tỉnh Phú Thọ'],
    ['states when the figures were taken', 'Số liệu tính đến 08:30 ngày 18/11/2026.'],
    ['has section I', 'I. Kết quả chung'],
    ['has section II by village', 'II. Kết quả theo thôn'],
    ['has section III by center and group', 'III. Kết quả theo trung tâm và nhóm đối tượng'],
    ['has section IV', 'IV. Chỉ tiêu'],
    ['has section V', 'V. Tình hình báo cáo'],
    ['has section VI', 'VI. Kết quả qua các năm'],
    ['shows the former names in small type', '<small class="former">(trước đây: Thôn Đồng, Thôn Chằm)</small>'],
    ['states the deadline and the days left', 'Hạn báo cáo: <span class="b">30/11/2026</span> (còn 12 ngày).'],
    ['counts who reported', 'Đã báo cáo: 1/2 đơn vị, trong đó đúng hạn: 1.'],
    ['has a block for the compiler', 'NGƯỜI LẬP BÁO CÁO'],
    ['is signed by the deputy for the chair unless configured', 'KT. CHỦ TỊCH'],
  ])('%s', (_name, fragment) => {
    expect(html).toContain(fragment);
  });

  it('shows the total counts, population and rates of section I', () => {
    for (const [label, value] of [
      ['Đăng ký', '730'],
      ['Tự đánh giá', '680'],
      ['Đã thẩm định', '660'],
      ['Được công nhận', '637'],
      ['Có kỹ năng số', '390'],
      ['Thành thạo kỹ năng số', '150'],
      ['Tiêu biểu xuất sắc', '15'],
      ['Số người lớn (từ 15 tuổi)', '1.500'],
    ]) {
      expect(htmlRow(html, label!).slice(1)).toEqual([label, value]);
    }
    expect(htmlRow(html, 'Tỷ lệ người từ 15 tuổi trở lên là CDHT')).toEqual([
      'Tỷ lệ người từ 15 tuổi trở lên là CDHT',
      '637',
      '1.500',
      '42,5 %',
      '50,0 %',
      'Chưa đạt',
    ]);
    expect(htmlRow(html, 'Tỷ lệ CDHT có kỹ năng số')).toEqual([
      'Tỷ lệ CDHT có kỹ năng số',
      '390',
      '637',
      '61,2 %',
      '60,0 %',
      'Đạt',
    ]);
    expect(htmlRow(html, 'Tỷ lệ thành thạo trong số có kỹ năng số')).toEqual([
      'Tỷ lệ thành thạo trong số có kỹ năng số',
      '150',
      '390',
      '38,5 %',
      '—',
      '—',
    ]);
  });

  it('lists every village with its counts, and "—" for the unknown population and rate', () => {
    expect(html).toContain('>Thôn</th>');
    expect(htmlRow(html, 'Thôn Gò Mít')).toEqual([
      '2',
      'Thôn Gò Mít',
      '210',
      '200',
      '190',
      '180',
      '90',
      '30',
      '3',
      '—',
      '—',
      '50,0 %',
      '33,3 %',
    ]);
    expect(htmlRow(html, 'Thôn Đồng Chằm').slice(0, 2)).toEqual([
      '1',
      'Thôn Đồng Chằm(trước đây: Thôn Đồng, Thôn Chằm)',
    ]);
    expect(htmlRow(html, 'Thôn Đồng Chằm').slice(10)).toEqual(['45,7 %', '65,6 %', '40,0 %']);
    expect(html).toContain('<td>Toàn xã</td>');
  });

  it('shows centers and groups', () => {
    for (const name of ['Trung tâm HTCĐ Đồng Chằm', 'Trung tâm HTCĐ Gò Mít', group1, group2])
      expect(html).toContain(`<td>${name}`);
    expect(html).toContain('>Nhóm đối tượng</th>');
  });

  it('traces each target down to the adjustment and its note', () => {
    const [, value, trace] = htmlRows(html, 'Tỷ lệ người từ 15 tuổi trở lên là CDHT')[1]!;
    expect(value).toBe('50,0 %');
    expect(trace).toBe(`Trung ương: 40,0 %Tỉnh: 45,0 %Điều chỉnh: 50,0 % — ${adjustment}`);
    expect(html).toContain('<p>Trung ương: 40,0 %</p><p>Tỉnh: 45,0 %</p>');
    expect(htmlRows(html, 'Tỷ lệ thành thạo trong số có kỹ năng số')[1]).toEqual([
      'Tỷ lệ thành thạo trong số có kỹ năng số',
      '—',
      '—',
    ]);
  });

  it('shows each center\'s report: date, "Chưa báo cáo", on time and the on-time rate', () => {
    // 18:00 UTC on 20 November is already 21 November in Vietnam.
    expect(htmlRows(html, 'Trung tâm HTCĐ Đồng Chằm').at(-1)!.slice(-3)).toEqual([
      '21/11/2026',
      'Đúng hạn',
      '66,7 % (2/3 năm)',
    ]);
    expect(htmlRows(html, 'Trung tâm HTCĐ Gò Mít').at(-1)!.slice(-3)).toEqual([
      'Chưa báo cáo',
      '—',
      '100,0 % (2/2 năm)',
    ]);
  });

  it('shows the years, the current one in bold', () => {
    expect(htmlRow(html, '2025')).toEqual([
      '2025',
      '600',
      '560',
      '540',
      '520',
      '300',
      '100',
      '0',
      '1.480',
      '35,1 %',
      '50,0 %',
      'Chưa đạt',
    ]);
    expect(html).toContain('<tr class="current"><td class="center">2026</td>');
  });

  it.each([
    [-3, 'quá hạn 3 ngày'],
    [0, 'đến hạn hôm nay'],
  ])('writes %i days left as "%s"', (daysLeft, words) => {
    const r = report();
    r.dashboard.reporting.daysLeft = daysLeft;
    expect(renderReportHtml(r)).toContain(`(${words}).`);
  });

  it('omits the centers when there are none', () => {
    const r = report();
    r.dashboard.byCenter = [];
    const out = renderReportHtml(r);
    expect(out).toContain('III. Kết quả theo nhóm đối tượng');
    expect(out).not.toContain('>Trung tâm</th>');
    expect(out).not.toContain('1. Theo trung tâm');
  });

  it('reports a province by commune', () => {
    const r = report({ commune: 'Tỉnh Phú Thọ' });
    r.dashboard = {
      ...r.dashboard,
      level: 'province',
      scope: 'Tỉnh Phú Thọ',
      byPlace: [{ ...dongCham, name: 'Xã Tân Lập' }],
      byCenter: [],
    };
    const out = renderReportHtml(r);
    expect(out).toContain('<p class="b">ỦY BAN NHÂN DÂN</p>\n<p class="b">TỈNH PHÚ THỌ</p>');
    expect(out).toContain('Phú Thọ, ngày 18 tháng 11 năm 2026');
    expect(out).toContain('II. Kết quả theo xã');
    expect(out).toContain('>Xã</th>');
    expect(out).toContain('<td>Toàn tỉnh</td>');
    expect(out).not.toContain('>Thôn</th>');
  });

  it('is standalone: no scripts and no external resources', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:/i);
  });

  it('escapes every name', () => {
    const r = report({ commune: 'Xã A & B' });
    r.dashboard.byPlace = [{ ...goMit, name: 'Thôn <script>alert(1)</script>', formerNames: ['<b>Cũ</b>'] }];
    r.dashboard.reporting.centers[0]!.name = 'TT "Mới" <img src=x>';
    const out = renderReportHtml(r);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>Cũ');
    expect(out).toContain('Thôn &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('(trước đây: &lt;b&gt;Cũ&lt;/b&gt;)');
    expect(out).toContain('TT &quot;Mới&quot; &lt;img src=x&gt;');
    expect(out).toContain('XÃ A &amp; B');
  });
});

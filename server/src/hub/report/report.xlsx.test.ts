/** The yearly report as a workbook (report.xlsx.ts), and the public list in both forms. */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderPublicListHtml, renderReportHtml } from './report.html.ts';
import { renderPublicListXlsx, renderReportXlsx } from './report.xlsx.ts';
import {
  SHEETS,
  TITLE,
  adjustment,
  fixture,
  group1,
  group2,
  load,
  report,
  row,
  text,
  total,
  values,
} from '../../../../tests/fixtures/year-report.ts';

describe('renderReportXlsx', async () => {
  const workbook = await load(await renderReportXlsx(fixture));
  const sheet = (name: string): ExcelJS.Worksheet => workbook.getWorksheet(name)!;

  it('has one sheet per part of the report, each on A4 with set column widths', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    for (const s of workbook.worksheets) {
      expect(s.pageSetup.paperSize).toBe(9);
      expect(s.getColumn(1).width).toBeGreaterThan(0);
      expect(s.getColumn(2).width).toBeGreaterThan(0);
      expect(s.getCell('A1').font?.bold).toBe(true);
    }
    expect(sheet('Theo thôn').pageSetup.orientation).toBe('landscape');
    expect(sheet('Tổng hợp').pageSetup.orientation).toBe('portrait');
  });

  it('writes section I of the summary with numbers as numbers', () => {
    const s = sheet('Tổng hợp');
    expect(s.getCell('A1').value).toBe(TITLE);
    expect(s.getCell('A2').value).toBe('Xã Tân Lập, Tỉnh Phú Thọ');
    expect(s.getCell('A4').value).toBe('I. Kết quả chung');
    expect(values(s.getRow(5))).toEqual(['Nội dung', 'Số người']);
    expect(s.getCell('A5').font?.bold).toBe(true);
    expect(values(s.getRow(9))).toEqual(['Được công nhận', 637]);
    expect(values(s.getRow(13))).toEqual(['Số người lớn (từ 15 tuổi)', 1500]);
    expect(s.getCell('B9').numFmt).toBe('#,##0');
    expect(values(s.getRow(15))).toEqual(['Tỷ lệ', 'Số người', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
    expect(values(s.getRow(16))).toEqual([
      'Tỷ lệ người từ 15 tuổi trở lên là CDHT',
      637,
      1500,
      637 / 1500,
      0.5,
      'Chưa đạt',
    ]);
    expect(s.getCell('D16').numFmt).toBe('0.0%');
    expect(s.getCell('E16').numFmt).toBe('0.0%');
    // No target for proficiency: an empty cell, not a zero.
    expect(s.getCell('E18').value).toBeNull();
    expect(s.getCell('F18').value).toBe('—');
  });

  it('writes section IV with the trace of each target', () => {
    const s = sheet('Tổng hợp');
    expect(s.getCell('A20').value).toBe('IV. Chỉ tiêu');
    expect(values(s.getRow(21)).slice(0, 5)).toEqual(['Chỉ tiêu', 'Mức áp dụng', 'Căn cứ', 'Mức', 'Ghi chú']);
    expect(values(s.getRow(22)).slice(0, 4)).toEqual([
      'Tỷ lệ người từ 15 tuổi trở lên là CDHT',
      0.5,
      'Trung ương',
      0.4,
    ]);
    expect(s.getCell('B22').numFmt).toBe('0.0%');
    expect(values(s.getRow(23)).slice(0, 4)).toEqual([undefined, undefined, 'Tỉnh', 0.45]);
    expect(values(s.getRow(24)).slice(0, 5)).toEqual([undefined, undefined, 'Điều chỉnh', 0.5, adjustment]);
    expect(s.getCell('F24').isMerged).toBe(true);
    expect(values(s.getRow(25)).slice(0, 4)).toEqual(['Tỷ lệ CDHT có kỹ năng số', 0.6, 'Trung ương', 0.6]);
    expect(s.getCell('A26').value).toBe('Tỷ lệ thành thạo trong số có kỹ năng số');
    expect(s.getCell('B26').value).toBeNull();
  });

  it('writes one row per village, former names apart, an empty cell for an unknown population or rate', () => {
    const s = sheet('Theo thôn');
    expect(values(s.getRow(4))).toEqual([
      'STT',
      'Thôn',
      'Tên trước đây',
      'Đăng ký',
      'Tự đánh giá',
      'Đã thẩm định',
      'Được công nhận',
      'Có kỹ năng số',
      'Thành thạo kỹ năng số',
      'Tiêu biểu xuất sắc',
      'Số người lớn (từ 15 tuổi)',
      'Tỷ lệ CDHT',
      'Tỷ lệ có kỹ năng số',
      'Tỷ lệ thành thạo kỹ năng số',
    ]);
    expect(s.getCell('D4').font?.bold).toBe(true);
    expect(values(s.getRow(5))).toEqual([
      1,
      'Thôn Đồng Chằm',
      'Thôn Đồng, Thôn Chằm',
      520,
      480,
      470,
      457,
      300,
      120,
      12,
      1000,
      0.457,
      300 / 457,
      0.4,
    ]);
    expect(s.getCell('L5').numFmt).toBe('0.0%');
    expect(s.getCell('K6').value).toBeNull();
    expect(s.getCell('L6').value).toBeNull();
    expect(s.getCell('M6').value).toBe(0.5);
    expect(values(s.getRow(7)).slice(0, 4)).toEqual([undefined, 'Toàn xã', undefined, 730]);
    expect(s.getCell('B7').font?.bold).toBe(true);
    expect(s.rowCount).toBe(7);
  });

  it('writes the centers and the groups', () => {
    expect(sheet('Theo trung tâm').getCell('B5').value).toBe('Trung tâm HTCĐ Đồng Chằm');
    expect(sheet('Theo trung tâm').getCell('K5').value).toBe(1000);
    expect(sheet('Theo nhóm').getCell('B4').value).toBe('Nhóm đối tượng');
    expect(values(sheet('Theo nhóm').getRow(6)).slice(0, 7)).toEqual([2, group2, undefined, 230, 210, 200, 187]);
  });

  it('writes the reporting: deadline as a date, days left, each center', () => {
    const s = sheet('Báo cáo');
    expect(s.getCell('A4').value).toBe('Hạn báo cáo');
    expect(s.getCell('C4').value).toEqual(new Date(Date.UTC(2026, 10, 30)));
    expect(s.getCell('C4').numFmt).toBe('dd/mm/yyyy');
    expect(['A5', 'C5', 'D5'].map((a) => s.getCell(a).value)).toEqual(['Số ngày còn lại', 12, 'còn 12 ngày']);
    expect(values(s.getRow(7))).toEqual([
      'STT',
      'Trung tâm học tập cộng đồng',
      'Ngày báo cáo',
      'Đúng hạn',
      'Số năm phải báo cáo',
      'Số năm đúng hạn',
      'Tỷ lệ đúng hạn',
    ]);
    expect(values(s.getRow(8))).toEqual([
      1,
      'Trung tâm HTCĐ Đồng Chằm',
      new Date(Date.UTC(2026, 10, 21)),
      'Đúng hạn',
      3,
      2,
      2 / 3,
    ]);
    expect(values(s.getRow(9))).toEqual([2, 'Trung tâm HTCĐ Gò Mít', 'Chưa báo cáo', '—', 2, 2, 1]);
    expect(s.getCell('G9').numFmt).toBe('0.0%');
  });

  it('writes the years', () => {
    const s = sheet('Qua các năm');
    expect(values(s.getRow(5))).toEqual([2025, 600, 560, 540, 520, 300, 100, 0, 1480, 520 / 1480, 0.5, 'Chưa đạt']);
    expect(s.getCell('A6').value).toBe(2026);
    expect(s.getCell('A6').font?.bold).toBe(true);
    expect(s.getCell('K6').numFmt).toBe('0.0%');
  });

  it('writes the recognition list: STT, name and village', () => {
    const s = sheet('Danh sách công nhận');
    expect(s.getCell('A1').value).toBe('DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026');
    expect(values(s.getRow(4))).toEqual(['STT', 'Họ và tên', 'Thôn']);
    expect(values(s.getRow(5))).toEqual([1, 'Nguyễn Thị Lan', 'Thôn Đồng Chằm']);
    expect(values(s.getRow(6))).toEqual([2, 'Trần Văn Tuấn', 'Thôn Gò Mít']);
    expect(s.rowCount).toBe(6);
  });

  it('names the sheet by commune for a province', async () => {
    const r = report({ commune: 'Tỉnh Phú Thọ' });
    r.dashboard = { ...r.dashboard, level: 'province', scope: 'Tỉnh Phú Thọ', byCenter: [] };
    const wb = await load(await renderReportXlsx(r));
    expect(wb.worksheets.map((s) => s.name)).toEqual(SHEETS.map((n) => (n === 'Theo thôn' ? 'Theo xã' : n)));
    expect(wb.getWorksheet('Theo xã')!.getCell('B4').value).toBe('Xã');
    expect(wb.getWorksheet('Theo trung tâm')!.getCell('A5').value).toBe('Chưa có số liệu.');
  });
});

describe('public list', () => {
  // What a caller might pass by mistake: the rows of the official list, with everything on them.
  const leaky = [
    {
      name: 'Nguyễn Thị Lan',
      village: 'Thôn Đồng Chằm',
      birthYear: 1954,
      group: group1,
      total: 86,
      score: 86,
      note: 'Hội viên Hội Nông dân',
    },
    {
      name: 'Trần Văn Tuấn',
      village: 'Thôn Gò Mít',
      birthYear: 1988,
      group: group2,
      total: 91,
      score: 91,
      note: 'Năm thứ hai liên tiếp',
    },
  ];
  const r = report({ recognized: leaky });
  const privateDetails = [
    '1954',
    '1988',
    '86',
    '91',
    group1,
    group2,
    'Nhóm 1',
    'Nhóm 2',
    'Hội viên Hội Nông dân',
    'Năm thứ hai liên tiếp',
    'Năm sinh',
    'Nhóm đối tượng',
    'Tổng điểm',
    'Ghi chú',
    'Được công nhận',
    '637',
    '457',
    '45,7',
    'Chỉ tiêu',
  ];

  it('HTML has the title and exactly the recognized names, with STT, name and village only', () => {
    const html = renderPublicListHtml(r);
    expect(html).toContain('<h1>DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026</h1>');
    expect(html).toContain('<html lang="vi">');
    expect(html.match(/<th\b[^>]*>[^<]*<\/th>/g)?.map((t) => t.replace(/<[^>]+>/g, ''))).toEqual([
      'STT',
      'Họ và tên',
      'Thôn',
    ]);
    const rows = [...html.matchAll(/<tr><td class="center">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map(
      (m) => m.slice(1),
    );
    expect(rows).toEqual([
      ['1', 'Nguyễn Thị Lan', 'Thôn Đồng Chằm'],
      ['2', 'Trần Văn Tuấn', 'Thôn Gò Mít'],
    ]);
    expect(html).toContain('Tổng số: 2 người.');
    expect(html).toContain('KT. CHỦ TỊCH');
    expect(html).not.toContain('NGƯỜI LẬP');
  });

  it.each(privateDetails)('HTML never shows "%s"', (detail) => {
    expect(text(renderPublicListHtml(r))).not.toContain(detail);
  });

  it('HTML escapes names', () => {
    const html = renderPublicListHtml(
      report({ recognized: [{ name: 'Lan <script>alert(1)</script> & Hoa', village: '<i>Thôn</i>' }] }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<i>Thôn');
    expect(html).toContain('Lan &lt;script&gt;alert(1)&lt;/script&gt; &amp; Hoa');
  });

  it('HTML of an empty list says so', () => {
    const html = renderPublicListHtml(report({ recognized: [] }));
    expect(html).toContain('<td class="empty" colspan="3">Chưa có người nào trong danh sách.</td>');
    expect(html).toContain('Tổng số: 0 người.');
  });

  it('workbook has one sheet with exactly the recognized names and nothing private', async () => {
    const wb = await load(await renderPublicListXlsx(r));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Danh sách công nhận']);
    const s = wb.worksheets[0]!;
    expect(s.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
    expect(values(s.getRow(4))).toEqual(['STT', 'Họ và tên', 'Thôn']);
    expect(s.getCell('A4').font?.bold).toBe(true);
    expect(values(s.getRow(5))).toEqual([1, 'Nguyễn Thị Lan', 'Thôn Đồng Chằm']);
    expect(values(s.getRow(6))).toEqual([2, 'Trần Văn Tuấn', 'Thôn Gò Mít']);
    expect(s.rowCount).toBe(6);
    const cells: unknown[] = [];
    s.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    for (let n = 4; n <= s.rowCount; n++) expect(s.getRow(n).cellCount).toBe(3);
    for (const value of [1954, 1988, 86, 91, 637, 457]) expect(cells).not.toContain(value);
    for (const detail of privateDetails) expect(cells.map(String).join('\n')).not.toContain(detail);
  });
});

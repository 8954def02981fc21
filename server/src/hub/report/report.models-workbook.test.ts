import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReportXlsx } from './report.xlsx.ts';
import { SHEETS, load, values } from '../../../../tests/fixtures/year-report.ts';
import { withModels } from './report.models.test-setup.ts';

/** Section VII of the yearly report, the four other titles, in the workbook. */
describe('section VII: the four other titles', () => {
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

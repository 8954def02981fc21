/** The yearly report's sheet of who reported and when (report.xlsx.ts). */
import type ExcelJS from 'exceljs';
import {
  addColumnHeader,
  addNumberedRows,
  DATE,
  FONT,
  INTEGER,
  PERCENT,
  titledSheet,
  type XColumn,
} from '../../print/workbook.ts';
import {
  daysLeftText,
  NOT_REPORTED,
  onTimeText,
  rateValue,
  reportingUnit,
  reportTitle,
  SECTION,
  subtitleFor,
  xlsxDate,
  type YearReport,
} from './report.words.ts';

export function reportingSheet(workbook: ExcelJS.Workbook, r: YearReport): void {
  const { deadline, daysLeft, centers } = r.dashboard.reporting;
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: reportingUnit(r), width: 36, align: 'left' },
    { header: 'Ngày báo cáo', width: 15, align: 'center', numFmt: DATE },
    { header: 'Đúng hạn', width: 12, align: 'center' },
    { header: 'Số năm phải báo cáo', width: 12, align: 'right', numFmt: INTEGER },
    { header: 'Số năm đúng hạn', width: 12, align: 'right', numFmt: INTEGER },
    { header: 'Tỷ lệ đúng hạn', width: 12, align: 'right', numFmt: PERCENT },
  ];
  // The deadline's two rows and a blank one come between the title and the table: its header is row 7.
  const sheet = titledSheet(workbook, {
    name: 'Báo cáo',
    orientation: 'portrait',
    widths: columns.map((c) => c.width),
    printTitlesRow: '7:7',
    title: reportTitle(r),
    subtitle: subtitleFor(r, SECTION.reporting),
  });

  const due = sheet.addRow(['Hạn báo cáo', null, xlsxDate(deadline) ?? deadline]);
  const left = sheet.addRow(['Số ngày còn lại', null, daysLeft, daysLeftText(daysLeft)]);
  for (const row of [due, left]) {
    sheet.mergeCells(row.number, 1, row.number, 2);
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(3).font = FONT;
    row.getCell(3).alignment = { horizontal: 'center' };
    row.getCell(4).font = { ...FONT, italic: true };
  }
  if (due.getCell(3).value instanceof Date) due.getCell(3).numFmt = DATE;
  sheet.addRow([]);

  addColumnHeader(sheet, columns, 32);
  addNumberedRows(
    sheet,
    columns,
    centers.map((c) => [
      c.name,
      c.reportedAt === null ? NOT_REPORTED : (xlsxDate(c.reportedAt) ?? c.reportedAt),
      onTimeText(c.onTime),
      c.yearsDue,
      c.yearsOnTime,
      rateValue(c.onTimeRate),
    ]),
    { empty: 'Chưa có đơn vị nào phải báo cáo.' },
  );
}

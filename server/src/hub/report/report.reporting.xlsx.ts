/** The yearly report's sheet of who reported and when (report.xlsx.ts). */
import type ExcelJS from 'exceljs';
import {
  addBody,
  addHeader,
  addNote,
  addTitle,
  DATE,
  FONT,
  INTEGER,
  newSheet,
  PERCENT,
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
  const sheet = newSheet(
    workbook,
    'Báo cáo',
    'portrait',
    columns.map((c) => c.width),
    '7:7',
  );
  addTitle(sheet, reportTitle(r), subtitleFor(r, SECTION.reporting), columns.length);

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

  addHeader(
    sheet,
    columns.map((c) => c.header),
  ).height = 32;
  if (!centers.length) addNote(sheet, 'Chưa có đơn vị nào phải báo cáo.', columns.length);
  centers.forEach((c, i) => {
    const reported = c.reportedAt === null ? NOT_REPORTED : (xlsxDate(c.reportedAt) ?? c.reportedAt);
    addBody(
      sheet,
      [i + 1, c.name, reported, onTimeText(c.onTime), c.yearsDue, c.yearsOnTime, rateValue(c.onTimeRate)],
      columns,
    );
  });
}

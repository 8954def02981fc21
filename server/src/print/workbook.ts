/**
 * The .xlsx side of the print kit (exceljs): A4 sheets fitted to the page's width, a merged title
 * and subtitle, bordered header and body rows in Times New Roman, as the documents print them.
 */
import type ExcelJS from 'exceljs';

export type CellValue = string | number | Date | null;
export type Align = 'left' | 'center' | 'right';

/** A column of a sheet: its header, width in characters, alignment and number format. */
export interface XColumn {
  header: string;
  width: number;
  align: Align;
  numFmt?: string;
}

export const FONT = { name: 'Times New Roman', size: 12 };
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
export const INTEGER = '#,##0';
export const PERCENT = '0.0%';
export const DATE = 'dd/mm/yyyy';

/** A count column and a rate column, as the report's tables have them. */
export const count = (header: string): XColumn => ({ header, width: 12, align: 'right', numFmt: INTEGER });
export const percent = (header: string): XColumn => ({ header, width: 13, align: 'right', numFmt: PERCENT });

// exceljs is large (about 28 MB once loaded): loaded when a sheet is made, not on every start of the box.
export async function newWorkbook(generatedAt: string): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Kiosk Công dân học tập';
  const generated = new Date(generatedAt);
  if (!Number.isNaN(generated.getTime())) workbook.created = generated;
  return workbook;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An A4 sheet fitted to one page wide; `printTitlesRow` ("4:4") repeats the header row on every page. */
export function newSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  orientation: 'portrait' | 'landscape',
  widths: number[],
  printTitlesRow?: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      ...(printTitlesRow ? { printTitlesRow } : {}),
      margins: { left: 0.79, right: 0.59, top: 0.59, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = widths.map((width) => ({ width }));
  return sheet;
}

/** What a sheet is called and says at its top. */
export interface SheetSpec {
  name: string;
  orientation: 'portrait' | 'landscape';
  title: string;
  subtitle: string;
}

/** An A4 sheet of `widths` with the title and subtitle across all its columns (then a blank row). */
export function titledSheet(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec & { widths: number[]; printTitlesRow?: string },
): ExcelJS.Worksheet {
  const sheet = newSheet(workbook, spec.name, spec.orientation, spec.widths, spec.printTitlesRow);
  addTitle(sheet, spec.title, spec.subtitle, spec.widths.length);
  return sheet;
}

/**
 * A sheet of one table: titled (titledSheet), then the columns' header row, `headerHeight` points
 * high when its headers wrap, repeated on every page (row 4: under the title's three rows).
 */
export function tableSheet(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec & { columns: XColumn[]; headerHeight?: number },
): ExcelJS.Worksheet {
  const sheet = titledSheet(workbook, { ...spec, widths: spec.columns.map((c) => c.width), printTitlesRow: '4:4' });
  addColumnHeader(sheet, spec.columns, spec.headerHeight);
  return sheet;
}

/** Title, sub-title and a blank row, across `span` columns. */
export function addTitle(sheet: ExcelJS.Worksheet, title: string, subtitle: string, span: number): void {
  const titleRow = sheet.addRow([title]);
  const subtitleRow = sheet.addRow([subtitle]);
  for (const [row, extra] of [
    [titleRow, { bold: true, size: 14 }],
    [subtitleRow, { italic: true }],
  ] as const) {
    sheet.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).font = { ...FONT, ...extra };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  titleRow.height = 36;
  sheet.addRow([]);
}

/** A draft's mark ("BẢN NHÁP ...") on the empty row `addTitle` leaves under the title (row 3), bold and red. */
export function addDraftMark(sheet: ExcelJS.Worksheet, text: string, span: number): void {
  const row = sheet.getRow(3);
  row.getCell(1).value = text;
  sheet.mergeCells(row.number, 1, row.number, span);
  row.getCell(1).font = { ...FONT, bold: true, color: { argb: 'FFB00000' } };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
}

export function addHeading(sheet: ExcelJS.Worksheet, text: string): void {
  const row = sheet.addRow([text]);
  row.getCell(1).font = { ...FONT, bold: true };
}

export function addHeader(sheet: ExcelJS.Worksheet, headers: string[]): ExcelJS.Row {
  const row = sheet.addRow(headers);
  headers.forEach((_h, j) => {
    const cell = row.getCell(j + 1);
    cell.font = { ...FONT, bold: true };
    cell.border = BORDER;
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  return row;
}

/** The header row of `columns`, `height` points high when given. */
export function addColumnHeader(sheet: ExcelJS.Worksheet, columns: XColumn[], height?: number): ExcelJS.Row {
  const row = addHeader(
    sheet,
    columns.map((c) => c.header),
  );
  if (height !== undefined) row.height = height;
  return row;
}

/** The columns of a rate against its target: label, count, of how many, rate, target, whether met. */
export const RATE_COLUMNS: { align: Align; numFmt?: string }[] = [
  { align: 'left' },
  { align: 'right', numFmt: INTEGER },
  { align: 'right', numFmt: INTEGER },
  { align: 'right', numFmt: PERCENT },
  { align: 'right', numFmt: PERCENT },
  { align: 'center' },
];

/**
 * Rows numbered from 1 in the first column, then a bold total row (no number) when given; with no
 * rows, `empty` as the table's note instead (and no total) when given.
 */
export function addNumberedRows(
  sheet: ExcelJS.Worksheet,
  columns: XColumn[],
  rows: CellValue[][],
  end: { empty?: string; total?: CellValue[] } = {},
): void {
  if (!rows.length && end.empty !== undefined) {
    addNote(sheet, end.empty, columns.length);
    return;
  }
  rows.forEach((cells, i) => addBody(sheet, [i + 1, ...cells], columns));
  if (end.total) addBody(sheet, [null, ...end.total], columns, true);
}

/** One row per year, the year `current` in bold; `empty` as the table's note when there is none. */
export function addYearRows(
  sheet: ExcelJS.Worksheet,
  columns: XColumn[],
  years: { year: number; cells: CellValue[] }[],
  current: number,
  empty: string,
): void {
  if (!years.length) addNote(sheet, empty, columns.length);
  for (const { year, cells } of years) addBody(sheet, [year, ...cells], columns, year === current);
}

/** A bordered row; a column's number format applies to its numbers and dates only. */
export function addBody(
  sheet: ExcelJS.Worksheet,
  values: CellValue[],
  columns: { align: Align; numFmt?: string | undefined }[],
  bold = false,
): ExcelJS.Row {
  const row = sheet.addRow(values);
  columns.forEach((c, j) => {
    const cell = row.getCell(j + 1);
    cell.font = bold ? { ...FONT, bold: true } : FONT;
    cell.border = BORDER;
    cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: true };
    if (c.numFmt && (typeof values[j] === 'number' || values[j] instanceof Date)) cell.numFmt = c.numFmt;
  });
  return row;
}

/** A note row ("Chưa có số liệu.") merged across the table. */
export function addNote(sheet: ExcelJS.Worksheet, text: string, span: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, span);
  const cell = row.getCell(1);
  cell.font = { ...FONT, italic: true };
  cell.border = BORDER;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

/** An italic line of text merged across the table, wrapping. */
export function addText(sheet: ExcelJS.Worksheet, text: string, span: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, span);
  row.getCell(1).font = { ...FONT, italic: true };
  row.getCell(1).alignment = { wrapText: true };
}

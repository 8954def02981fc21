/**
 * Section VII of the yearly report's workbook (report.xlsx.ts): the four other titles' rates
 * against the targets, a sheet per model and per member rate, the recognitions ending in the year
 * and the scope's figures across the years.
 */
import type ExcelJS from 'exceljs';
import { modelTargetMeasures, type ModelTargetMeasure } from '../../../../shared/domain/collective-titles/targets.ts';
import { modelCountKinds, type ModelRateRowView, type ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import {
  addBody,
  addHeader,
  addHeading,
  addNumberedRows,
  addText,
  addYearRows,
  count,
  DATE,
  percent,
  RATE_COLUMNS,
  tableSheet,
  titledSheet,
  type CellValue,
  type XColumn,
} from '../../print/workbook.ts';
import {
  countValue,
  DASH,
  metText,
  NO_DATA,
  placeHeader,
  rateCells,
  rateHeaders,
  rateValue,
  reportTitle,
  subtitleFor,
  wholeScope,
  xlsxDate,
  type YearReport,
} from './report.words.ts';
import {
  MEMBER_RATES,
  MEMBER_TREND_HEADERS,
  MODEL_COUNT_HEADERS,
  MODEL_NAMES,
  modelRateLabel,
  MODEL_SECTION,
  MODEL_TREND_NOTE,
  modelNoteText,
  modelParts,
  TITLE_NAMES,
  validityStatus,
} from './report.models.words.ts';

function modelSummarySheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const sheet = titledSheet(workbook, {
    name: 'Mô hình học tập',
    orientation: 'portrait',
    widths: [52, 12, 14, 12, 12, 14],
    title: reportTitle(r),
    subtitle: subtitleFor(r, MODEL_SECTION),
  });
  addHeading(sheet, modelParts(m).summary);
  addHeader(sheet, rateHeaders('Số đạt'));
  for (const measure of modelTargetMeasures) {
    addBody(sheet, rateCells(modelRateLabel(r, measure), m.total.rates[measure]), RATE_COLUMNS);
  }
  for (const note of m.notes) addText(sheet, modelNoteText(r, note), 6);
}

/** One table per place with the scope's total: STT, name, former names, then `cells`. */
function modelRowsSheet(
  workbook: ExcelJS.Workbook,
  r: YearReport,
  m: ModelRatesView,
  name: string,
  section: string,
  headers: XColumn[],
  cells: (row: ModelRateRowView) => CellValue[],
): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: placeHeader(r), width: 28, align: 'left' },
    { header: 'Tên trước đây', width: 22, align: 'left' },
    ...headers,
  ];
  const sheet = tableSheet(workbook, {
    name,
    orientation: 'landscape',
    title: reportTitle(r),
    subtitle: subtitleFor(r, section),
    columns,
    headerHeight: 32,
  });
  addNumberedRows(
    sheet,
    columns,
    m.places.map((row) => [row.name, row.formerNames.join(', ') || null, ...cells(row)]),
    { empty: NO_DATA, total: [wholeScope(r), null, ...cells(m.total)] },
  );
}

export function modelSheets(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const parts = modelParts(m);
  modelSummarySheet(workbook, r, m);
  const rateColumns: XColumn[] = [
    count('Trên tổng số'),
    percent('Tỷ lệ'),
    percent('Chỉ tiêu'),
    { header: 'Đánh giá', width: 11, align: 'center' },
  ];
  const rateCells = (f: ModelRateRowView['rates'][ModelTargetMeasure]): CellValue[] => [
    countValue(f.denominator),
    rateValue(f.rate),
    rateValue(f.target),
    metText(f.met),
  ];
  for (const k of modelCountKinds) {
    modelRowsSheet(
      workbook,
      r,
      m,
      MODEL_NAMES[k],
      parts.model(k),
      [...MODEL_COUNT_HEADERS.map(count), ...rateColumns],
      (row) => [row[k].registered, row[k].assessed, row[k].recognized, ...rateCells(row.rates[k])],
    );
  }
  const memberSheets = { workers: 'Người lao động là CDHT', unitStaff: 'Cán bộ đơn vị là CDHT' } as const;
  for (const k of ['workers', 'unitStaff'] as const) {
    modelRowsSheet(
      workbook,
      r,
      m,
      memberSheets[k],
      parts.member(k),
      [count(MEMBER_RATES[k].numerator), ...rateColumns],
      (row) => [row.rates[k].numerator, ...rateCells(row.rates[k])],
    );
  }
  validitySheet(workbook, r, m);
  modelTrendSheet(workbook, r, m);
}

/** Section VII across the years: one row per year, the year asked in bold. */
function modelTrendSheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const members = ['workers', 'unitStaff'] as const;
  const columns: XColumn[] = [
    { header: 'Năm', width: 8, align: 'center' },
    ...modelCountKinds.flatMap((k) => [
      count(`${MODEL_NAMES[k]} được công nhận`),
      percent(`Tỷ lệ ${MODEL_NAMES[k].toLocaleLowerCase('vi')}`),
    ]),
    ...members.map((k) => percent(MEMBER_TREND_HEADERS[k])),
  ];
  const sheet = tableSheet(workbook, {
    name: 'Mô hình qua các năm',
    orientation: 'landscape',
    title: reportTitle(r),
    subtitle: subtitleFor(r, modelParts(m).trend),
    columns,
    headerHeight: 48,
  });
  const years = m.trend.map(({ year, row }) => ({
    year,
    cells: [
      ...modelCountKinds.flatMap((k) => [row[k].recognized, rateValue(row.rates[k].rate)]),
      ...members.map((k) => rateValue(row.rates[k].rate)),
    ],
  }));
  addYearRows(sheet, columns, years, m.year, NO_DATA);
  addText(sheet, MODEL_TREND_NOTE, columns.length);
}

function validitySheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const section = modelParts(m).validity;
  if (m.level === 'province') {
    const columns: XColumn[] = [{ header: 'Danh hiệu', width: 36, align: 'left' }, count('Số danh hiệu hết hiệu lực')];
    const sheet = tableSheet(workbook, {
      name: 'Hết hiệu lực',
      orientation: 'portrait',
      title: reportTitle(r),
      subtitle: subtitleFor(r, section),
      columns,
    });
    for (const e of m.expiring) addBody(sheet, [TITLE_NAMES[e.title], e.count], columns);
    return;
  }
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Danh hiệu', width: 20, align: 'left' },
    { header: 'Tên', width: 28, align: 'left' },
    { header: placeHeader(r), width: 24, align: 'left' },
    { header: 'Số quyết định', width: 16, align: 'left' },
    { header: 'Ngày ký', width: 13, align: 'center', numFmt: DATE },
    { header: 'Hiệu lực đến', width: 13, align: 'center', numFmt: DATE },
    { header: 'Ghi chú', width: 18, align: 'left' },
  ];
  const sheet = tableSheet(workbook, {
    name: 'Hết hiệu lực',
    orientation: 'landscape',
    title: reportTitle(r),
    subtitle: subtitleFor(r, section),
    columns,
  });
  addNumberedRows(
    sheet,
    columns,
    m.validity
      .filter((e) => e.expiresInYear)
      .map((e) => [
        TITLE_NAMES[e.title],
        e.label ?? DASH,
        e.village ?? DASH,
        e.decisionNumber,
        xlsxDate(e.decisionDate) ?? e.decisionDate,
        xlsxDate(e.validThrough) ?? e.validThrough,
        validityStatus(e),
      ]),
    { empty: `Không có danh hiệu nào hết hiệu lực trong năm ${m.year}.` },
  );
}

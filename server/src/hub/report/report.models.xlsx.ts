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
  addNote,
  addText,
  addTitle,
  count,
  DATE,
  INTEGER,
  newSheet,
  PERCENT,
  percent,
  type Align,
  type CellValue,
  type XColumn,
} from '../../print/workbook.ts';
import {
  countValue,
  DASH,
  MEMBER_RATES,
  MEMBER_TREND_HEADERS,
  metText,
  MODEL_COUNT_HEADERS,
  MODEL_NAMES,
  MODEL_RATE_LABELS,
  MODEL_SECTION,
  MODEL_TREND_NOTE,
  modelNoteText,
  modelParts,
  NO_DATA,
  placeHeader,
  rateValue,
  reportTitle,
  subtitleFor,
  TITLE_NAMES,
  validityStatus,
  wholeScope,
  xlsxDate,
  type YearReport,
} from './report.words.ts';

function modelSummarySheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const sheet = newSheet(workbook, 'Mô hình học tập', 'portrait', [52, 12, 14, 12, 12, 14]);
  addTitle(sheet, reportTitle(r), subtitleFor(r, MODEL_SECTION), 6);
  addHeading(sheet, modelParts(m).summary);
  addHeader(sheet, ['Tỷ lệ', 'Số đạt', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
  const columns: { align: Align; numFmt?: string }[] = [
    { align: 'left' },
    { align: 'right', numFmt: INTEGER },
    { align: 'right', numFmt: INTEGER },
    { align: 'right', numFmt: PERCENT },
    { align: 'right', numFmt: PERCENT },
    { align: 'center' },
  ];
  for (const measure of modelTargetMeasures) {
    const f = m.total.rates[measure];
    addBody(
      sheet,
      [
        MODEL_RATE_LABELS[measure],
        f.numerator,
        countValue(f.denominator),
        rateValue(f.rate),
        rateValue(f.target),
        metText(f.met),
      ],
      columns,
    );
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
  const sheet = newSheet(
    workbook,
    name,
    'landscape',
    columns.map((c) => c.width),
    '4:4',
  );
  addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
  addHeader(
    sheet,
    columns.map((c) => c.header),
  ).height = 32;
  if (!m.places.length) {
    addNote(sheet, NO_DATA, columns.length);
    return;
  }
  m.places.forEach((row, i) =>
    addBody(sheet, [i + 1, row.name, row.formerNames.join(', ') || null, ...cells(row)], columns),
  );
  addBody(sheet, [null, wholeScope(r), null, ...cells(m.total)], columns, true);
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
  const sheet = newSheet(
    workbook,
    'Mô hình qua các năm',
    'landscape',
    columns.map((c) => c.width),
    '4:4',
  );
  addTitle(sheet, reportTitle(r), subtitleFor(r, modelParts(m).trend), columns.length);
  addHeader(
    sheet,
    columns.map((c) => c.header),
  ).height = 48;
  if (!m.trend.length) addNote(sheet, NO_DATA, columns.length);
  for (const { year, row } of m.trend) {
    addBody(
      sheet,
      [
        year,
        ...modelCountKinds.flatMap((k) => [row[k].recognized, rateValue(row.rates[k].rate)]),
        ...members.map((k) => rateValue(row.rates[k].rate)),
      ],
      columns,
      year === m.year,
    );
  }
  addText(sheet, MODEL_TREND_NOTE, columns.length);
}

function validitySheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const section = modelParts(m).validity;
  if (m.level === 'province') {
    const columns: XColumn[] = [{ header: 'Danh hiệu', width: 36, align: 'left' }, count('Số danh hiệu hết hiệu lực')];
    const sheet = newSheet(
      workbook,
      'Hết hiệu lực',
      'portrait',
      columns.map((c) => c.width),
      '4:4',
    );
    addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
    addHeader(
      sheet,
      columns.map((c) => c.header),
    );
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
  const sheet = newSheet(
    workbook,
    'Hết hiệu lực',
    'landscape',
    columns.map((c) => c.width),
    '4:4',
  );
  addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
  addHeader(
    sheet,
    columns.map((c) => c.header),
  );
  const expiring = m.validity.filter((e) => e.expiresInYear);
  if (!expiring.length) addNote(sheet, `Không có danh hiệu nào hết hiệu lực trong năm ${m.year}.`, columns.length);
  expiring.forEach((e, i) =>
    addBody(
      sheet,
      [
        i + 1,
        TITLE_NAMES[e.title],
        e.label ?? DASH,
        e.village ?? DASH,
        e.decisionNumber,
        xlsxDate(e.decisionDate) ?? e.decisionDate,
        xlsxDate(e.validThrough) ?? e.validThrough,
        validityStatus(e),
      ],
      columns,
    ),
  );
}

/**
 * The yearly report as an .xlsx workbook (exceljs, through print/workbook.ts): the summary, one
 * sheet per table of the HTML report, section VII when the four other titles are given
 * (report.models.xlsx.ts), and the public recognition list, which has name and village only.
 */
import type ExcelJS from 'exceljs';
import { countKeys, targetMeasures, type DashboardRow, type TargetStep } from '../../../../shared/schemas/dashboard.ts';
import {
  addBody,
  addHeader,
  addHeading,
  addNote,
  addNumberedRows,
  addYearRows,
  count,
  INTEGER,
  newWorkbook,
  PERCENT,
  percent,
  RATE_COLUMNS,
  tableSheet,
  titledSheet,
  workbookBuffer,
  type Align,
  type CellValue,
  type XColumn,
} from '../../print/workbook.ts';
import { modelSheets } from './report.models.xlsx.ts';
import { reportingSheet } from './report.reporting.xlsx.ts';
import {
  COUNT_LABELS,
  countValue,
  isCommune,
  metText,
  NO_DATA,
  orderedTargets,
  placeHeader,
  summaryRates,
  placeSheetName,
  POPULATION_LABEL,
  publicEntries,
  publicListTitle,
  RATE_LABELS,
  RATE_SHORT,
  rateCells,
  rateHeaders,
  rateValue,
  reportSubtitle,
  reportTitle,
  SECTION,
  SOURCE_LABELS,
  subtitleFor,
  wholeScope,
  type YearReport,
} from './report.words.ts';

function summarySheet(workbook: ExcelJS.Workbook, r: YearReport): void {
  const total = r.dashboard.total;
  const sheet = titledSheet(workbook, {
    name: 'Tổng hợp',
    orientation: 'portrait',
    widths: [44, 14, 14, 12, 12, 16],
    title: reportTitle(r),
    subtitle: reportSubtitle(r),
  });

  addHeading(sheet, SECTION.general);
  addHeader(sheet, ['Nội dung', 'Số người']);
  const figure = [{ align: 'left' }, { align: 'right', numFmt: INTEGER }] as const;
  for (const key of countKeys) addBody(sheet, [COUNT_LABELS[key], total.counts[key]], [...figure]);
  addBody(sheet, [POPULATION_LABEL, countValue(total.population)], [...figure]);
  sheet.addRow([]);

  addHeader(sheet, rateHeaders('Số người'));
  for (const { label, figure } of summaryRates(r.dashboard)) addBody(sheet, rateCells(label, figure), RATE_COLUMNS);
  sheet.addRow([]);

  addHeading(sheet, SECTION.targets);
  const header = addHeader(sheet, ['Chỉ tiêu', 'Mức áp dụng', 'Căn cứ', 'Mức', 'Ghi chú', '']);
  sheet.mergeCells(header.number, 5, header.number, 6);
  const targetColumns: { align: Align; numFmt?: string }[] = [
    { align: 'left' },
    { align: 'right', numFmt: PERCENT },
    { align: 'left' },
    { align: 'right', numFmt: PERCENT },
    { align: 'left' },
    { align: 'left' },
  ];
  const targets = orderedTargets(r.dashboard);
  if (!targets.length) addNote(sheet, `Chưa có chỉ tiêu nào cho năm ${r.dashboard.year}.`, 6);
  for (const t of targets) {
    const steps: (TargetStep | null)[] = t.trace.length ? t.trace : [null];
    steps.forEach((step, i) => {
      const first = i === 0;
      const row = addBody(
        sheet,
        [
          first ? RATE_LABELS[t.measure] : null,
          first ? rateValue(t.value) : null,
          step ? SOURCE_LABELS[step.source] : null,
          step ? rateValue(step.value) : null,
          step?.note ?? null,
          null,
        ],
        targetColumns,
      );
      sheet.mergeCells(row.number, 5, row.number, 6);
    });
  }
}

function rowsSheet(
  workbook: ExcelJS.Workbook,
  r: YearReport,
  name: string,
  section: string,
  nameHeader: string,
  rows: DashboardRow[],
): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: nameHeader, width: 30, align: 'left' },
    { header: 'Tên trước đây', width: 24, align: 'left' },
    ...countKeys.map((key) => count(COUNT_LABELS[key])),
    { ...count(POPULATION_LABEL), width: 13 },
    ...targetMeasures.map((m) => percent(RATE_SHORT[m])),
  ];
  const sheet = tableSheet(workbook, {
    name,
    orientation: 'landscape',
    title: reportTitle(r),
    subtitle: subtitleFor(r, section),
    columns,
    headerHeight: 48,
  });
  const values = (row: DashboardRow): CellValue[] => [
    ...countKeys.map((key) => row.counts[key]),
    countValue(row.population),
    ...targetMeasures.map((m) => rateValue(row.rates[m].rate)),
  ];
  addNumberedRows(
    sheet,
    columns,
    rows.map((row) => [row.name, row.formerNames.join(', ') || null, ...values(row)]),
    { empty: NO_DATA, total: [wholeScope(r), null, ...values(r.dashboard.total)] },
  );
}

function trendSheet(workbook: ExcelJS.Workbook, r: YearReport): void {
  const columns: XColumn[] = [
    { header: 'Năm', width: 8, align: 'center' },
    ...countKeys.map((key) => count(COUNT_LABELS[key])),
    { ...count(POPULATION_LABEL), width: 13 },
    percent(RATE_SHORT.cdht),
    percent('Chỉ tiêu'),
    { header: 'Đánh giá', width: 11, align: 'center' },
  ];
  const sheet = tableSheet(workbook, {
    name: 'Qua các năm',
    orientation: 'landscape',
    title: reportTitle(r),
    subtitle: subtitleFor(r, SECTION.trend),
    columns,
    headerHeight: 48,
  });
  const years = r.dashboard.trend.map(({ year, row }) => ({
    year,
    cells: [
      ...countKeys.map((key) => row.counts[key]),
      countValue(row.population),
      rateValue(row.rates.cdht.rate),
      rateValue(row.rates.cdht.target),
      metText(row.rates.cdht.met),
    ],
  }));
  addYearRows(sheet, columns, years, r.dashboard.year, NO_DATA);
}

function recognizedSheet(workbook: ExcelJS.Workbook, r: YearReport, subtitle: string): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Họ và tên', width: 32, align: 'left' },
    { header: placeHeader(r), width: 28, align: 'left' },
  ];
  const sheet = tableSheet(workbook, {
    name: 'Danh sách công nhận',
    orientation: 'portrait',
    title: publicListTitle(r),
    subtitle,
    columns,
  });
  addNumberedRows(
    sheet,
    columns,
    publicEntries(r).map((e) => [e.name, e.village]),
  );
}

export async function renderReportXlsx(r: YearReport): Promise<Buffer> {
  const workbook = await newWorkbook(r.generatedAt);
  summarySheet(workbook, r);
  rowsSheet(
    workbook,
    r,
    isCommune(r) ? placeSheetName(r) : 'Theo xã',
    SECTION.place(r),
    placeHeader(r),
    r.dashboard.byPlace,
  );
  rowsSheet(
    workbook,
    r,
    'Theo trung tâm',
    'III. Kết quả theo trung tâm học tập cộng đồng',
    'Trung tâm',
    isCommune(r) ? r.dashboard.byCenter : [],
  );
  rowsSheet(workbook, r, 'Theo nhóm', 'III. Kết quả theo nhóm đối tượng', 'Nhóm đối tượng', r.dashboard.byGroup);
  reportingSheet(workbook, r);
  trendSheet(workbook, r);
  if (r.models) modelSheets(workbook, r, r.models);
  recognizedSheet(workbook, r, reportSubtitle(r));
  return workbookBuffer(workbook);
}

export async function renderPublicListXlsx(r: YearReport): Promise<Buffer> {
  const workbook = await newWorkbook(r.generatedAt);
  recognizedSheet(workbook, r, reportSubtitle(r));
  return workbookBuffer(workbook);
}

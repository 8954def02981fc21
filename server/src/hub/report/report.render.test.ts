import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Counts, DashboardRow, RateFigure, TargetMeasure } from '../../../../shared/schemas/dashboard.ts';
import type { ModelRateRowView, ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { renderPublicListHtml, renderReportHtml, type YearReport } from './report.html.ts';
import { renderPublicListXlsx, renderReportXlsx } from './report.xlsx.ts';
import { reportTitle } from './report.words.ts';

const TARGETS: Record<TargetMeasure, number | null> = { cdht: 0.5, digital: 0.6, proficient: null };

function figure(numerator: number, denominator: number | null, target: number | null): RateFigure {
  const rate = denominator ? numerator / denominator : null;
  return { numerator, denominator, rate, target, met: rate === null || target === null ? null : rate >= target };
}

function row(name: string, counts: Counts, population: number | null, formerNames: string[] = []): DashboardRow {
  return {
    name,
    formerNames,
    counts,
    population,
    rates: {
      cdht: figure(counts.recognized, population, TARGETS.cdht),
      digital: figure(counts.digital, counts.recognized, TARGETS.digital),
      proficient: figure(counts.proficient, counts.digital, TARGETS.proficient),
    },
  };
}

const counts = (registered: number, selfAssessed: number, appraised: number, recognized: number, digital: number, proficient: number, outstanding: number): Counts =>
  ({ registered, selfAssessed, appraised, recognized, digital, proficient, outstanding });

// Thôn Đồng Chằm: 457 of 1 000 adults (45,7 %); Thôn Gò Mít: no population entered.
const dongCham = row('Thôn Đồng Chằm', counts(520, 480, 470, 457, 300, 120, 12), 1000, ['Thôn Đồng', 'Thôn Chằm']);
const goMit = row('Thôn Gò Mít', counts(210, 200, 190, 180, 90, 30, 3), null);
const total = row('Xã Tân Lập', counts(730, 680, 660, 637, 390, 150, 15), 1500);
const group1 = 'Nhóm 1: Nông dân, lao động nông thôn';
const group2 = 'Nhóm 2: Công nhân, thợ thủ công, thợ sửa chữa';
const adjustment = 'Nâng theo Nghị quyết Đảng bộ xã ngày 10/03/2026';

const report = (overrides: Partial<YearReport> = {}): YearReport => ({
  commune: 'Xã Tân Lập',
  province: 'Tỉnh Phú Thọ',
  generatedAt: '2026-11-18T01:30:00.000Z', // 08:30 in Vietnam
  recognized: [
    { name: 'Nguyễn Thị Lan', village: 'Thôn Đồng Chằm' },
    { name: 'Trần Văn Tuấn', village: 'Thôn Gò Mít' },
  ],
  dashboard: {
    level: 'commune',
    placeTrend: [],
    scope: 'Xã Tân Lập',
    year: 2026,
    years: [2025, 2026],
    total,
    byPlace: [dongCham, goMit],
    byCenter: [
      row('Trung tâm HTCĐ Đồng Chằm', counts(520, 480, 470, 457, 300, 120, 12), 1000),
      row('Trung tâm HTCĐ Gò Mít', counts(210, 200, 190, 180, 90, 30, 3), null),
    ],
    byGroup: [
      row(group1, counts(500, 470, 460, 450, 250, 90, 10), 900),
      row(group2, counts(230, 210, 200, 187, 140, 60, 5), 600),
    ],
    trend: [
      { year: 2025, row: row('Xã Tân Lập', counts(600, 560, 540, 520, 300, 100, 0), 1480) },
      { year: 2026, row: total },
    ],
    targets: [
      {
        measure: 'cdht',
        value: 0.5,
        trace: [
          { source: 'national', value: 0.4 },
          { source: 'province', value: 0.45 },
          { source: 'adjustment', value: 0.5, note: adjustment },
        ],
      },
      { measure: 'digital', value: 0.6, trace: [{ source: 'national', value: 0.6 }] },
      { measure: 'proficient', value: null, trace: [] },
    ],
    reporting: {
      deadline: '2026-11-30',
      daysLeft: 12,
      centers: [
        { name: 'Trung tâm HTCĐ Đồng Chằm', reportedAt: '2026-11-20T18:00:00.000Z', onTime: true, yearsDue: 3, yearsOnTime: 2, onTimeRate: 2 / 3 },
        { name: 'Trung tâm HTCĐ Gò Mít', reportedAt: null, onTime: null, yearsDue: 2, yearsOnTime: 2, onTimeRate: 1 },
      ],
    },
  },
  ...overrides,
});
const fixture = report();
const TITLE = 'BÁO CÁO KẾT QUẢ THỰC HIỆN MÔ HÌNH “CÔNG DÂN HỌC TẬP” NĂM 2026';

/** The text of an HTML document without its style sheet and tags. */
const text = (html: string): string =>
  html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The cells of the table rows with a cell starting with `label`, in document order. */
function htmlRows(html: string, label: string): string[][] {
  const rows = (html.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? []).filter((tr) => tr.includes(`>${label}<`));
  expect(rows.length, `a row "${label}"`).toBeGreaterThan(0);
  return rows.map((tr) => [...tr.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')));
}
const htmlRow = (html: string, label: string): string[] => htmlRows(html, label)[0]!;

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
    ['names the issuing committee', '<p class="b">UBND XÃ TÂN LẬP</p>'],
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
    ['is signed for the committee', 'TM. ỦY BAN NHÂN DÂN'],
  ])('%s', (_name, fragment) => {
    expect(html).toContain(fragment);
  });

  it('shows the total counts, population and rates of section I', () => {
    for (const [label, value] of [
      ['Đăng ký', '730'], ['Tự đánh giá', '680'], ['Đã thẩm định', '660'], ['Được công nhận', '637'],
      ['Có kỹ năng số', '390'], ['Thành thạo kỹ năng số', '150'], ['Tiêu biểu xuất sắc', '15'], ['Dân số trưởng thành', '1.500'],
    ]) {
      expect(htmlRow(html, label!).slice(1)).toEqual([label, value]);
    }
    expect(htmlRow(html, 'Tỷ lệ người trưởng thành là CDHT')).toEqual(['Tỷ lệ người trưởng thành là CDHT', '637', '1.500', '42,5 %', '50,0 %', 'Chưa đạt']);
    expect(htmlRow(html, 'Tỷ lệ CDHT có kỹ năng số')).toEqual(['Tỷ lệ CDHT có kỹ năng số', '390', '637', '61,2 %', '60,0 %', 'Đạt']);
    expect(htmlRow(html, 'Tỷ lệ thành thạo trong số có kỹ năng số')).toEqual(['Tỷ lệ thành thạo trong số có kỹ năng số', '150', '390', '38,5 %', '—', '—']);
  });

  it('lists every village with its counts, and "—" for the unknown population and rate', () => {
    expect(html).toContain('>Thôn</th>');
    expect(htmlRow(html, 'Thôn Gò Mít')).toEqual(['2', 'Thôn Gò Mít', '210', '200', '190', '180', '90', '30', '3', '—', '—', '50,0 %', '33,3 %']);
    expect(htmlRow(html, 'Thôn Đồng Chằm').slice(0, 2)).toEqual(['1', 'Thôn Đồng Chằm(trước đây: Thôn Đồng, Thôn Chằm)']);
    expect(htmlRow(html, 'Thôn Đồng Chằm').slice(10)).toEqual(['45,7 %', '65,6 %', '40,0 %']);
    expect(html).toContain('<td>Toàn xã</td>');
  });

  it('shows centers and groups', () => {
    for (const name of ['Trung tâm HTCĐ Đồng Chằm', 'Trung tâm HTCĐ Gò Mít', group1, group2]) expect(html).toContain(`<td>${name}`);
    expect(html).toContain('>Nhóm đối tượng</th>');
  });

  it('traces each target down to the adjustment and its note', () => {
    const [, value, trace] = htmlRows(html, 'Tỷ lệ người trưởng thành là CDHT')[1]!;
    expect(value).toBe('50,0 %');
    expect(trace).toBe(`Trung ương: 40,0 %Tỉnh: 45,0 %Điều chỉnh: 50,0 % — ${adjustment}`);
    expect(html).toContain('<p>Trung ương: 40,0 %</p><p>Tỉnh: 45,0 %</p>');
    expect(htmlRows(html, 'Tỷ lệ thành thạo trong số có kỹ năng số')[1]).toEqual(['Tỷ lệ thành thạo trong số có kỹ năng số', '—', '—']);
  });

  it('shows each center\'s report: date, "Chưa báo cáo", on time and the on-time rate', () => {
    // 18:00 UTC on 20 November is already 21 November in Vietnam.
    expect(htmlRows(html, 'Trung tâm HTCĐ Đồng Chằm').at(-1)!.slice(-3)).toEqual(['21/11/2026', 'Đúng hạn', '66,7 % (2/3 năm)']);
    expect(htmlRows(html, 'Trung tâm HTCĐ Gò Mít').at(-1)!.slice(-3)).toEqual(['Chưa báo cáo', '—', '100,0 % (2/2 năm)']);
  });

  it('shows the years, the current one in bold', () => {
    expect(htmlRow(html, '2025')).toEqual(['2025', '600', '560', '540', '520', '300', '100', '0', '1.480', '35,1 %', '50,0 %', 'Chưa đạt']);
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
    r.dashboard = { ...r.dashboard, level: 'province', scope: 'Tỉnh Phú Thọ', byPlace: [{ ...dongCham, name: 'Xã Tân Lập' }], byCenter: [] };
    const out = renderReportHtml(r);
    expect(out).toContain('<p class="b">UBND TỈNH PHÚ THỌ</p>');
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
    expect(out).toContain('UBND XÃ A &amp; B');
  });
});

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  expect(buffer.subarray(0, 2).toString()).toBe('PK');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}
const values = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);
const SHEETS = ['Tổng hợp', 'Theo thôn', 'Theo trung tâm', 'Theo nhóm', 'Báo cáo', 'Qua các năm', 'Danh sách công nhận'];

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
    expect(values(s.getRow(13))).toEqual(['Dân số trưởng thành', 1500]);
    expect(s.getCell('B9').numFmt).toBe('#,##0');
    expect(values(s.getRow(15))).toEqual(['Tỷ lệ', 'Số người', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
    expect(values(s.getRow(16))).toEqual(['Tỷ lệ người trưởng thành là CDHT', 637, 1500, 637 / 1500, 0.5, 'Chưa đạt']);
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
    expect(values(s.getRow(22)).slice(0, 4)).toEqual(['Tỷ lệ người trưởng thành là CDHT', 0.5, 'Trung ương', 0.4]);
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
      'STT', 'Thôn', 'Tên trước đây', 'Đăng ký', 'Tự đánh giá', 'Đã thẩm định', 'Được công nhận', 'Có kỹ năng số',
      'Thành thạo kỹ năng số', 'Tiêu biểu xuất sắc', 'Dân số trưởng thành', 'Tỷ lệ CDHT', 'Tỷ lệ có kỹ năng số', 'Tỷ lệ thành thạo kỹ năng số',
    ]);
    expect(s.getCell('D4').font?.bold).toBe(true);
    expect(values(s.getRow(5))).toEqual([1, 'Thôn Đồng Chằm', 'Thôn Đồng, Thôn Chằm', 520, 480, 470, 457, 300, 120, 12, 1000, 0.457, 300 / 457, 0.4]);
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
    expect(values(s.getRow(7))).toEqual(['STT', 'Trung tâm học tập cộng đồng', 'Ngày báo cáo', 'Đúng hạn', 'Số năm phải báo cáo', 'Số năm đúng hạn', 'Tỷ lệ đúng hạn']);
    expect(values(s.getRow(8))).toEqual([1, 'Trung tâm HTCĐ Đồng Chằm', new Date(Date.UTC(2026, 10, 21)), 'Đúng hạn', 3, 2, 2 / 3]);
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
    { name: 'Nguyễn Thị Lan', village: 'Thôn Đồng Chằm', birthYear: 1954, group: group1, total: 86, score: 86, note: 'Hội viên Hội Nông dân' },
    { name: 'Trần Văn Tuấn', village: 'Thôn Gò Mít', birthYear: 1988, group: group2, total: 91, score: 91, note: 'Năm thứ hai liên tiếp' },
  ];
  const r = report({ recognized: leaky });
  const privateDetails = [
    '1954', '1988', '86', '91', group1, group2, 'Nhóm 1', 'Nhóm 2', 'Hội viên Hội Nông dân', 'Năm thứ hai liên tiếp',
    'Năm sinh', 'Nhóm đối tượng', 'Tổng điểm', 'Ghi chú', 'Được công nhận', '637', '457', '45,7', 'Chỉ tiêu',
  ];

  it('HTML has the title and exactly the recognized names, with STT, name and village only', () => {
    const html = renderPublicListHtml(r);
    expect(html).toContain('<h1>DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2026</h1>');
    expect(html).toContain('<html lang="vi">');
    expect(html.match(/<th\b[^>]*>[^<]*<\/th>/g)?.map((t) => t.replace(/<[^>]+>/g, ''))).toEqual(['STT', 'Họ và tên', 'Thôn']);
    const rows = [...html.matchAll(/<tr><td class="center">(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([['1', 'Nguyễn Thị Lan', 'Thôn Đồng Chằm'], ['2', 'Trần Văn Tuấn', 'Thôn Gò Mít']]);
    expect(html).toContain('Tổng số: 2 người.');
    expect(html).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(html).not.toContain('NGƯỜI LẬP');
  });

  it.each(privateDetails)('HTML never shows "%s"', (detail) => {
    expect(text(renderPublicListHtml(r))).not.toContain(detail);
  });

  it('HTML escapes names', () => {
    const html = renderPublicListHtml(report({ recognized: [{ name: 'Lan <script>alert(1)</script> & Hoa', village: '<i>Thôn</i>' }] }));
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

describe('section VII: the four other titles', () => {
  const MODEL_TARGETS = { families: 0.72, clans: 0.67, communities: 0.67, units: 0.82, workers: 0.44, unitStaff: 0.64 } as const;
  type Measure = keyof typeof MODEL_TARGETS;
  const c = (registered: number, assessed: number, recognized: number) => ({ registered, assessed, recognized });
  function modelRow(name: string, formerNames: string[], families: ReturnType<typeof c>, clans: ReturnType<typeof c>, communities: ReturnType<typeof c>, units: ReturnType<typeof c>,
    households: number | null, adults: number | null, workers: [number, number | null], unitStaff: [number, number | null]): ModelRateRowView {
    const rates = {
      families: figure(families.recognized, households, MODEL_TARGETS.families),
      clans: figure(clans.recognized, clans.registered, MODEL_TARGETS.clans),
      communities: figure(communities.recognized, communities.registered, MODEL_TARGETS.communities),
      units: figure(units.recognized, units.registered, MODEL_TARGETS.units),
      workers: figure(workers[0], workers[1], MODEL_TARGETS.workers),
      unitStaff: figure(unitStaff[0], unitStaff[1], MODEL_TARGETS.unitStaff),
    } satisfies Record<Measure, RateFigure>;
    return { name, formerNames, families, clans, communities, units, households, adults, rates };
  }
  const dong = modelRow('Thôn Đồng Chằm', ['Thôn Đồng', 'Thôn Chằm'], c(40, 30, 25), c(3, 2, 1), c(1, 1, 1), c(2, 2, 1), 50, 200, [30, 60], [12, 20]);
  const go = modelRow('Thôn Gò Mít', [], c(10, 5, 4), c(1, 0, 0), c(1, 0, 0), c(0, 0, 0), null, null, [2, 8], [0, null]);
  const modelTotal = modelRow('Xã Tân Lập', [], c(50, 35, 29), c(4, 2, 1), c(2, 1, 1), c(2, 2, 1), 50, 200, [32, 68], [12, 20]);
  // The year before: 12 of 48 families, the village recognized for 2024 still standing, no unit staff count.
  const modelLastYear = modelRow('Xã Tân Lập', [], c(30, 20, 12), c(3, 1, 0), c(2, 1, 1), c(2, 1, 1), 48, 190, [20, 50], [0, null]);
  const models: ModelRatesView = {
    level: 'commune', scope: 'Xã Tân Lập', year: 2026,
    targets: Object.entries(MODEL_TARGETS).map(([measure, value]) => ({ measure: measure as Measure, value, trace: [{ source: 'national' as const, value }] })),
    places: [dong, go],
    total: modelTotal,
    trend: [{ year: 2025, row: modelLastYear }, { year: 2026, row: modelTotal }],
    notes: [{ kind: 'unit-staff-unknown', name: 'Trường Mầm non Hoa Sen' }],
    validity: [
      { title: 'gdht', subjectKind: 'household', subjectId: 'h1', label: 'Nguyễn Thị Lan', village: 'Thôn Đồng Chằm', decisionNumber: '12/QĐ-UBND', decisionDate: '2025-03-20', validThrough: '2026-03-19', expiresInYear: true, expired: true },
      { title: 'dvht', subjectKind: 'unit', subjectId: 'u1', label: 'Trường Tiểu học Gò Mít', village: 'Thôn Gò Mít', decisionNumber: '30/QĐ-UBND', decisionDate: '2025-12-20', validThrough: '2026-12-19', expiresInYear: true, expired: false },
      { title: 'cddht', subjectKind: 'community', subjectId: 'Thôn Đồng Chằm', label: 'Thôn Đồng Chằm', village: 'Thôn Đồng Chằm', decisionNumber: '5/QĐ-UBND', decisionDate: '2025-03-20', validThrough: '2028-03-19', expiresInYear: false, expired: false },
    ],
    expiring: [{ title: 'gdht', count: 1 }, { title: 'dhht', count: 0 }, { title: 'cddht', count: 0 }, { title: 'dvht', count: 1 }],
  };
  const withModels = report({ models });
  const tableOf = (html: string, model: string): string => {
    const found = new RegExp(`<table class="grid" data-model="${model}">[\\s\\S]*?</table>`).exec(html);
    expect(found, model).not.toBeNull();
    return found![0];
  };

  describe('HTML', () => {
    const html = renderReportHtml(withModels);

    it('adds section VII with its nine parts, the signatures after it', () => {
      for (const heading of ['VII. Gia đình, dòng họ, cộng đồng và đơn vị học tập', '1. Tỷ lệ so với chỉ tiêu', '2. Gia đình học tập', '3. Dòng họ học tập', '4. Cộng đồng học tập', '5. Đơn vị học tập',
        '6. Người lao động trong gia đình, dòng họ, cộng đồng học tập là Công dân học tập', '7. Cán bộ, người lao động trong đơn vị học tập là Công dân học tập', '8. Danh hiệu hết hiệu lực trong năm 2026',
        '9. Kết quả qua các năm']) {
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
      expect(htmlRow(summary, 'Tỷ lệ gia đình được công nhận gia đình học tập')).toEqual(['Tỷ lệ gia đình được công nhận gia đình học tập', '29', '50', '58,0 %', '72,0 %', 'Chưa đạt']);
      expect(htmlRow(summary, 'Tỷ lệ thôn được công nhận cộng đồng học tập').slice(3)).toEqual(['50,0 %', '67,0 %', 'Chưa đạt']);
      expect(htmlRow(summary, 'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT')).toEqual(['Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT', '12', '20', '60,0 %', '64,0 %', 'Chưa đạt']);
      expect(html).toContain('Đơn vị Trường Mầm non Hoa Sen chưa có số người lao động năm 2026: chưa tính vào tỷ lệ cán bộ đơn vị là CDHT.');
    });

    it('has one table per model by village: registered, assessed, recognized, of how many, the rate and the verdict', () => {
      const families = tableOf(html, 'families');
      expect(html).toContain('Chỉ tiêu năm 2026: 72,0 %.');
      expect(htmlRow(families, 'Thôn Đồng Chằm')).toEqual(['1', 'Thôn Đồng Chằm(trước đây: Thôn Đồng, Thôn Chằm)', '40', '30', '25', '50', '50,0 %', 'Chưa đạt']);
      // No households entered for Gò Mít: no rate.
      expect(htmlRow(families, 'Thôn Gò Mít')).toEqual(['2', 'Thôn Gò Mít', '10', '5', '4', '—', '—', '—']);
      expect(htmlRow(families, 'Toàn xã')).toEqual(['', 'Toàn xã', '50', '35', '29', '50', '58,0 %', 'Chưa đạt']);
      expect(htmlRow(tableOf(html, 'clans'), 'Thôn Đồng Chằm').slice(2)).toEqual(['3', '2', '1', '3', '33,3 %', 'Chưa đạt']);
      expect(htmlRow(tableOf(html, 'communities'), 'Thôn Đồng Chằm').slice(2)).toEqual(['1', '1', '1', '1', '100,0 %', 'Đạt']);
      expect(htmlRow(tableOf(html, 'units'), 'Thôn Gò Mít').slice(2)).toEqual(['0', '0', '0', '0', '—', '—']);
      expect(htmlRow(tableOf(html, 'workers'), 'Thôn Đồng Chằm').slice(2)).toEqual(['30', '60', '50,0 %', 'Đạt']);
      expect(htmlRow(tableOf(html, 'unitStaff'), 'Thôn Gò Mít').slice(2)).toEqual(['0', '—', '—', '—']);
    });

    it('lists only the recognitions ending in the year, those already ended said so', () => {
      const validity = tableOf(html, 'validity');
      expect(htmlRow(validity, 'Gia đình học tập')).toEqual(['1', 'Gia đình học tập', 'Nguyễn Thị Lan', 'Thôn Đồng Chằm', 'Số 12/QĐ-UBND, ngày 20/03/2025', '19/03/2026', 'Đã hết hiệu lực']);
      expect(htmlRow(validity, 'Đơn vị học tập').slice(-2)).toEqual(['19/12/2026', 'Cần công nhận lại']);
      expect(validity).not.toContain('5/QĐ-UBND');
      const none = renderReportHtml(report({ models: { ...models, validity: [] } }));
      expect(tableOf(none, 'validity')).toContain('Không có danh hiệu nào hết hiệu lực trong năm 2026.');
    });

    it('shows the years: each title\'s recognized and rate, the two member rates, the year asked in bold', () => {
      const trend = tableOf(html, 'trend');
      expect(trend).toContain('>Gia đình học tập</th>');
      expect(trend).toContain('>Tỷ lệ người lao động là CDHT</th>');
      expect(htmlRow(trend, '2025')).toEqual(['2025', '12', '25,0 %', '0', '0,0 %', '1', '50,0 %', '1', '50,0 %', '40,0 %', '—']);
      expect(htmlRow(trend, '2026')).toEqual(['2026', '29', '58,0 %', '1', '25,0 %', '1', '50,0 %', '1', '50,0 %', '47,1 %', '60,0 %']);
      expect(trend).toMatch(/<tr class="current"><td class="center">2026</);
      expect(trend).not.toMatch(/<tr class="current"><td class="center">2025</);
      expect(tableOf(renderReportHtml(report({ models: { ...models, trend: [] } })), 'trend')).toContain('Chưa có số liệu.');
    });

    it('a province lists its communes and counts what ends per title', () => {
      const r = report({ commune: 'Tỉnh Phú Thọ', models: { ...models, level: 'province', scope: 'Tỉnh Phú Thọ', places: [{ ...dong, name: 'Xã Tân Lập', formerNames: [] }], validity: [] } });
      r.dashboard = { ...r.dashboard, level: 'province', scope: 'Tỉnh Phú Thọ', byCenter: [] };
      const out = renderReportHtml(r);
      expect(tableOf(out, 'families')).toContain('>Xã</th>');
      expect(htmlRow(tableOf(out, 'families'), 'Toàn tỉnh').slice(2, 5)).toEqual(['50', '35', '29']);
      expect(htmlRow(tableOf(out, 'validity'), 'Đơn vị học tập')).toEqual(['Đơn vị học tập', '1']);
    });

    it('escapes the names of subjects', () => {
      const out = renderReportHtml(report({ models: { ...models, validity: [{ ...models.validity[0]!, label: '<b>Lan</b>' }] } }));
      expect(out).not.toContain('<b>Lan');
      expect(out).toContain('&lt;b&gt;Lan&lt;/b&gt;');
    });
  });

  describe('workbook', async () => {
    const workbook = await load(await renderReportXlsx(withModels));
    const sheet = (name: string): ExcelJS.Worksheet => workbook.getWorksheet(name)!;
    const MODEL_SHEETS = ['Mô hình học tập', 'Gia đình học tập', 'Dòng họ học tập', 'Cộng đồng học tập', 'Đơn vị học tập', 'Người lao động là CDHT', 'Cán bộ đơn vị là CDHT', 'Hết hiệu lực', 'Mô hình qua các năm'];

    it('adds the models\' sheets before the public list', () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual([...SHEETS.slice(0, -1), ...MODEL_SHEETS, SHEETS.at(-1)]);
      for (const name of MODEL_SHEETS) expect(sheet(name).pageSetup.paperSize).toBe(9);
    });

    it('writes the six rates with their targets', () => {
      const s = sheet('Mô hình học tập');
      expect(s.getCell('A4').value).toBe('1. Tỷ lệ so với chỉ tiêu');
      expect(values(s.getRow(5))).toEqual(['Tỷ lệ', 'Số đạt', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
      expect(values(s.getRow(6))).toEqual(['Tỷ lệ gia đình được công nhận gia đình học tập', 29, 50, 0.58, 0.72, 'Chưa đạt']);
      expect(values(s.getRow(11))).toEqual(['Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT', 12, 20, 0.6, 0.64, 'Chưa đạt']);
      expect(s.getCell('D6').numFmt).toBe('0.0%');
      expect(s.getCell('A12').value).toContain('Trường Mầm non Hoa Sen');
    });

    it('writes each model by village with the total, numbers as numbers', () => {
      const s = sheet('Gia đình học tập');
      expect(values(s.getRow(4))).toEqual(['STT', 'Thôn', 'Tên trước đây', 'Đăng ký', 'Tự đánh giá', 'Được công nhận', 'Trên tổng số', 'Tỷ lệ', 'Chỉ tiêu', 'Đánh giá']);
      expect(values(s.getRow(5))).toEqual([1, 'Thôn Đồng Chằm', 'Thôn Đồng, Thôn Chằm', 40, 30, 25, 50, 0.5, 0.72, 'Chưa đạt']);
      expect(values(s.getRow(6))).toEqual([2, 'Thôn Gò Mít', undefined, 10, 5, 4, undefined, undefined, 0.72, '—']);
      expect(values(s.getRow(7)).slice(0, 6)).toEqual([undefined, 'Toàn xã', undefined, 50, 35, 29]);
      expect(s.getCell('B7').font?.bold).toBe(true);
      expect(s.rowCount).toBe(7);
      expect(values(sheet('Dòng họ học tập').getRow(5)).slice(3, 8)).toEqual([3, 2, 1, 3, 1 / 3]);
      expect(values(sheet('Cộng đồng học tập').getRow(6)).slice(3, 8)).toEqual([1, 0, 0, 1, 0]);
      expect(values(sheet('Đơn vị học tập').getRow(5)).slice(3, 8)).toEqual([2, 2, 1, 2, 0.5]);
      expect(values(sheet('Người lao động là CDHT').getRow(4)).slice(3)).toEqual(['Số người là CDHT', 'Trên tổng số', 'Tỷ lệ', 'Chỉ tiêu', 'Đánh giá']);
      expect(values(sheet('Người lao động là CDHT').getRow(5)).slice(3)).toEqual([30, 60, 0.5, 0.44, 'Đạt']);
      expect(values(sheet('Cán bộ đơn vị là CDHT').getRow(7)).slice(3, 6)).toEqual([12, 20, 0.6]);
    });

    it('writes the years, rates as numbers, the year asked in bold', () => {
      const s = sheet('Mô hình qua các năm');
      expect(s.pageSetup.orientation).toBe('landscape');
      expect(String(s.getCell('A2').value)).toContain('9. Kết quả qua các năm');
      expect(values(s.getRow(4))).toEqual([
        'Năm', 'Gia đình học tập được công nhận', 'Tỷ lệ gia đình học tập', 'Dòng họ học tập được công nhận', 'Tỷ lệ dòng họ học tập',
        'Cộng đồng học tập được công nhận', 'Tỷ lệ cộng đồng học tập', 'Đơn vị học tập được công nhận', 'Tỷ lệ đơn vị học tập',
        'Tỷ lệ người lao động là CDHT', 'Tỷ lệ cán bộ đơn vị là CDHT',
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
      expect(values(s.getRow(4))).toEqual(['STT', 'Danh hiệu', 'Tên', 'Thôn', 'Số quyết định', 'Ngày ký', 'Hiệu lực đến', 'Ghi chú']);
      expect(values(s.getRow(5))).toEqual([1, 'Gia đình học tập', 'Nguyễn Thị Lan', 'Thôn Đồng Chằm', '12/QĐ-UBND', new Date(Date.UTC(2025, 2, 20)), new Date(Date.UTC(2026, 2, 19)), 'Đã hết hiệu lực']);
      expect(s.getCell('G5').numFmt).toBe('dd/mm/yyyy');
      expect(s.getCell('H6').value).toBe('Cần công nhận lại');
      expect(s.rowCount).toBe(6);
    });
  });
});

/**
 * Renders the yearly report of the "Công dân học tập" model for a commune (or province) hub — the
 * dashboard computed by the hub, laid out as a Vietnamese administrative report — as a printable
 * HTML document and as an .xlsx workbook, and renders the public recognition list. With the four
 * other titles' figures (`models`) it adds section VII: the six rates against the targets, one table
 * per model (Gia đình, Dòng họ, Cộng đồng, Đơn vị học tập) and per member rate by village (or
 * commune), the recognitions whose validity ends in the year, and the scope's figures across the years.
 * The public list is built from `recognized` alone, reading name and village field by field, so
 * nothing else about a person (birth year, group, score) nor any dashboard figure can reach what
 * is posted publicly.
 */
import type ExcelJS from 'exceljs';
import {
  countKeys,
  targetMeasures,
  type CenterReporting,
  type Counts,
  type Dashboard,
  type DashboardRow,
  type TargetInForce,
  type TargetMeasure,
  type TargetStep,
} from '../../../../shared/schemas/dashboard.ts';
import { modelTargetMeasures, type ModelTargetMeasure } from '../../../../shared/domain/models/targets.ts';
import type { ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import { modelCountKinds, type ModelCountKind, type ModelRateRowView, type ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { DOCUMENT_HEADING_STYLE, EMPTY_ROW, escapeHtml } from '../../lists/list.render.ts';

export interface YearReport {
  /** Level 'commune' or 'province', for `dashboard.year`. */
  dashboard: Dashboard;
  /** E.g. "Xã Tân Lập"; for a province report, the province's name. */
  commune: string;
  /** E.g. "Tỉnh Phú Thọ". */
  province: string;
  /** ISO time the figures were taken. */
  generatedAt: string;
  /** The public recognition list: name and village only, in the order to print. */
  recognized: { name: string; village: string }[];
  /** The four other titles for the same year (model-rates.service.ts); the report's section VII when given. */
  models?: ModelRatesView;
}

/** Dates in the report are those of the people reading it. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DASH = '—';

const COUNT_LABELS: Record<keyof Counts, string> = {
  registered: 'Đăng ký',
  selfAssessed: 'Tự đánh giá',
  appraised: 'Đã thẩm định',
  recognized: 'Được công nhận',
  digital: 'Có kỹ năng số',
  proficient: 'Thành thạo kỹ năng số',
  outstanding: 'Tiêu biểu xuất sắc',
};
const POPULATION_LABEL = 'Dân số trưởng thành';
const RATE_LABELS: Record<TargetMeasure, string> = {
  cdht: 'Tỷ lệ người trưởng thành là CDHT',
  digital: 'Tỷ lệ CDHT có kỹ năng số',
  proficient: 'Tỷ lệ thành thạo trong số có kỹ năng số',
};
/** Column headers of the wide tables. */
const RATE_SHORT: Record<TargetMeasure, string> = {
  cdht: 'Tỷ lệ CDHT',
  digital: 'Tỷ lệ có kỹ năng số',
  proficient: 'Tỷ lệ thành thạo kỹ năng số',
};
const SOURCE_LABELS: Record<TargetStep['source'], string> = {
  national: 'Trung ương',
  province: 'Tỉnh',
  commune: 'Xã',
  adjustment: 'Điều chỉnh',
};
const NO_DATA = 'Chưa có số liệu.';
const NOT_REPORTED = 'Chưa báo cáo';

// ---------------------------------------------------------------------------------------------
// Words and numbers

const upper = (text: string): string => text.toLocaleUpperCase('vi');

const UNIT_PREFIX = /^\s*(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+/iu;

/** "Xã Tân Lập" → "Tân Lập": the place name written before the date. */
const placeName = (unit: string): string => unit.replace(UNIT_PREFIX, '').trim();

/** "Xã Tân Lập" → "xã", "Phường Hạc Thành" → "phường"; `fallback` when the name has no prefix. */
const unitWord = (unit: string, fallback: string): string =>
  UNIT_PREFIX.exec(unit)?.[1]?.toLocaleLowerCase('vi') ?? fallback;

const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** 1234 → "1.234"; "—" when unknown. */
const fmtCount = (value: number | null): string => (isNumber(value) ? integerFormat.format(value) : DASH);

/** 0.457 → "45,7 %"; "—" when unknown. */
const fmtRate = (value: number | null): string => (isNumber(value) ? `${percentFormat.format(value * 100)} %` : DASH);

const metText = (met: boolean | null): string => (met === null ? DASH : met ? 'Đạt' : 'Chưa đạt');
const onTimeText = (onTime: boolean | null): string => (onTime === null ? DASH : onTime ? 'Đúng hạn' : 'Muộn');

function daysLeftText(days: number): string {
  if (days > 0) return `còn ${days} ngày`;
  if (days < 0) return `quá hạn ${-days} ngày`;
  return 'đến hạn hôm nay';
}

interface LocalTime { year: number; month: number; day: number; hour: number; minute: number }

/** The calendar date (and time) of an ISO string in Vietnam; a bare "YYYY-MM-DD" is taken as is. */
function localTime(iso: string): LocalTime | null {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return { year: Number(bare[1]), month: Number(bare[2]), day: Number(bare[3]), hour: 0, minute: 0 };
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "dd/mm/yyyy", or the text itself when it is not a date. */
function fmtDate(iso: string): string {
  const t = localTime(iso);
  return t ? `${two(t.day)}/${two(t.month)}/${t.year}` : iso;
}

/** The date as an Excel date cell (midnight UTC of the Vietnamese calendar day), null when not a date. */
function xlsxDate(iso: string): Date | null {
  const t = localTime(iso);
  return t ? new Date(Date.UTC(t.year, t.month - 1, t.day)) : null;
}

/**
 * "Tân Lập, ngày 05 tháng 3 năm 2026": days below 10 and the months January and February take a
 * leading zero, as administrative documents write them (Nghị định 30/2020/NĐ-CP).
 */
function placeAndDate(unit: string, iso: string, year: number): string {
  const t = localTime(iso);
  const date = t
    ? `ngày ${two(t.day)} tháng ${t.month <= 2 ? two(t.month) : t.month} năm ${t.year}`
    : `ngày ..... tháng ..... năm ${year}`;
  return `${placeName(unit)}, ${date}`;
}

// ---------------------------------------------------------------------------------------------
// What the report says, shared by the HTML and the workbook

export const reportTitle = (r: YearReport): string =>
  `BÁO CÁO KẾT QUẢ THỰC HIỆN MÔ HÌNH “CÔNG DÂN HỌC TẬP” NĂM ${r.dashboard.year}`;

export const publicListTitle = (r: YearReport): string => `DANH SÁCH CÔNG DÂN HỌC TẬP NĂM ${r.dashboard.year}`;

const isCommune = (r: YearReport): boolean => r.dashboard.level === 'commune';

/** The unit the report is about: the commune, or the province. */
const scopeName = (r: YearReport): string => (isCommune(r) ? r.commune : r.province);

/** "Xã Tân Lập, Tỉnh Phú Thọ", or the province alone. */
export const reportSubtitle = (r: YearReport): string =>
  isCommune(r) && r.commune !== r.province ? `${r.commune}, ${r.province}` : r.province;

const issuer = (r: YearReport): string => `UBND ${upper(scopeName(r))}`;
const placeHeader = (r: YearReport): string => (isCommune(r) ? 'Thôn' : 'Xã');
const wholeScope = (r: YearReport): string =>
  `Toàn ${unitWord(scopeName(r), isCommune(r) ? 'xã' : 'tỉnh')}`;
const reportingUnit = (r: YearReport): string => (isCommune(r) ? 'Trung tâm học tập cộng đồng' : 'Đơn vị');
const showCenters = (r: YearReport): boolean => isCommune(r) && r.dashboard.byCenter.length > 0;

const SECTION = {
  general: 'I. Kết quả chung',
  place: (r: YearReport) => `II. Kết quả theo ${placeHeader(r).toLocaleLowerCase('vi')}`,
  groups: (r: YearReport) =>
    showCenters(r) ? 'III. Kết quả theo trung tâm và nhóm đối tượng' : 'III. Kết quả theo nhóm đối tượng',
  targets: 'IV. Chỉ tiêu',
  reporting: 'V. Tình hình báo cáo',
  trend: 'VI. Kết quả qua các năm',
};

/** Each step of a target's trace as one line: "Điều chỉnh: 50,0 % — note". */
const stepText = (step: TargetStep): string =>
  `${SOURCE_LABELS[step.source]}: ${fmtRate(step.value)}${step.note ? ` — ${step.note}` : ''}`;

const orderedTargets = (d: Dashboard): TargetInForce[] =>
  [...d.targets].sort((a, b) => targetMeasures.indexOf(a.measure) - targetMeasures.indexOf(b.measure));

// ---------------------------------------------------------------------------------------------
// HTML

const STYLE = `
@page { size: A4; margin: 15mm 15mm 20mm 20mm; }
@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; padding: 8mm 4mm; color: #000; background: #fff;
  font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; }
.portrait { max-width: 175mm; margin: 0 auto; }
.wide { max-width: 262mm; margin: 0 auto; page: wide; }
@media print { body { padding: 0; } .portrait, .wide { max-width: none; } }
${DOCUMENT_HEADING_STYLE}
h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 13pt; font-style: italic; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
.subtitle { text-align: center; font-style: italic; }
.asof { text-align: center; font-size: 11pt; font-style: italic; }
.grid { width: 100%; border-collapse: collapse; margin-top: 6pt; font-size: 12pt; overflow-wrap: break-word; }
.wide .grid { font-size: 10.5pt; }
.grid th, .grid td { border: 1px solid #000; padding: 3pt 3pt; vertical-align: middle; }
.grid th { font-weight: bold; text-align: center; padding: 3pt 2pt; }
.grid td.center { text-align: center; }
.grid td.num { text-align: right; white-space: nowrap; }
.grid td.empty { text-align: center; font-style: italic; padding: 10pt 5pt; }
.grid tr.total td, .grid tr.current td { font-weight: bold; }
.former { display: block; font-size: 9.5pt; font-style: italic; }
.trace p + p { margin-top: 2pt; }
.note { font-style: italic; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
.count { margin-top: 6pt; break-before: avoid; page-break-before: avoid; }
.signatures { display: flex; justify-content: space-between; padding-top: 14pt; break-inside: avoid;
  page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.sign { width: 45%; text-align: center; }
.sign.alone { margin-left: auto; }
.sign .space { height: 28mm; }
`;

function signBlock(lines: string[], hint: string, extra = ''): string {
  const titles = lines.map((line) => `<p class="b">${escapeHtml(line)}</p>`).join('');
  return `<div class="sign${extra}">${titles}<p class="i">${escapeHtml(hint)}</p><div class="space"></div></div>`;
}

const CHAIR = ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
const CHAIR_HINT = '(Ký tên, đóng dấu)';

function documentHead(r: YearReport, title: string, docNumber: boolean): string {
  const unit = scopeName(r);
  return `<table class="heading">
<tr>
<td class="org"><p class="b">${escapeHtml(issuer(r))}</p><div class="rule"></div></td>
<td class="nation"><p class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p class="b motto">Độc lập - Tự do - Hạnh phúc</p></td>
</tr>
<tr><td class="place">${docNumber ? 'Số: ........../BC-UBND' : ''}</td><td class="place i">${escapeHtml(placeAndDate(unit, r.generatedAt, r.dashboard.year))}</td></tr>
</table>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(reportSubtitle(r))}</p>`;
}

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const th = (text: string, percent?: number): string =>
  `<th${percent === undefined ? '' : ` style="width:${percent}%"`}>${escapeHtml(text)}</th>`;
const td = (text: string | number, cls?: string): string =>
  `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</td>`;
const emptyRow = (span: number, text: string): string => `<tr><td class="empty" colspan="${span}">${escapeHtml(text)}</td></tr>`;

function nameCell(row: Pick<DashboardRow, 'name' | 'formerNames'>): string {
  const former = row.formerNames.length
    ? `<small class="former">(trước đây: ${escapeHtml(row.formerNames.join(', '))})</small>`
    : '';
  return `<td>${escapeHtml(row.name)}${former}</td>`;
}

function generalHtml(r: YearReport): string {
  const total = r.dashboard.total;
  const counts = [
    ...countKeys.map((key) => [COUNT_LABELS[key], fmtCount(total.counts[key])] as const),
    [POPULATION_LABEL, fmtCount(total.population)] as const,
  ]
    .map(([label, value], i) => `<tr>${td(i + 1, 'center')}${td(label)}${td(value, 'num')}</tr>`)
    .join('\n');
  const rates = targetMeasures
    .map((measure) => {
      const f = total.rates[measure];
      return `<tr>${td(RATE_LABELS[measure])}${td(fmtCount(f.numerator), 'num')}${td(fmtCount(f.denominator), 'num')}${td(fmtRate(f.rate), 'num')}${td(fmtRate(f.target), 'num')}${td(metText(f.met), 'center')}</tr>`;
    })
    .join('\n');
  return `<h2>${SECTION.general}</h2>
<table class="grid">
<thead><tr>${th('STT', 8)}${th('Nội dung', 67)}${th('Số người', 25)}</tr></thead>
<tbody>
${counts}
</tbody>
</table>
<table class="grid">
<thead><tr>${th('Tỷ lệ', 34)}${th('Số người', 13)}${th('Trên tổng số', 13)}${th('Kết quả', 13)}${th('Chỉ tiêu', 13)}${th('Đánh giá', 14)}</tr></thead>
<tbody>
${rates}
</tbody>
</table>`;
}

/** A wide table of rows: STT, name, the seven counts, population and the three rates. */
function rowsTableHtml(r: YearReport, nameHeader: string, rows: DashboardRow[]): string {
  const span = 2 + countKeys.length + 1 + targetMeasures.length;
  const head = [
    th('STT', 4),
    th(nameHeader, 16),
    ...countKeys.map((key) => th(COUNT_LABELS[key], 6.5)),
    th(POPULATION_LABEL, 7.5),
    ...targetMeasures.map((m) => th(RATE_SHORT[m], 9)),
  ].join('');
  const cells = (row: DashboardRow): string =>
    [
      ...countKeys.map((key) => td(fmtCount(row.counts[key]), 'num')),
      td(fmtCount(row.population), 'num'),
      ...targetMeasures.map((m) => td(fmtRate(row.rates[m].rate), 'num')),
    ].join('');
  const body = rows.length
    ? [
        ...rows.map((row, i) => `<tr>${td(i + 1, 'center')}${nameCell(row)}${cells(row)}</tr>`),
        `<tr class="total"><td></td>${td(wholeScope(r))}${cells(r.dashboard.total)}</tr>`,
      ].join('\n')
    : emptyRow(span, NO_DATA);
  return `<table class="grid">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function groupsHtml(r: YearReport): string {
  const groups = rowsTableHtml(r, 'Nhóm đối tượng', r.dashboard.byGroup);
  if (!showCenters(r)) return `<h2>${SECTION.groups(r)}</h2>\n${groups}`;
  return `<h2>${SECTION.groups(r)}</h2>
<h3>1. Theo trung tâm học tập cộng đồng</h3>
${rowsTableHtml(r, 'Trung tâm', r.dashboard.byCenter)}
<h3>2. Theo nhóm đối tượng</h3>
${groups}`;
}

function targetsHtml(r: YearReport): string {
  const targets = orderedTargets(r.dashboard);
  const body = targets.length
    ? targets
        .map((t) => {
          const trace = t.trace.length
            ? t.trace.map((step) => `<p>${escapeHtml(stepText(step))}</p>`).join('')
            : escapeHtml(DASH);
          return `<tr>${td(RATE_LABELS[t.measure])}${td(fmtRate(t.value), 'num')}<td class="trace">${trace}</td></tr>`;
        })
        .join('\n')
    : emptyRow(3, `Chưa có chỉ tiêu nào cho năm ${r.dashboard.year}.`);
  return `<h2>${SECTION.targets}</h2>
<table class="grid">
<thead><tr>${th('Chỉ tiêu', 38)}${th('Mức áp dụng', 16)}${th('Căn cứ', 46)}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

const onTimeRateText = (c: CenterReporting): string =>
  isNumber(c.onTimeRate) ? `${fmtRate(c.onTimeRate)} (${c.yearsOnTime}/${c.yearsDue} năm)` : DASH;

function reportingHtml(r: YearReport): string {
  const { deadline, daysLeft, centers } = r.dashboard.reporting;
  const reported = centers.filter((c) => c.reportedAt !== null);
  const onTime = centers.filter((c) => c.onTime === true);
  const body = centers.length
    ? centers
        .map((c, i) => {
          const when = c.reportedAt === null ? td(NOT_REPORTED, 'center i') : td(fmtDate(c.reportedAt), 'center');
          return `<tr>${td(i + 1, 'center')}${td(c.name)}${when}${td(onTimeText(c.onTime), 'center')}${td(onTimeRateText(c), 'num')}</tr>`;
        })
        .join('\n')
    : emptyRow(5, 'Chưa có đơn vị nào phải báo cáo.');
  return `<h2>${SECTION.reporting}</h2>
<p>Hạn báo cáo: <span class="b">${escapeHtml(fmtDate(deadline))}</span> (${escapeHtml(daysLeftText(daysLeft))}).</p>
<p>Đã báo cáo: ${reported.length}/${centers.length} đơn vị, trong đó đúng hạn: ${onTime.length}.</p>
<table class="grid">
<thead><tr>${th('STT', 7)}${th(reportingUnit(r), 38)}${th('Ngày báo cáo', 17)}${th('Đúng hạn', 14)}${th('Tỷ lệ đúng hạn các năm', 24)}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function trendHtml(r: YearReport): string {
  const head = [
    th('Năm', 6),
    ...countKeys.map((key) => th(COUNT_LABELS[key], 8)),
    th(POPULATION_LABEL, 9),
    th(RATE_SHORT.cdht, 9),
    th('Chỉ tiêu', 9),
    th('Đánh giá', 11),
  ].join('');
  const body = r.dashboard.trend.length
    ? r.dashboard.trend
        .map(({ year, row }) => {
          const f = row.rates.cdht;
          const cls = year === r.dashboard.year ? ' class="current"' : '';
          return `<tr${cls}>${td(year, 'center')}${countKeys.map((key) => td(fmtCount(row.counts[key]), 'num')).join('')}${td(fmtCount(row.population), 'num')}${td(fmtRate(f.rate), 'num')}${td(fmtRate(f.target), 'num')}${td(metText(f.met), 'center')}</tr>`;
        })
        .join('\n')
    : emptyRow(countKeys.length + 5, NO_DATA);
  return `<h2>${SECTION.trend}</h2>
<table class="grid">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

// ---------------------------------------------------------------------------------------------
// Section VII: the four other titles (learning family, clan, community, unit)

const MODEL_SECTION = 'VII. Gia đình, dòng họ, cộng đồng và đơn vị học tập';
const MODEL_RATE_LABELS: Record<ModelTargetMeasure, string> = {
  families: 'Tỷ lệ gia đình được công nhận gia đình học tập',
  clans: 'Tỷ lệ dòng họ được công nhận dòng họ học tập',
  communities: 'Tỷ lệ thôn được công nhận cộng đồng học tập',
  units: 'Tỷ lệ đơn vị được công nhận đơn vị học tập',
  workers: 'Tỷ lệ người lao động trong gia đình, dòng họ, cộng đồng học tập là CDHT',
  unitStaff: 'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT',
};
const MODEL_NAMES: Record<ModelCountKind, string> = {
  families: 'Gia đình học tập',
  clans: 'Dòng họ học tập',
  communities: 'Cộng đồng học tập',
  units: 'Đơn vị học tập',
};
const TITLE_NAMES: Record<ModelTitle, string> = { gdht: 'Gia đình học tập', dhht: 'Dòng họ học tập', cddht: 'Cộng đồng học tập', dvht: 'Đơn vị học tập' };
/** The two CDHT rates of the models' members: their numerator's words. */
const MEMBER_RATES = {
  workers: { heading: 'Người lao động trong gia đình, dòng họ, cộng đồng học tập là Công dân học tập', numerator: 'Số người là CDHT' },
  unitStaff: { heading: 'Cán bộ, người lao động trong đơn vị học tập là Công dân học tập', numerator: 'Số người là CDHT' },
} as const;
const MODEL_COUNT_HEADERS = ['Đăng ký', 'Tự đánh giá', 'Được công nhận'];
/** The two member rates as columns of the table across the years. */
const MEMBER_TREND_HEADERS = { workers: 'Tỷ lệ người lao động là CDHT', unitStaff: 'Tỷ lệ cán bộ đơn vị là CDHT' } as const;

/** The numbered parts of section VII, in order: the summary, one per model, the two member rates, the validity, the years. */
const modelParts = (m: ModelRatesView) => ({
  summary: '1. Tỷ lệ so với chỉ tiêu',
  model: (k: ModelCountKind) => `${2 + modelCountKinds.indexOf(k)}. ${MODEL_NAMES[k]}`,
  member: (k: 'workers' | 'unitStaff') => `${k === 'workers' ? 6 : 7}. ${MEMBER_RATES[k].heading}`,
  validity: `8. Danh hiệu hết hiệu lực trong năm ${m.year}`,
  trend: '9. Kết quả qua các năm',
});
const MODEL_TREND_NOTE = 'Mỗi năm được tính như báo cáo của năm đó: số liệu đã nhập của năm, các danh hiệu công nhận cho năm đó hoặc còn hiệu lực đến hết năm, và chỉ tiêu của năm.';

const targetLine = (m: ModelRatesView, measure: ModelTargetMeasure): string => {
  const value = m.targets.find((t) => t.measure === measure)?.value ?? null;
  return `Chỉ tiêu năm ${m.year}: ${fmtRate(value)}.`;
};

function modelNoteText(r: YearReport, note: ModelRatesView['notes'][number]): string {
  return note.kind === 'community-adults-unknown'
    ? `${note.name} được công nhận cộng đồng học tập nhưng chưa nhập số người trưởng thành: tỷ lệ người lao động của ${placeHeader(r).toLocaleLowerCase('vi')} tính theo các hộ đã đăng ký.`
    : `Đơn vị ${note.name} chưa có số người lao động năm ${r.models?.year ?? r.dashboard.year}: chưa tính vào tỷ lệ cán bộ đơn vị là CDHT.`;
}

const validityStatus = (e: ModelRatesView['validity'][number]): string => (e.expired ? 'Đã hết hiệu lực' : 'Cần công nhận lại');

function modelNameCell(row: ModelRateRowView): string {
  return nameCell({ name: row.name, formerNames: row.formerNames });
}

function modelsHtml(r: YearReport, m: ModelRatesView): string {
  const parts = modelParts(m);
  const summary = modelTargetMeasures
    .map((measure) => {
      const f = m.total.rates[measure];
      return `<tr>${td(MODEL_RATE_LABELS[measure])}${td(fmtCount(f.numerator), 'num')}${td(fmtCount(f.denominator), 'num')}${td(fmtRate(f.rate), 'num')}${td(fmtRate(f.target), 'num')}${td(metText(f.met), 'center')}</tr>`;
    })
    .join('\n');
  const notes = m.notes.map((n) => `<p class="note">${escapeHtml(modelNoteText(r, n))}</p>`).join('\n');
  const rowsOf = (cells: (row: ModelRateRowView) => string, span: number): string =>
    m.places.length
      ? [
          ...m.places.map((row, i) => `<tr>${td(i + 1, 'center')}${modelNameCell(row)}${cells(row)}</tr>`),
          `<tr class="total"><td></td>${td(wholeScope(r))}${cells(m.total)}</tr>`,
        ].join('\n')
      : emptyRow(span, NO_DATA);
  const modelTable = (k: ModelCountKind): string => {
    const cells = (row: ModelRateRowView): string => {
      const f = row.rates[k];
      return `${td(fmtCount(row[k].registered), 'num')}${td(fmtCount(row[k].assessed), 'num')}${td(fmtCount(row[k].recognized), 'num')}${td(fmtCount(f.denominator), 'num')}${td(fmtRate(f.rate), 'num')}${td(metText(f.met), 'center')}`;
    };
    return `<h3>${escapeHtml(parts.model(k))}</h3>
<p>${escapeHtml(targetLine(m, k))}</p>
<table class="grid" data-model="${k}">
<thead><tr>${th('STT', 6)}${th(placeHeader(r), 28)}${MODEL_COUNT_HEADERS.map((h) => th(h, 11)).join('')}${th('Trên tổng số', 11)}${th('Tỷ lệ', 11)}${th('Đánh giá', 11)}</tr></thead>
<tbody>
${rowsOf(cells, 8)}
</tbody>
</table>`;
  };
  const memberTable = (k: 'workers' | 'unitStaff'): string => {
    const cells = (row: ModelRateRowView): string => {
      const f = row.rates[k];
      return `${td(fmtCount(f.numerator), 'num')}${td(fmtCount(f.denominator), 'num')}${td(fmtRate(f.rate), 'num')}${td(metText(f.met), 'center')}`;
    };
    return `<h3>${escapeHtml(parts.member(k))}</h3>
<p>${escapeHtml(targetLine(m, k))}</p>
<table class="grid" data-model="${k}">
<thead><tr>${th('STT', 6)}${th(placeHeader(r), 34)}${th(MEMBER_RATES[k].numerator, 15)}${th('Trên tổng số', 15)}${th('Tỷ lệ', 15)}${th('Đánh giá', 15)}</tr></thead>
<tbody>
${rowsOf(cells, 6)}
</tbody>
</table>`;
  };
  return `<h2>${MODEL_SECTION}</h2>
<h3>${escapeHtml(parts.summary)}</h3>
<table class="grid" data-model="summary">
<thead><tr>${th('Tỷ lệ', 34)}${th('Số đạt', 13)}${th('Trên tổng số', 13)}${th('Kết quả', 13)}${th('Chỉ tiêu', 13)}${th('Đánh giá', 14)}</tr></thead>
<tbody>
${summary}
</tbody>
</table>
${notes}
${modelCountKinds.map(modelTable).join('\n')}
${memberTable('workers')}
${memberTable('unitStaff')}
<h3>${escapeHtml(parts.validity)}</h3>
${validityHtml(r, m)}
<h3>${escapeHtml(parts.trend)}</h3>
${modelTrendHtml(m)}`;
}

/** The scope year by year: each title's recognized and rate, the two member rates; the year asked in bold. */
function modelTrendHtml(m: ModelRatesView): string {
  const members = ['workers', 'unitStaff'] as const;
  const head = `<tr><th rowspan="2" style="width:6%">Năm</th>${modelCountKinds.map((k) => `<th colspan="2">${escapeHtml(MODEL_NAMES[k])}</th>`).join('')}${members.map((k) => `<th rowspan="2" style="width:11%">${escapeHtml(MEMBER_TREND_HEADERS[k])}</th>`).join('')}</tr>
<tr>${modelCountKinds.map(() => th('Được công nhận', 9) + th('Tỷ lệ', 9)).join('')}</tr>`;
  const body = m.trend.length
    ? m.trend
        .map(({ year, row }) => {
          const cls = year === m.year ? ' class="current"' : '';
          const kinds = modelCountKinds.map((k) => `${td(fmtCount(row[k].recognized), 'num')}${td(fmtRate(row.rates[k].rate), 'num')}`).join('');
          return `<tr${cls}>${td(year, 'center')}${kinds}${members.map((k) => td(fmtRate(row.rates[k].rate), 'num')).join('')}</tr>`;
        })
        .join('\n')
    : emptyRow(1 + 2 * modelCountKinds.length + members.length, NO_DATA);
  return `<table class="grid" data-model="trend">
<thead>${head}</thead>
<tbody>
${body}
</tbody>
</table>
<p class="note">${escapeHtml(MODEL_TREND_NOTE)}</p>`;
}

function validityHtml(r: YearReport, m: ModelRatesView): string {
  if (m.level === 'province') {
    const rows = m.expiring.map((e) => `<tr>${td(TITLE_NAMES[e.title])}${td(fmtCount(e.count), 'num')}</tr>`).join('\n');
    return `<table class="grid" data-model="validity">
<thead><tr>${th('Danh hiệu', 70)}${th('Số danh hiệu hết hiệu lực', 30)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  }
  const expiring = m.validity.filter((e) => e.expiresInYear);
  const rows = expiring.length
    ? expiring
        .map((e, i) => `<tr>${td(i + 1, 'center')}${td(TITLE_NAMES[e.title])}${td(e.label ?? DASH)}${td(e.village ?? DASH)}${td(`Số ${e.decisionNumber}, ngày ${fmtDate(e.decisionDate)}`)}${td(fmtDate(e.validThrough), 'center')}${td(validityStatus(e), 'center')}</tr>`)
        .join('\n')
    : emptyRow(7, `Không có danh hiệu nào hết hiệu lực trong năm ${m.year}.`);
  return `<table class="grid" data-model="validity">
<thead><tr>${th('STT', 6)}${th('Danh hiệu', 15)}${th('Tên', 20)}${th(placeHeader(r), 15)}${th('Quyết định', 18)}${th('Hiệu lực đến', 12)}${th('Ghi chú', 14)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function asOf(iso: string): string {
  const t = localTime(iso);
  return t ? `Số liệu tính đến ${two(t.hour)}:${two(t.minute)} ngày ${two(t.day)}/${two(t.month)}/${t.year}.` : '';
}

export function renderReportHtml(r: YearReport): string {
  const title = reportTitle(r);
  const signatures = signBlock(['NGƯỜI LẬP BÁO CÁO'], '(Ký, ghi rõ họ tên)') + signBlock(CHAIR, CHAIR_HINT);
  const asof = asOf(r.generatedAt);
  const body = `<section class="portrait">
${documentHead(r, title, true)}
${asof ? `<p class="asof">${escapeHtml(asof)}</p>` : ''}
${generalHtml(r)}
</section>
<section class="wide">
<h2>${escapeHtml(SECTION.place(r))}</h2>
${rowsTableHtml(r, placeHeader(r), r.dashboard.byPlace)}
${groupsHtml(r)}
</section>
<section class="portrait">
${targetsHtml(r)}
${reportingHtml(r)}
</section>
<section class="wide">
${trendHtml(r)}
${r.models ? '' : `<div class="signatures">${signatures}</div>`}
</section>
${r.models ? `<section class="wide">
${modelsHtml(r, r.models)}
<div class="signatures">${signatures}</div>
</section>` : ''}`;
  return htmlDocument(`${title} — ${scopeName(r)}`, body);
}

/** The recognized people, reading only name and village whatever else the objects carry. */
const publicEntries = (r: YearReport): { name: string; village: string }[] =>
  r.recognized.map(({ name, village }) => ({ name: String(name), village: String(village) }));

export function renderPublicListHtml(r: YearReport): string {
  const title = publicListTitle(r);
  const entries = publicEntries(r);
  const rows = entries.length
    ? entries.map((e, i) => `<tr>${td(i + 1, 'center')}${td(e.name)}${td(e.village)}</tr>`).join('\n')
    : emptyRow(3, EMPTY_ROW);
  const body = `<section class="portrait">
${documentHead(r, title, false)}
<table class="grid">
<thead><tr>${th('STT', 10)}${th('Họ và tên', 50)}${th('Thôn', 40)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="count">Tổng số: ${entries.length} người.</p>
<div class="signatures">${signBlock(CHAIR, CHAIR_HINT, ' alone')}</div>
</section>`;
  return htmlDocument(`${title} — ${scopeName(r)}`, body);
}

// ---------------------------------------------------------------------------------------------
// Workbook

type CellValue = string | number | Date | null;
type Align = 'left' | 'center' | 'right';

interface XColumn {
  header: string;
  width: number;
  align: Align;
  numFmt?: string;
}

const FONT = { name: 'Times New Roman', size: 12 };
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const INTEGER = '#,##0';
const PERCENT = '0.0%';
const DATE = 'dd/mm/yyyy';

const count = (header: string): XColumn => ({ header, width: 12, align: 'right', numFmt: INTEGER });
const percent = (header: string): XColumn => ({ header, width: 13, align: 'right', numFmt: PERCENT });

/** A rate as a number for a `0.0%` cell, null (an empty cell) when unknown. */
const rateValue = (value: number | null): number | null => (isNumber(value) ? value : null);
const countValue = (value: number | null): number | null => (isNumber(value) ? value : null);

// exceljs is large (about 28 MB once loaded): loaded when a sheet is made, not on every start of the box.
async function newWorkbook(r: YearReport): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Kiosk Công dân học tập';
  const generated = new Date(r.generatedAt);
  if (!Number.isNaN(generated.getTime())) workbook.created = generated;
  return workbook;
}

function newSheet(
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

/** Title, sub-title and a blank row, across `span` columns. */
function addTitle(sheet: ExcelJS.Worksheet, title: string, subtitle: string, span: number): void {
  const titleRow = sheet.addRow([title]);
  const subtitleRow = sheet.addRow([subtitle]);
  for (const [row, extra] of [[titleRow, { bold: true, size: 14 }], [subtitleRow, { italic: true }]] as const) {
    sheet.mergeCells(row.number, 1, row.number, span);
    row.getCell(1).font = { ...FONT, ...extra };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  titleRow.height = 36;
  sheet.addRow([]);
}

function addHeading(sheet: ExcelJS.Worksheet, text: string): void {
  const row = sheet.addRow([text]);
  row.getCell(1).font = { ...FONT, bold: true };
}

function addHeader(sheet: ExcelJS.Worksheet, headers: string[]): ExcelJS.Row {
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

function addBody(
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
function addNote(sheet: ExcelJS.Worksheet, text: string, span: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, span);
  const cell = row.getCell(1);
  cell.font = { ...FONT, italic: true };
  cell.border = BORDER;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

const subtitleFor = (r: YearReport, section: string): string => `${section} — ${reportSubtitle(r)}`;

function summarySheet(workbook: ExcelJS.Workbook, r: YearReport): void {
  const total = r.dashboard.total;
  const sheet = newSheet(workbook, 'Tổng hợp', 'portrait', [44, 14, 14, 12, 12, 16]);
  addTitle(sheet, reportTitle(r), reportSubtitle(r), 6);

  addHeading(sheet, SECTION.general);
  addHeader(sheet, ['Nội dung', 'Số người']);
  const figure = [{ align: 'left' }, { align: 'right', numFmt: INTEGER }] as const;
  for (const key of countKeys) addBody(sheet, [COUNT_LABELS[key], total.counts[key]], [...figure]);
  addBody(sheet, [POPULATION_LABEL, countValue(total.population)], [...figure]);
  sheet.addRow([]);

  addHeader(sheet, ['Tỷ lệ', 'Số người', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá']);
  const rateColumns: { align: Align; numFmt?: string }[] = [
    { align: 'left' },
    { align: 'right', numFmt: INTEGER },
    { align: 'right', numFmt: INTEGER },
    { align: 'right', numFmt: PERCENT },
    { align: 'right', numFmt: PERCENT },
    { align: 'center' },
  ];
  for (const measure of targetMeasures) {
    const f = total.rates[measure];
    addBody(
      sheet,
      [RATE_LABELS[measure], f.numerator, countValue(f.denominator), rateValue(f.rate), rateValue(f.target), metText(f.met)],
      rateColumns,
    );
  }
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

function rowsSheet(workbook: ExcelJS.Workbook, r: YearReport, name: string, section: string, nameHeader: string, rows: DashboardRow[]): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: nameHeader, width: 30, align: 'left' },
    { header: 'Tên trước đây', width: 24, align: 'left' },
    ...countKeys.map((key) => count(COUNT_LABELS[key])),
    { ...count(POPULATION_LABEL), width: 13 },
    ...targetMeasures.map((m) => percent(RATE_SHORT[m])),
  ];
  const sheet = newSheet(workbook, name, 'landscape', columns.map((c) => c.width), '4:4');
  addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
  addHeader(sheet, columns.map((c) => c.header)).height = 48;
  const values = (row: DashboardRow): CellValue[] => [
    ...countKeys.map((key) => row.counts[key]),
    countValue(row.population),
    ...targetMeasures.map((m) => rateValue(row.rates[m].rate)),
  ];
  if (!rows.length) {
    addNote(sheet, NO_DATA, columns.length);
    return;
  }
  rows.forEach((row, i) => addBody(sheet, [i + 1, row.name, row.formerNames.join(', ') || null, ...values(row)], columns));
  addBody(sheet, [null, wholeScope(r), null, ...values(r.dashboard.total)], columns, true);
}

function reportingSheet(workbook: ExcelJS.Workbook, r: YearReport): void {
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
  const sheet = newSheet(workbook, 'Báo cáo', 'portrait', columns.map((c) => c.width), '7:7');
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

  addHeader(sheet, columns.map((c) => c.header)).height = 32;
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

function trendSheet(workbook: ExcelJS.Workbook, r: YearReport): void {
  const columns: XColumn[] = [
    { header: 'Năm', width: 8, align: 'center' },
    ...countKeys.map((key) => count(COUNT_LABELS[key])),
    { ...count(POPULATION_LABEL), width: 13 },
    percent(RATE_SHORT.cdht),
    percent('Chỉ tiêu'),
    { header: 'Đánh giá', width: 11, align: 'center' },
  ];
  const sheet = newSheet(workbook, 'Qua các năm', 'landscape', columns.map((c) => c.width), '4:4');
  addTitle(sheet, reportTitle(r), subtitleFor(r, SECTION.trend), columns.length);
  addHeader(sheet, columns.map((c) => c.header)).height = 48;
  if (!r.dashboard.trend.length) addNote(sheet, NO_DATA, columns.length);
  for (const { year, row } of r.dashboard.trend) {
    const f = row.rates.cdht;
    addBody(
      sheet,
      [year, ...countKeys.map((key) => row.counts[key]), countValue(row.population), rateValue(f.rate), rateValue(f.target), metText(f.met)],
      columns,
      year === r.dashboard.year,
    );
  }
}

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
    addBody(sheet, [MODEL_RATE_LABELS[measure], f.numerator, countValue(f.denominator), rateValue(f.rate), rateValue(f.target), metText(f.met)], columns);
  }
  for (const note of m.notes) {
    const row = sheet.addRow([modelNoteText(r, note)]);
    sheet.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).font = { ...FONT, italic: true };
    row.getCell(1).alignment = { wrapText: true };
  }
}

/** One table per place with the scope's total: STT, name, former names, then `cells`. */
function modelRowsSheet(
  workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView, name: string, section: string,
  headers: XColumn[], cells: (row: ModelRateRowView) => CellValue[],
): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: placeHeader(r), width: 28, align: 'left' },
    { header: 'Tên trước đây', width: 22, align: 'left' },
    ...headers,
  ];
  const sheet = newSheet(workbook, name, 'landscape', columns.map((c) => c.width), '4:4');
  addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
  addHeader(sheet, columns.map((c) => c.header)).height = 32;
  if (!m.places.length) {
    addNote(sheet, NO_DATA, columns.length);
    return;
  }
  m.places.forEach((row, i) => addBody(sheet, [i + 1, row.name, row.formerNames.join(', ') || null, ...cells(row)], columns));
  addBody(sheet, [null, wholeScope(r), null, ...cells(m.total)], columns, true);
}

function modelSheets(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const parts = modelParts(m);
  modelSummarySheet(workbook, r, m);
  const rateColumns: XColumn[] = [count('Trên tổng số'), percent('Tỷ lệ'), percent('Chỉ tiêu'), { header: 'Đánh giá', width: 11, align: 'center' }];
  const rateCells = (f: ModelRateRowView['rates'][ModelTargetMeasure]): CellValue[] =>
    [countValue(f.denominator), rateValue(f.rate), rateValue(f.target), metText(f.met)];
  for (const k of modelCountKinds) {
    modelRowsSheet(workbook, r, m, MODEL_NAMES[k], parts.model(k), [...MODEL_COUNT_HEADERS.map(count), ...rateColumns],
      (row) => [row[k].registered, row[k].assessed, row[k].recognized, ...rateCells(row.rates[k])]);
  }
  const memberSheets = { workers: 'Người lao động là CDHT', unitStaff: 'Cán bộ đơn vị là CDHT' } as const;
  for (const k of ['workers', 'unitStaff'] as const) {
    modelRowsSheet(workbook, r, m, memberSheets[k], parts.member(k), [count(MEMBER_RATES[k].numerator), ...rateColumns],
      (row) => [row.rates[k].numerator, ...rateCells(row.rates[k])]);
  }
  validitySheet(workbook, r, m);
  modelTrendSheet(workbook, r, m);
}

/** Section VII across the years: one row per year, the year asked in bold. */
function modelTrendSheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const members = ['workers', 'unitStaff'] as const;
  const columns: XColumn[] = [
    { header: 'Năm', width: 8, align: 'center' },
    ...modelCountKinds.flatMap((k) => [count(`${MODEL_NAMES[k]} được công nhận`), percent(`Tỷ lệ ${MODEL_NAMES[k].toLocaleLowerCase('vi')}`)]),
    ...members.map((k) => percent(MEMBER_TREND_HEADERS[k])),
  ];
  const sheet = newSheet(workbook, 'Mô hình qua các năm', 'landscape', columns.map((c) => c.width), '4:4');
  addTitle(sheet, reportTitle(r), subtitleFor(r, modelParts(m).trend), columns.length);
  addHeader(sheet, columns.map((c) => c.header)).height = 48;
  if (!m.trend.length) addNote(sheet, NO_DATA, columns.length);
  for (const { year, row } of m.trend) {
    addBody(sheet, [
      year,
      ...modelCountKinds.flatMap((k) => [row[k].recognized, rateValue(row.rates[k].rate)]),
      ...members.map((k) => rateValue(row.rates[k].rate)),
    ], columns, year === m.year);
  }
  const note = sheet.addRow([MODEL_TREND_NOTE]);
  sheet.mergeCells(note.number, 1, note.number, columns.length);
  note.getCell(1).font = { ...FONT, italic: true };
  note.getCell(1).alignment = { wrapText: true };
}

function validitySheet(workbook: ExcelJS.Workbook, r: YearReport, m: ModelRatesView): void {
  const section = modelParts(m).validity;
  if (m.level === 'province') {
    const columns: XColumn[] = [{ header: 'Danh hiệu', width: 36, align: 'left' }, count('Số danh hiệu hết hiệu lực')];
    const sheet = newSheet(workbook, 'Hết hiệu lực', 'portrait', columns.map((c) => c.width), '4:4');
    addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
    addHeader(sheet, columns.map((c) => c.header));
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
  const sheet = newSheet(workbook, 'Hết hiệu lực', 'landscape', columns.map((c) => c.width), '4:4');
  addTitle(sheet, reportTitle(r), subtitleFor(r, section), columns.length);
  addHeader(sheet, columns.map((c) => c.header));
  const expiring = m.validity.filter((e) => e.expiresInYear);
  if (!expiring.length) addNote(sheet, `Không có danh hiệu nào hết hiệu lực trong năm ${m.year}.`, columns.length);
  expiring.forEach((e, i) => addBody(sheet, [
    i + 1, TITLE_NAMES[e.title], e.label ?? DASH, e.village ?? DASH, e.decisionNumber,
    xlsxDate(e.decisionDate) ?? e.decisionDate, xlsxDate(e.validThrough) ?? e.validThrough, validityStatus(e),
  ], columns));
}

/** STT, name and village — the only columns the public list ever has. */
function recognizedSheet(workbook: ExcelJS.Workbook, r: YearReport, subtitle: string): void {
  const columns: XColumn[] = [
    { header: 'STT', width: 6, align: 'center' },
    { header: 'Họ và tên', width: 32, align: 'left' },
    { header: 'Thôn', width: 28, align: 'left' },
  ];
  const sheet = newSheet(workbook, 'Danh sách công nhận', 'portrait', columns.map((c) => c.width), '4:4');
  addTitle(sheet, publicListTitle(r), subtitle, columns.length);
  addHeader(sheet, columns.map((c) => c.header));
  publicEntries(r).forEach((e, i) => addBody(sheet, [i + 1, e.name, e.village], columns));
}

export async function renderReportXlsx(r: YearReport): Promise<Buffer> {
  const workbook = await newWorkbook(r);
  summarySheet(workbook, r);
  rowsSheet(workbook, r, isCommune(r) ? 'Theo thôn' : 'Theo xã', SECTION.place(r), placeHeader(r), r.dashboard.byPlace);
  rowsSheet(workbook, r, 'Theo trung tâm', 'III. Kết quả theo trung tâm học tập cộng đồng', 'Trung tâm', isCommune(r) ? r.dashboard.byCenter : []);
  rowsSheet(workbook, r, 'Theo nhóm', 'III. Kết quả theo nhóm đối tượng', 'Nhóm đối tượng', r.dashboard.byGroup);
  reportingSheet(workbook, r);
  trendSheet(workbook, r);
  if (r.models) modelSheets(workbook, r, r.models);
  recognizedSheet(workbook, r, reportSubtitle(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function renderPublicListXlsx(r: YearReport): Promise<Buffer> {
  const workbook = await newWorkbook(r);
  recognizedSheet(workbook, r, reportSubtitle(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

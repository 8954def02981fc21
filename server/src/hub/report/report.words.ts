/**
 * What the yearly report of the "Công dân học tập" model says, shared by its HTML documents
 * (report.html.ts, report.models.html.ts) and its workbook (report.xlsx.ts, report.models.xlsx.ts):
 * the report's data, its titles and section names, labels, and numbers and dates as Vietnamese
 * administrative documents write them (dates in Vietnam time, shared/domain/vietnam-time.ts).
 */
import {
  targetMeasures,
  type Counts,
  type Dashboard,
  type RateFigure,
  type TargetInForce,
  type TargetMeasure,
  type TargetStep,
} from '../../../../shared/schemas/dashboard.ts';
import { vietnamWallClock } from '../../../../shared/domain/vietnam-time.ts';
import { placesNamed, placeWordOf, type Village } from '../../../../shared/domain/places.ts';
import type { ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { agencyLines } from '../../print/committee.ts';

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
  /** The signer block's lines (documents.signer); the default "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when not given. */
  signer?: readonly [string, string];
  /** The hub's own villages with their kinds (its configuration), for the place word; villages named elsewhere say theirs. */
  places?: readonly Village[];
}

export const DASH = '—';

export const COUNT_LABELS: Record<keyof Counts, string> = {
  registered: 'Đăng ký',
  selfAssessed: 'Tự đánh giá',
  appraised: 'Đã thẩm định',
  recognized: 'Được công nhận',
  digital: 'Có kỹ năng số',
  proficient: 'Thành thạo kỹ năng số',
  outstanding: 'Tiêu biểu xuất sắc',
};
export const POPULATION_LABEL = 'Số người lớn (từ 15 tuổi)';
export const RATE_LABELS: Record<TargetMeasure, string> = {
  cdht: 'Tỷ lệ người từ 15 tuổi trở lên là CDHT',
  digital: 'Tỷ lệ CDHT có kỹ năng số',
  proficient: 'Tỷ lệ thành thạo trong số có kỹ năng số',
};
/** The two CDHT rates of section I when the dashboard carries them (shared/domain/cdht-rates.ts). */
export const CDHT_677_LABEL =
  'Tỷ lệ CDHT theo Quyết định 677/QĐ-TTg (người trưởng thành trong gia đình, dòng họ, cộng đồng học tập; chỉ tiêu áp dụng)';
export const CDHT_ALL_ADULTS_LABEL = 'Tỷ lệ người từ 15 tuổi trở lên là CDHT (chỉ tiêu riêng của địa phương)';

/**
 * The rate rows of section I: decision 677's CDHT rate and, beside it, the rate over all adults
 * 15+ against its own target, then the digital rates; a dashboard without them, as before.
 */
export function summaryRates(d: Dashboard): { label: string; figure: RateFigure }[] {
  const digital = (['digital', 'proficient'] as const).map((m) => ({
    label: RATE_LABELS[m],
    figure: d.total.rates[m],
  }));
  const cdht = d.cdhtRates
    ? [
        { label: CDHT_677_LABEL, figure: d.cdhtRates.decision677 },
        { label: CDHT_ALL_ADULTS_LABEL, figure: d.cdhtRates.allAdults },
      ]
    : [{ label: RATE_LABELS.cdht, figure: d.total.rates.cdht }];
  return [...cdht, ...digital];
}

/** Column headers of the wide tables. */
export const RATE_SHORT: Record<TargetMeasure, string> = {
  cdht: 'Tỷ lệ CDHT',
  digital: 'Tỷ lệ có kỹ năng số',
  proficient: 'Tỷ lệ thành thạo kỹ năng số',
};
export const SOURCE_LABELS: Record<TargetStep['source'], string> = {
  national: 'Trung ương',
  province: 'Tỉnh',
  commune: 'Xã',
  adjustment: 'Điều chỉnh',
};
export const NO_DATA = 'Chưa có số liệu.';
export const NOT_REPORTED = 'Chưa báo cáo';

// ---------------------------------------------------------------------------------------------
// Words and numbers

const UNIT_PREFIX = /^\s*(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+/iu;

/** "Xã Tân Lập" → "Tân Lập": the place name written before the date. */
export const placeName = (unit: string): string => unit.replace(UNIT_PREFIX, '').trim();

/** "Xã Tân Lập" → "xã", "Phường Hạc Thành" → "phường"; `fallback` when the name has no prefix. */
const unitWord = (unit: string, fallback: string): string =>
  UNIT_PREFIX.exec(unit)?.[1]?.toLocaleLowerCase('vi') ?? fallback;

// Made at the first report, not with the server: ICU's number data stays out of an idle box's memory.
let formats: { integer: Intl.NumberFormat; percent: Intl.NumberFormat } | null = null;
const numberFormats = () =>
  (formats ??= {
    integer: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
    percent: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  });

export const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** 1234 → "1.234"; "—" when unknown. */
export const fmtCount = (value: number | null): string =>
  isNumber(value) ? numberFormats().integer.format(value) : DASH;

/** 0.457 → "45,7 %"; "—" when unknown. */
export const fmtRate = (value: number | null): string =>
  isNumber(value) ? `${numberFormats().percent.format(value * 100)} %` : DASH;

export const metText = (met: boolean | null): string => (met === null ? DASH : met ? 'Đạt' : 'Chưa đạt');
export const onTimeText = (onTime: boolean | null): string => (onTime === null ? DASH : onTime ? 'Đúng hạn' : 'Muộn');

export function daysLeftText(days: number): string {
  if (days > 0) return `còn ${days} ngày`;
  if (days < 0) return `quá hạn ${-days} ngày`;
  return 'đến hạn hôm nay';
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar date (and time) of an ISO string in Vietnam; a bare "YYYY-MM-DD" is taken as is. */
export function localTime(iso: string): LocalTime | null {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (bare) return { year: Number(bare[1]), month: Number(bare[2]), day: Number(bare[3]), hour: 0, minute: 0 };
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Dates in the report are those of the people reading it.
  const wall = vietnamWallClock(date);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  };
}

export const two = (n: number): string => String(n).padStart(2, '0');

/** "dd/mm/yyyy", or the text itself when it is not a date. */
export function fmtDate(iso: string): string {
  const t = localTime(iso);
  return t ? `${two(t.day)}/${two(t.month)}/${t.year}` : iso;
}

/** The date as an Excel date cell (midnight UTC of the Vietnamese calendar day), null when not a date. */
export function xlsxDate(iso: string): Date | null {
  const t = localTime(iso);
  return t ? new Date(Date.UTC(t.year, t.month - 1, t.day)) : null;
}

/**
 * "Tân Lập, ngày 05 tháng 3 năm 2026": days below 10 and the months January and February take a
 * leading zero, as administrative documents write them (Nghị định 30/2020/NĐ-CP).
 */
export function placeAndDate(unit: string, iso: string, year: number): string {
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

export const isCommune = (r: YearReport): boolean => r.dashboard.level === 'commune';

/** The unit the report is about: the commune, or the province. */
export const scopeName = (r: YearReport): string => (isCommune(r) ? r.commune : r.province);

/** "Xã Tân Lập, Tỉnh Phú Thọ", or the province alone. */
export const reportSubtitle = (r: YearReport): string =>
  isCommune(r) && r.commune !== r.province ? `${r.commune}, ${r.province}` : r.province;

/** The heading's agency lines: the People's Committee in full ("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"). */
export const issuer = (r: YearReport): [string, string] => agencyLines(scopeName(r));
/**
 * What the report calls a village: the word of the villages it names and the hub's own (thôn, ấp,
 * bản, tổ dân phố...; several joined where kinds mix, shared/domain/places.ts); a province's report: "Xã".
 */
export function placeHeader(r: YearReport): string {
  if (!isCommune(r)) return 'Xã';
  const names = [
    ...r.dashboard.byPlace.map((p) => p.name),
    ...(r.models?.places ?? []).map((p) => p.name),
    ...r.recognized.map((e) => e.village),
  ];
  return placeWordOf([...placesNamed(names, r.places), ...(r.places ?? [])]);
}
/** The sheet of section II: "Theo thôn", "Theo ấp"; a long mix of words would pass a sheet name's 31 characters. */
export function placeSheetName(r: YearReport): string {
  const name = `Theo ${placeHeader(r).toLocaleLowerCase('vi')}`;
  return name.length <= 31 ? name : 'Theo địa bàn';
}
export const wholeScope = (r: YearReport): string => `Toàn ${unitWord(scopeName(r), isCommune(r) ? 'xã' : 'tỉnh')}`;
export const reportingUnit = (r: YearReport): string => (isCommune(r) ? 'Trung tâm học tập cộng đồng' : 'Đơn vị');
export const showCenters = (r: YearReport): boolean => isCommune(r) && r.dashboard.byCenter.length > 0;

export const SECTION = {
  general: 'I. Kết quả chung',
  place: (r: YearReport) => `II. Kết quả theo ${placeHeader(r).toLocaleLowerCase('vi')}`,
  groups: (r: YearReport) =>
    showCenters(r) ? 'III. Kết quả theo trung tâm và nhóm đối tượng' : 'III. Kết quả theo nhóm đối tượng',
  targets: 'IV. Chỉ tiêu',
  reporting: 'V. Tình hình báo cáo',
  trend: 'VI. Kết quả qua các năm',
};

/** Each step of a target's trace as one line: "Điều chỉnh: 50,0 % — note". */
export const stepText = (step: TargetStep): string =>
  `${SOURCE_LABELS[step.source]}: ${fmtRate(step.value)}${step.note ? ` — ${step.note}` : ''}`;

export const orderedTargets = (d: Dashboard): TargetInForce[] =>
  [...d.targets].sort((a, b) => targetMeasures.indexOf(a.measure) - targetMeasures.indexOf(b.measure));

export function asOf(iso: string): string {
  const t = localTime(iso);
  return t ? `Số liệu tính đến ${two(t.hour)}:${two(t.minute)} ngày ${two(t.day)}/${two(t.month)}/${t.year}.` : '';
}

/** The recognized people, reading only name and village whatever else the objects carry. */
export const publicEntries = (r: YearReport): { name: string; village: string }[] =>
  r.recognized.map(({ name, village }) => ({ name: String(name), village: String(village) }));

/** A section's sheet subtitle: "II. Kết quả theo thôn — Xã Tân Lập, Tỉnh Phú Thọ". */
export const subtitleFor = (r: YearReport, section: string): string => `${section} — ${reportSubtitle(r)}`;

/** A rate as a number for a `0.0%` cell, a count for a `#,##0` cell; null (an empty cell) when unknown. */
export const rateValue = (value: number | null): number | null => (isNumber(value) ? value : null);
export const countValue = (value: number | null): number | null => (isNumber(value) ? value : null);

/** The header of a summary's rates: label, `counted` (what the numerator counts), of how many, rate, target, met. */
export const rateHeaders = (counted: string): string[] => [
  'Tỷ lệ',
  counted,
  'Trên tổng số',
  'Kết quả',
  'Chỉ tiêu',
  'Đánh giá',
];

/** A rate against its target as a summary's row (print/workbook.ts's RATE_COLUMNS). */
export const rateCells = (label: string, f: RateFigure): (string | number | null)[] => [
  label,
  f.numerator,
  countValue(f.denominator),
  rateValue(f.rate),
  rateValue(f.target),
  metText(f.met),
];

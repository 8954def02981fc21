/**
 * What the commune's commendation proposal (tờ trình đề nghị khen thưởng) says, laid out once for
 * its A4 print (commendation.html.ts), its .docx (commendation.docx.ts) and its sheet
 * (commendation.xlsx.ts): at the 2025 review (sơ kết) or the 2030 summary (tổng kết) of the
 * programmes and the emulation movement (1315/QĐ-TTg), the outstanding Learning Citizens and the
 * exemplary learning families, clans, communities and units, each recognized
 * `recognition.outstandingYears` years in a row up to the review's year by decisions in force
 * (the 2021–2025 recognitions imported at the hub among them). The list holds only what the
 * proposal needs: name, birth year (people), place and the years recognized.
 */
import type { DecisionTitle } from '../../../../../shared/schemas/decision.ts';
import type { Settings } from '../../../../../kiosk-config/options.ts';
import { placeAndDate } from '../../report/report.words.ts';
import { inSentence, linesOf, SIGNERS, upper } from '../../../print/committee.ts';
import { TITLE_WORDS } from './decision-paper.ts';

/** The reviews a proposal is made for: the 2025 review (sơ kết) and the 2030 summary (tổng kết). */
export const reviews = [2025, 2030] as const;
export type Review = (typeof reviews)[number];

/** The programmes' first year: a review covers the years from it to its own. */
export const FIRST_YEAR = 2021;

/** The titles in the order the list gives them. */
export const commendedTitles: readonly DecisionTitle[] = ['cdht', 'gdht', 'dhht', 'cddht', 'dvht'];

/** One line of the list. */
export interface CommendRow {
  name: string;
  /** People only. */
  birthYear: number | null;
  place: string;
  /** The first and last year of the years recognized in a row ("2021 - 2025"). */
  from: number;
  to: number;
}

export interface CommendGroup {
  title: DecisionTitle;
  /** "I. Công dân học tập tiêu biểu xuất sắc". */
  heading: string;
  columns: string[];
  rows: CommendRow[];
}

export interface CommendationPaper {
  review: Review;
  agency: [string, string];
  issuer: string;
  /** "Số: ........../TTr-UBND": numbered by the office when it files it. */
  number: string;
  placeAndDate: string;
  heading: string;
  subject: string;
  addressee: string;
  bases: string[];
  body: string[];
  recipients: string[];
  signerLines: [string, string];
  signerName: string;
  annex: { title: string; subtitle: string; attachedTo: string; groups: CommendGroup[] };
}

/** The default legal bases of a proposal, when `documents.legalBases` has no "commendation" entry. */
export const DEFAULT_BASES =
  'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\nQuyết định số 677/QĐ-TTg ngày 03 tháng 6 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030”;\nQuyết định số 387/QĐ-TTg ngày 25 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị đến năm 2030”;\nQuyết định số 1315/QĐ-TTg năm 2023 của Thủ tướng Chính phủ về phong trào thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời;';

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** What each title's group is called in the proposal. */
const GROUP_NAMES: Record<DecisionTitle, string> = {
  cdht: 'Công dân học tập tiêu biểu xuất sắc',
  gdht: 'Gia đình học tập tiêu biểu',
  dhht: 'Dòng họ học tập tiêu biểu',
  cddht: 'Cộng đồng học tập tiêu biểu',
  dvht: 'Đơn vị học tập tiêu biểu',
};

const capital = (s: string): string => `${s[0]!.toLocaleUpperCase('vi')}${s.slice(1)}`;

export interface CommendationInput {
  settings: Settings;
  /** The commune proposing: "Xã Tân Lập". */
  unit: string;
  /** The province it proposes to: "Tỉnh Phú Thọ" (empty: left as dots). */
  province: string;
  review: Review;
  groups: Partial<Record<DecisionTitle, CommendRow[]>>;
}

/** The whole proposal and its list, in words. */
export function commendationPaper(p: CommendationInput): CommendationPaper {
  const { settings, review } = p;
  const years = settings['recognition.outstandingYears'];
  const issuer = `Ủy ban nhân dân ${inSentence(p.unit)}`;
  const stage =
    review === 2025 ? `sơ kết giai đoạn ${FIRST_YEAR} - ${review}` : `tổng kết giai đoạn ${FIRST_YEAR} - ${review}`;
  const number = 'Số: ........../TTr-UBND';
  const groups: CommendGroup[] = commendedTitles.map((title, i) => {
    const words = TITLE_WORDS[title];
    return {
      title,
      heading: `${ROMAN[i]}. ${GROUP_NAMES[title]}`,
      columns:
        title === 'cdht'
          ? ['STT', words.column, 'Năm sinh', 'Nơi cư trú', 'Các năm được công nhận']
          : ['STT', words.column, 'Nơi cư trú', 'Các năm được công nhận'],
      rows: p.groups[title] ?? [],
    };
  });
  const counts = groups.map(
    (g) =>
      `${g.rows.length} ${g.title === 'cdht' ? 'công dân học tập tiêu biểu xuất sắc' : `${TITLE_WORDS[g.title].noun} học tập tiêu biểu`}`,
  );
  const bases = settings['documents.legalBases'].commendation ?? DEFAULT_BASES;
  const addressee = p.province.trim()
    ? `Chủ tịch Ủy ban nhân dân ${inSentence(p.province)}`
    : '..............................';
  return {
    review,
    agency: ['ỦY BAN NHÂN DÂN', upper(p.unit.trim())],
    issuer,
    number,
    placeAndDate: placeAndDate(p.unit, '', review),
    heading: 'TỜ TRÌNH',
    subject: `Về việc đề nghị khen thưởng tập thể, cá nhân tiêu biểu trong xây dựng xã hội học tập, ${stage}`,
    addressee: `Kính gửi: ${addressee}`,
    bases: linesOf(bases).map((b) => `Căn cứ ${b}`),
    body: [
      `Thực hiện mô hình “Công dân học tập” và phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị, ${stage}, ${issuer} đã tổ chức đánh giá, công nhận hằng năm.`,
      `Qua kết quả công nhận các năm, ${issuer} đề nghị khen thưởng các tập thể, cá nhân được công nhận ${years} năm liên tục đến năm ${review}: ${counts.join('; ')} (có danh sách kèm theo).`,
      `${capital(issuer)} kính đề nghị ${addressee} xem xét, khen thưởng./.`,
    ],
    recipients: ['Như trên;', 'Thường trực Đảng ủy, HĐND xã;', 'Lưu: VT.'],
    signerLines: [...SIGNERS[settings['documents.signer']]] as [string, string],
    signerName: settings['documents.signerName'] ?? '',
    annex: {
      title: 'DANH SÁCH',
      subtitle: `Đề nghị khen thưởng tập thể, cá nhân tiêu biểu, ${stage}`,
      attachedTo: `(Kèm theo Tờ trình ${number.replace('Số: ', 'số ')} của ${issuer})`,
      groups,
    },
  };
}

/** The cells of one row of a group, in the order of its columns. */
export function commendCells(group: CommendGroup, row: CommendRow, index: number): string[] {
  const place = row.place || '—';
  const years = `${row.from} - ${row.to}`;
  return group.title === 'cdht'
    ? [String(index + 1), row.name, String(row.birthYear ?? ''), place, years]
    : [String(index + 1), row.name, place, years];
}

/** The file name: "to-trinh-khen-thuong-2025". */
export const commendationFileName = (paper: CommendationPaper): string => `to-trinh-khen-thuong-${paper.review}`;

/**
 * What a recognition decision (quyết định công nhận) says, laid out once for its A4 print
 * (decision-paper.html.ts) and its .docx (decision-paper.docx.ts): the commune People's Committee
 * in full, number, place and date, the legal bases, the three articles, Nơi nhận, the signer block,
 * and the attached list with only what the decision needs (name, birth year, place, appraised
 * result, the mark of the consecutive years that make an outstanding Learning Citizen).
 */
import type { DecisionTitle } from '../../../../../shared/schemas/decision.ts';
import type { Settings } from '../../../../../kiosk-config/options.ts';
import { fmtDate, placeAndDate } from '../../report/report.words.ts';
import { agencyLines, committeeName, linesOf, signerLines } from '../../../print/committee.ts';

/** One line of the attached list; `birthYear` and `fifthYear` only for people (CDHT). */
export interface PaperRow {
  name: string;
  birthYear: number | null;
  place: string;
  /** The appraised result: a total ("95"), or points, band or level for the four other titles. */
  appraised: string;
  /** Recognized `outstandingYears` years in a row up to this one (CDHT). */
  fifthYear: boolean;
}

export interface DecisionPaper {
  /** Not recorded yet: every page says "DỰ THẢO". */
  draft: boolean;
  title: DecisionTitle;
  year: number;
  /** "ỦY BAN NHÂN DÂN" and "XÃ TÂN LẬP": the heading's agency lines. */
  agency: [string, string];
  /** "Ủy ban nhân dân xã Tân Lập", as the text names the issuer. */
  issuer: string;
  /** "Số: 15/QĐ-UBND" (dots for a draft). */
  number: string;
  placeAndDate: string;
  heading: string;
  subject: string;
  /** "Căn cứ ..." lines, then "Theo đề nghị của ...". */
  bases: string[];
  articles: [string, string, string];
  recipients: string[];
  /** "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH". */
  signerLines: [string, string];
  signerName: string;
  annex: { title: string; subtitle: string; attachedTo: string; columns: string[]; rows: PaperRow[] };
}

/** The title's name in quotes, the noun it counts and the list's name column. */
export const TITLE_WORDS: Record<DecisionTitle, { name: string; noun: string; column: string }> = {
  cdht: { name: 'Công dân học tập', noun: 'công dân', column: 'Họ và tên' },
  gdht: { name: 'Gia đình học tập', noun: 'gia đình', column: 'Gia đình' },
  dhht: { name: 'Dòng họ học tập', noun: 'dòng họ', column: 'Dòng họ' },
  cddht: { name: 'Cộng đồng học tập', noun: 'cộng đồng dân cư', column: 'Cộng đồng dân cư' },
  dvht: { name: 'Đơn vị học tập', noun: 'đơn vị', column: 'Đơn vị' },
};

/** The legal bases of a title: its own list, else the four other titles' list ("models"). */
export function legalBases(settings: Settings, title: DecisionTitle): string[] {
  const bases = settings['documents.legalBases'];
  return linesOf(bases[title] ?? (title === 'cdht' ? '' : (bases.models ?? '')));
}

export interface PaperInput {
  settings: Settings;
  /** The commune (or province) the decision is issued in: "Xã Tân Lập". */
  unit: string;
  title: DecisionTitle;
  year: number;
  /** The decision as recorded; null for a draft. */
  recorded: { number: string; signedOn: string; signer: string } | null;
  rows: PaperRow[];
}

/** The whole decision and its list, in words. */
export function decisionPaper(p: PaperInput): DecisionPaper {
  const { settings, title, year, recorded, rows } = p;
  const words = TITLE_WORDS[title];
  const issuer = committeeName(p.unit);
  const number = recorded ? recorded.number : '........../QĐ-UBND';
  const date = recorded ? fmtDate(recorded.signedOn) : `....../....../${year}`;
  const cdht = title === 'cdht';
  const outstanding = settings['recognition.outstandingYears'];
  return {
    draft: recorded === null,
    title,
    year,
    agency: agencyLines(p.unit),
    issuer,
    number: `Số: ${number}`,
    placeAndDate: placeAndDate(p.unit, recorded?.signedOn ?? '', year),
    heading: 'QUYẾT ĐỊNH',
    subject: `Về việc công nhận danh hiệu “${words.name}” năm ${year}`,
    bases: [
      ...legalBases(settings, title).map((b) => `Căn cứ ${b}`),
      `Theo đề nghị của ${settings['documents.proposer']}.`,
    ],
    articles: [
      `Công nhận danh hiệu “${words.name}” năm ${year} cho ${rows.length} ${words.noun} (có danh sách kèm theo).`,
      'Quyết định này có hiệu lực kể từ ngày ký.',
      `${settings['documents.executors']} chịu trách nhiệm thi hành Quyết định này./.`,
    ],
    recipients: linesOf(settings['documents.recipients']),
    signerLines: signerLines(settings),
    signerName: recorded?.signer ?? settings['documents.signerName'] ?? '',
    annex: {
      title: 'DANH SÁCH',
      subtitle: `${words.noun[0]!.toLocaleUpperCase('vi')}${words.noun.slice(1)} được công nhận danh hiệu “${words.name}” năm ${year}`,
      attachedTo: `(Kèm theo Quyết định số ${number} ngày ${date} của ${issuer})`,
      columns: cdht
        ? ['STT', words.column, 'Năm sinh', 'Nơi cư trú', 'Điểm thẩm định', `Công nhận ${outstanding} năm liên tục`]
        : ['STT', words.column, 'Nơi cư trú', 'Kết quả thẩm định'],
      rows,
    },
  };
}

/** The cells of one row of the list, in the order of `annex.columns`. */
export function rowCells(paper: DecisionPaper, row: PaperRow, index: number): string[] {
  const place = row.place || '—';
  return paper.title === 'cdht'
    ? [String(index + 1), row.name, String(row.birthYear ?? ''), place, row.appraised, row.fifthYear ? 'x' : '']
    : [String(index + 1), row.name, place, row.appraised];
}

/** The file name of a decision's papers: "quyet-dinh-cdht-2026" (a draft: "du-thao-...") */
export const paperFileName = (paper: DecisionPaper): string =>
  `${paper.draft ? 'du-thao-' : ''}quyet-dinh-${paper.title}-${paper.year}`;

/**
 * What a report the hub signs says, laid out once for its A4 print (report-paper.html.ts) and its
 * .docx (report-paper.docx.ts): the People's Committee in full, number, place and date, the title,
 * the written sections (the officer's text, else the figures' pre-filled one), Nơi nhận, the
 * configured signer block, and the annexes: the figures (Phụ lục I) and the decisions issued in
 * the year (Phụ lục II).
 */
import type { Settings } from '../../../../../kiosk-config/options.ts';
import { reportSections, type ReportKind } from '../../../../../shared/schemas/report-paper.ts';
import { agencyLines, committeeName, linesOf, signerLines } from '../../../print/committee.ts';
import { fmtDate, placeAndDate, scopeName, type YearReport } from '../report.words.ts';
import { prefilled, sectionHeadings, type IssuedDecision, type ReportFigures } from './report-sections.ts';

export interface PaperSection {
  key: string;
  heading: string;
  text: string;
  edited: boolean;
}

export interface ReportPaper {
  kind: ReportKind;
  year: number;
  agency: [string, string];
  /** "Số: 45/BC-UBND" (dots while none). */
  number: string;
  placeAndDate: string;
  title: string;
  subject: string;
  sections: PaperSection[];
  recipients: string[];
  signerLines: [string, string];
  signerName: string;
  /** "(Kèm theo Báo cáo số 45/BC-UBND ngày 14/11/2026 của Ủy ban nhân dân xã Tân Lập)". */
  attachedTo: string;
  report: YearReport;
  decisions: IssuedDecision[];
}

/** What the officer entered for a year and kind; `sections` only those rewritten. */
export interface ReportText {
  number: string;
  date: string;
  sections: Record<string, string>;
}

export const SUBJECTS: Record<ReportKind, (year: number) => string> = {
  result: (year) => `Kết quả thực hiện mô hình “Công dân học tập” năm ${year}`,
  emulation: (year) => `Kết quả thực hiện phong trào thi đua “Mỗi người dân tự học, học tập suốt đời” năm ${year}`,
};

/** The sections of a kind: the officer's text where rewritten, the figures' otherwise. */
export function paperSections(kind: ReportKind, figures: ReportFigures, text: ReportText | null): PaperSection[] {
  const year = figures.report.dashboard.year;
  const headings = sectionHeadings(kind, year);
  const filled = prefilled(kind, figures);
  return reportSections[kind].map((key) => {
    const own = text?.sections[key];
    return {
      key,
      heading: headings[key]!,
      text: own ?? filled[key],
      edited: own !== undefined,
    };
  });
}

/** The recipients of a kind (documents.reportRecipients), else the decisions' (documents.recipients). */
const recipientsOf = (settings: Settings, kind: ReportKind): string[] =>
  linesOf(settings['documents.reportRecipients'][kind] ?? settings['documents.recipients']);

/** The whole report in words. */
export function reportPaper(
  settings: Settings,
  kind: ReportKind,
  figures: ReportFigures,
  text: ReportText | null,
): ReportPaper {
  const r = figures.report;
  const year = r.dashboard.year;
  const unit = scopeName(r);
  const number = text?.number || '........../BC-UBND';
  const date = text?.date ?? '';
  return {
    kind,
    year,
    agency: agencyLines(unit),
    number: `Số: ${number}`,
    placeAndDate: placeAndDate(unit, date, year),
    title: 'BÁO CÁO',
    subject: SUBJECTS[kind](year),
    sections: paperSections(kind, figures, text),
    recipients: recipientsOf(settings, kind),
    signerLines: signerLines(settings),
    signerName: settings['documents.signerName'] ?? '',
    attachedTo: `(Kèm theo Báo cáo số ${number} ngày ${date ? fmtDate(date) : `....../....../${year}`} của ${committeeName(unit)})`,
    report: r,
    decisions: figures.decisions,
  };
}

/** "bao-cao-ket-qua-2026", "bao-cao-thi-dua-2026". */
export const reportFileName = (p: ReportPaper): string =>
  `bao-cao-${p.kind === 'result' ? 'ket-qua' : 'thi-dua'}-${p.year}`;

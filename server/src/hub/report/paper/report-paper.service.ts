/**
 * The reports a hub signs, from what it holds: the year's figures, the decisions issued in the
 * year, and the officer's written parts (hub_report_text). A save keeps only the sections that
 * differ from the figures' text (the others follow the figures when they change), checks every
 * part with a stable code before anything is written, and is audited.
 */
import { AppError } from '../../../../../shared/errors.ts';
import {
  REPORT_NUMBER_MAX,
  REPORT_TEXT_MAX,
  reportSections,
  type ReportDraft,
  type ReportKind,
  type SaveReport,
} from '../../../../../shared/schemas/report-paper.ts';
import { audit, type Actor } from '../../../audit/audit.ts';
import type { Deps } from '../../../http/context.ts';
import { reportDeadline } from '../../dashboard/report-deadlines.ts';
import { TITLE_NAMES } from '../report.models.words.ts';
import { yearReportOf } from '../year-report.service.ts';
import { paperSections, reportPaper, SUBJECTS, type ReportPaper, type ReportText } from './report-paper.ts';
import { prefilled, type ReportFigures } from './report-sections.ts';
import { decisionsIssued, findReportText, upsertReportText } from './report-paper.repository.ts';

const titleName = (title: string): string =>
  title === 'cdht' ? 'Công dân học tập' : (TITLE_NAMES[title as keyof typeof TITLE_NAMES] ?? title);

/** The figures the report is written from: the year's report data and the decisions in force issued in it. */
async function figuresOf(deps: Deps, year: number): Promise<ReportFigures> {
  const decisions = (await decisionsIssued(deps.db, year)).map((d) => ({
    number: d.number,
    signedOn: d.signedOn,
    title: titleName(d.title),
    count: d.n,
    signer: d.signer,
  }));
  return {
    report: await yearReportOf(deps, year, true),
    decisions,
    outstandingYears: deps.config.settings['recognition.outstandingYears'],
  };
}

async function storedText(deps: Deps, year: number, kind: ReportKind) {
  const row = await findReportText(deps.db, year, kind);
  const text: ReportText | null = row
    ? { number: row.number, date: row.signed_on, sections: JSON.parse(row.sections) as Record<string, string> }
    : null;
  return { row, text };
}

/** The report as its editor reads it: each section's text, whether the officer rewrote it, the deadline. */
export async function reportDraft(deps: Deps, kind: ReportKind, year: number): Promise<ReportDraft> {
  const { row, text } = await storedText(deps, year, kind);
  const due = reportDeadline(deps.config.settings, deps.now(), year, kind);
  return {
    kind,
    year,
    title: SUBJECTS[kind](year),
    number: text?.number ?? '',
    date: text?.date ?? '',
    deadline: due.deadline,
    daysLeft: due.daysLeft,
    sections: paperSections(kind, await figuresOf(deps, year), text),
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.updated_by ?? null,
  };
}

/** The whole report to print or download. */
export async function reportPaperOf(deps: Deps, kind: ReportKind, year: number): Promise<ReportPaper> {
  const { text } = await storedText(deps, year, kind);
  return reportPaper(deps.config.settings, kind, await figuresOf(deps, year), text);
}

const NUMBER = /^\d{1,6}\s*\/\s*[\p{L}\d.-]{1,30}$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(date: string, year: number): void {
  if (date === '') return;
  const m = DATE.exec(date);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  const real = day !== null && day.toISOString().slice(0, 10) === date;
  if (!real || (Number(m![1]) !== year && Number(m![1]) !== year + 1))
    throw new AppError('report.date-invalid', { year });
}

/** Checks every part, then stores the number, the date and the sections that differ from the figures' text. */
export async function saveReport(deps: Deps, actor: Actor, input: SaveReport): Promise<ReportDraft> {
  const { kind, year } = input;
  const keys: readonly string[] = reportSections[kind];
  for (const [section, text] of Object.entries(input.sections)) {
    if (!keys.includes(section)) throw new AppError('report.section-unknown', { section, kind });
    if (text.length > REPORT_TEXT_MAX) throw new AppError('report.text-too-long', { section, max: REPORT_TEXT_MAX });
  }
  if (input.number.length > REPORT_NUMBER_MAX || (input.number !== '' && !NUMBER.test(input.number)))
    throw new AppError('report.number-invalid', { max: REPORT_NUMBER_MAX });
  checkDate(input.date, year);

  const filled = prefilled(kind, await figuresOf(deps, year));
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await findReportText(trx, year, kind);
    const sections: Record<string, string> = before ? (JSON.parse(before.sections) as Record<string, string>) : {};
    for (const [key, raw] of Object.entries(input.sections)) {
      const text = raw.replace(/\r\n?/g, '\n').trim();
      if (text === filled[key as keyof typeof filled].trim()) delete sections[key];
      else sections[key] = text;
    }
    await upsertReportText(trx, {
      year,
      kind,
      number: input.number,
      signed_on: input.date,
      sections: JSON.stringify(sections),
      updated_at: at,
      updated_by: actor.name,
    });
    await audit(
      trx,
      actor,
      {
        action: 'hub.report-edit',
        subjectKind: 'report',
        subjectId: `${kind}/${year}`,
        details: { number: input.number, date: input.date, edited: Object.keys(sections) },
      },
      at,
    );
  });
  return reportDraft(deps, kind, year);
}

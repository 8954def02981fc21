import * as v from 'valibot';
import { cleanText } from './text.ts';

/**
 * The reports a hub files and signs (issue 25): the result report of the "Công dân học tập" model to
 * the level above (`result`), and the emulation movement's report "Mỗi người dân tự học, học tập
 * suốt đời" to the provincial departments (`emulation`). Each has written sections, pre-filled
 * from the figures and editable before printing (stored per year and kind at the hub).
 */
export const reportKinds = ['result', 'emulation'] as const;
export type ReportKind = (typeof reportKinds)[number];

/** The written sections of each kind, in the order the report prints them. */
export const reportSections = {
  result: ['implementation', 'results', 'strengths', 'shortcomings', 'causes', 'direction', 'proposals'],
  emulation: ['implementation', 'results', 'examples', 'strengths', 'shortcomings', 'direction', 'proposals'],
} as const satisfies Record<ReportKind, readonly string[]>;
export type ReportSectionKey = (typeof reportSections)[ReportKind][number];

/** The longest written section, and the longest number ("45/BC-UBND"), in characters. */
export const REPORT_TEXT_MAX = 8000;
export const REPORT_NUMBER_MAX = 40;

export const ReportSectionSchema = v.object({
  key: v.string(),
  heading: v.string(),
  text: v.string(),
  /** The officer's own text; false while it follows the figures. */
  edited: v.boolean(),
});

/** One report as its editor reads it. */
export const ReportDraftSchema = v.object({
  kind: v.picklist(reportKinds),
  year: v.number(),
  title: v.string(),
  /** The number as entered ("45/BC-UBND"); '' while none. */
  number: v.string(),
  /** YYYY-MM-DD as entered; '' while none. */
  date: v.string(),
  /** This kind's deadline in the year (YYYY-MM-DD) and the days left (negative once passed). */
  deadline: v.string(),
  daysLeft: v.number(),
  sections: v.array(ReportSectionSchema),
  updatedAt: v.nullable(v.string()),
  updatedBy: v.nullable(v.string()),
});
export type ReportDraft = v.InferOutput<typeof ReportDraftSchema>;

/** What the editor saves: the number, the date and each section's text (lengths and keys checked by the hub). */
export const SaveReportSchema = v.object({
  year: v.pipe(v.number(), v.integer(), v.minValue(2020), v.maxValue(2100)),
  kind: v.picklist(reportKinds),
  number: v.pipe(v.string(), v.trim(), cleanText(false)),
  date: v.pipe(v.string(), v.trim()),
  sections: v.record(v.string(), v.pipe(v.string(), cleanText(true))),
});
export type SaveReport = v.InferOutput<typeof SaveReportSchema>;

/** A report kind's deadline as the dashboard shows it. */
export const ReportDeadlineSchema = v.object({
  kind: v.picklist(reportKinds),
  deadline: v.string(),
  daysLeft: v.number(),
});
export type ReportDeadline = v.InferOutput<typeof ReportDeadlineSchema>;

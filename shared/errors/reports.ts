import type { ErrorEntry } from './entry.ts';

/** The reports a hub files and signs (issue 25): their written sections, number and date. */
export const reportErrors = {
  'report.section-unknown': {
    status: 422,
    message: (d: { section?: string; kind?: string }) =>
      `"${d.section ?? ''}" is not a written section of the ${d.kind ?? ''} report.`,
  },
  'report.text-too-long': {
    status: 422,
    message: (d: { section?: string; max?: number }) =>
      `The section "${d.section ?? ''}" is longer than ${d.max ?? '?'} characters.`,
  },
  'report.number-invalid': {
    status: 422,
    message: (d: { max?: number }) =>
      `The report's number is written like "45/BC-UBND", at most ${d.max ?? '?'} characters.`,
  },
  'report.date-invalid': {
    status: 422,
    message: (d: { year?: number }) =>
      `The report's date is a day (YYYY-MM-DD) of ${d.year ?? 'its year'} or of the year after.`,
  },
} as const satisfies Record<string, ErrorEntry>;

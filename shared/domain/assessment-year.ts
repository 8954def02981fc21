/** When the assessment year turns over, and an optional fixed year set by the province. */
export interface AssessmentYearRules {
  /** Month (1–12) on whose `startDay` the next assessment year begins; 1 means the calendar year. */
  startMonth: number;
  startDay: number;
  /** IANA time zone the center lives in. */
  timeZone: string;
  /** When set, every assessment counts for this year whatever the date. */
  fixedYear?: number | undefined;
}

/**
 * The assessment year a submission made at `now` counts for. With startMonth 12 and startDay 1,
 * an assessment made on 2 December 2026 counts for 2027, since the 2026 list has gone to the commune.
 */
export function currentAssessmentYear(now: Date, rules: AssessmentYearRules): number {
  if (rules.fixedYear !== undefined) return rules.fixedYear;
  const { year, month, day } = dayIn(now, rules.timeZone);
  if (rules.startMonth === 1 && rules.startDay === 1) return year;
  const started = month > rules.startMonth || (month === rules.startMonth && day >= rules.startDay);
  return started ? year + 1 : year;
}

/** One formatter per time zone: making one costs far more than using it, and dateIn runs per row. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in `timeZone`, as numbers. */
function dayIn(at: Date, timeZone: string): { year: number; month: number; day: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const iso = (y: number, month: number, day: number): string =>
  new Date(Date.UTC(y, month - 1, day)).toISOString().slice(0, 10);

/**
 * The first and last day (YYYY-MM-DD, inclusive) of assessment year `year`: the calendar year, or,
 * when the year turns on startMonth/startDay, from that day of the year before to the day before it
 * in `year` (the same turn as currentAssessmentYear: a start day past the month's end rolls over).
 */
export function assessmentYearSpan(
  year: number,
  rules: Pick<AssessmentYearRules, 'startMonth' | 'startDay'>,
): { from: string; to: string } {
  if (rules.startMonth === 1 && rules.startDay === 1) return { from: `${year}-01-01`, to: `${year}-12-31` };
  return { from: iso(year - 1, rules.startMonth, rules.startDay), to: iso(year, rules.startMonth, rules.startDay - 1) };
}

/** The calendar date (YYYY-MM-DD) of an instant where the center lives. */
export function dateIn(at: Date, timeZone: string): string {
  const { year, month, day } = dayIn(at, timeZone);
  return iso(year, month, day);
}

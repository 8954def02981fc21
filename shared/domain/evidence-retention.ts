import { assessmentYearSpan, type AssessmentYearRules } from './assessment-year.ts';

/**
 * How long an evidence photo is kept (Law 91/2025: data kept to what is needed). A photo shows an
 * appraiser what a self-assessment claims; once the commune has decided on the year, it has served.
 * So the clock of a photo starts at the year's decision: the latest decision of the commune on that
 * title and year known where the photo is kept (a recognition decision in force, or a refusal not
 * taken back), or, when none came, the day after the assessment year ended. The photo is deleted
 * `keepMonths` calendar months later; scores, appraisals and decisions stay.
 */

export interface RetentionInput {
  /** The assessment's year. */
  year: number;
  /** YYYY-MM-DD of the latest decision on its title and year, or null when none came. */
  decidedOn: string | null;
  keepMonths: number;
  rules: Pick<AssessmentYearRules, 'startMonth' | 'startDay'>;
}

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** `date` (YYYY-MM-DD) plus whole calendar months; a day past the new month's end is its last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = Date.UTC(y, m - 1 + months, 1);
  const last = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return iso(first + (Math.min(d, last) - 1) * 86_400_000);
}

/** The day the clock starts: the year's decision, or the first day after the assessment year. */
export function retentionStart(input: Pick<RetentionInput, 'year' | 'decidedOn' | 'rules'>): string {
  if (input.decidedOn) return input.decidedOn.slice(0, 10);
  return iso(Date.parse(`${assessmentYearSpan(input.year, input.rules).to}T00:00:00Z`) + 86_400_000);
}

/** The first day (YYYY-MM-DD) on which the photo is no longer kept. */
export function evidenceExpiresOn(input: RetentionInput): string {
  return addMonths(retentionStart(input), input.keepMonths);
}

/** Whether a photo is past its time on `today` (YYYY-MM-DD where the box is). */
export function evidenceExpired(input: RetentionInput, today: string): boolean {
  return today >= evidenceExpiresOn(input);
}

/** The later of two optional YYYY-MM-DD dates. */
export const laterDate = (a: string | null | undefined, b: string | null | undefined): string | null => {
  if (!a) return b ?? null;
  if (!b) return a;
  return a >= b ? a : b;
};

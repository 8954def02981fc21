import type { ModelRecognitionRule } from '../../schemas/model-criteria-set.ts';

/**
 * How long a recognition of the four other titles stands (from its set: a commune's learning
 * community 36 months), and which years it counts for. Dates are Vietnam calendar dates written
 * YYYY-MM-DD, so comparing the strings compares the days.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parseDate(date: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
    throw new Error(`not a date written YYYY-MM-DD: ${date}`);
  return { y, m, d };
}

/**
 * The last day a recognition stands: the day before the same day `months` later (15/3/2025 + 36
 * months → 14/3/2028). When that month has no such day it stands through the month's last day
 * (31/1 + 1 month → 28 or 29/2), so it never ends early for a short month.
 */
export function validThrough(decisionDate: string, months: number): string {
  const { y, m, d } = parseDate(decisionDate);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  if (d > daysInMonth(ty, tm)) return `${pad(ty, 4)}-${pad(tm)}-${pad(daysInMonth(ty, tm))}`;
  const day = new Date(Date.UTC(ty, tm - 1, d - 1));
  return day.toISOString().slice(0, 10);
}

export interface RecognitionValidity {
  validThrough: string;
  /** `today` is after the last day. */
  expired: boolean;
  /** Still standing but ends within today's calendar year: to renew in this year's round. */
  expiresThisYear: boolean;
}

/** A recognition's standing on `today` (YYYY-MM-DD, Vietnam). */
export function recognitionValidity(
  decisionDate: string,
  rule: Pick<ModelRecognitionRule, 'validityMonths'>,
  today: string,
): RecognitionValidity {
  parseDate(today);
  const through = validThrough(decisionDate, rule.validityMonths);
  const expired = today > through;
  return { validThrough: through, expired, expiresThisYear: !expired && through.slice(0, 4) === today.slice(0, 4) };
}

/**
 * The first day the next level may be sought after a recognition (circular 25/2023: 12 months
 * after level 1), or null when the set has no such wait.
 */
export function nextLevelFrom(
  decisionDate: string,
  rule: Pick<ModelRecognitionRule, 'nextLevelAfterMonths'>,
): string | null {
  if (rule.nextLevelAfterMonths === undefined) return null;
  if (rule.nextLevelAfterMonths === 0) return decisionDate;
  const through = validThrough(decisionDate, rule.nextLevelAfterMonths);
  const { y, m, d } = parseDate(through);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A decided recognition of a household, clan, village or unit. */
export interface ModelRecognition {
  /** The assessment (data) year it was decided for. */
  year: number;
  decisionDate: string;
  validThrough: string;
}

/**
 * The years a subject counts as recognized: each recognition's own year and, for a recognition
 * that stands longer than a year (a learning community's 36 months), every later year at whose end
 * (31 December) it still stands. So a village recognized for 2024 by a decision of 20/3/2025 (36
 * months, through 19/3/2028) counts for 2024 to 2027, while a family's, a clan's or a unit's
 * 12-month recognition counts for the year it was decided for only, even when the decision came in
 * January of the next year (that year needs its own assessment). Ascending.
 */
export function countedYears(recognitions: readonly ModelRecognition[]): number[] {
  const years = new Set<number>();
  for (const r of recognitions) {
    years.add(r.year);
    if (r.validThrough <= validThrough(r.decisionDate, 12)) continue;
    for (let y = r.year + 1; `${y}-12-31` <= r.validThrough; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** A subject's recognition at a level (targets sets; 0 when the set has no levels). */
export interface LeveledRecognition {
  level: number;
  decisionDate: string;
}

/**
 * The first day a decision may recognize a subject at `level`, given its earlier recognitions of
 * the same title: a higher level than the latest one's only from `nextLevelFrom` of that one
 * (circular 25/2023: level 2 of a learning community 12 months after level 1). Null when nothing
 * holds it back (a set without the wait, level 1, no earlier recognition, or renewing a level
 * already held).
 */
export function nextLevelOpensOn(
  level: number,
  earlier: readonly LeveledRecognition[],
  rule: Pick<ModelRecognitionRule, 'nextLevelAfterMonths'>,
): string | null {
  if (rule.nextLevelAfterMonths === undefined || level < 2) return null;
  const latest = [...earlier].sort((a, b) => (a.decisionDate < b.decisionDate ? -1 : 1)).at(-1);
  if (!latest || latest.level < 1 || latest.level >= level) return null;
  return nextLevelFrom(latest.decisionDate, rule);
}

import type { DigitalBank } from '../schemas/digital-bank.ts';
import { dateIn } from './assessment-year.ts';
import { VIETNAM_TIME_ZONE } from './vietnam-time.ts';

/** When a person may take the digital-skills self-check again (the bank's retake rule). */

export type RetakeVerdict = { allowed: true } | { allowed: false; reason: 'too-soon'; nextDate: string };

/**
 * Whether the person may take the test again. Days are calendar days in `timeZone` (the center's,
 * Vietnam by default): after an attempt on 1 March with minDays 30, a retake is allowed from 31 March.
 * With `retake.orAfterLesson`, a lesson attended since the last attempt allows it at once.
 * `lastAttemptAt` and `now` are ISO timestamps with a zone ("2026-03-01T08:00:00+07:00") or plain dates
 * ("2026-03-01"); anything else throws a RangeError.
 */
export function retakeAllowed(
  bank: Pick<DigitalBank, 'retake'>,
  lastAttemptAt: string | null,
  now: string,
  attendedLessonSince: boolean,
  timeZone = VIETNAM_TIME_ZONE,
): RetakeVerdict {
  if (lastAttemptAt === null) return { allowed: true };
  if (bank.retake.orAfterLesson && attendedLessonSince) return { allowed: true };
  const next = dayNumber(lastAttemptAt, timeZone) + bank.retake.minDays;
  if (dayNumber(now, timeZone) >= next) return { allowed: true };
  return { allowed: false, reason: 'too-soon', nextDate: new Date(next * 86_400_000).toISOString().slice(0, 10) };
}

/** Days since 1970-01-01 of the calendar date of `when` in `timeZone`. */
function dayNumber(when: string, timeZone: string): number {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(when);
  if (plain !== null) {
    const [, y, m, d] = plain.map(Number) as [number, number, number, number];
    const date = Date.UTC(y, m - 1, d);
    if (new Date(date).getUTCDate() !== d) throw new RangeError(`not a date: "${when}"`);
    return date / 86_400_000;
  }
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(when) || Number.isNaN(Date.parse(when))) {
    throw new RangeError(`not an ISO timestamp with a time zone: "${when}"`);
  }
  // The calendar day where the center lives, by the formatter kept per time zone (assessment-year.ts).
  return Date.parse(`${dateIn(new Date(when), timeZone)}T00:00:00Z`) / 86_400_000;
}

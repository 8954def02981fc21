/**
 * Dates and times on the staff screens, always in Vietnam's time zone: a tablet or laptop set to
 * another zone (or to UTC, as many are out of the box) must not move a decision to the day before.
 */
import { vietnamWallClock } from '../../../shared/domain/vietnam-time.ts';

/** Vietnam's wall clock at an instant (vietnamWallClock) is formatted by its UTC fields. */
const zone = 'UTC';
const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: zone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: zone,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A calendar date ("2026-11-23") or an instant, as the day in Vietnam. */
export function staffDate(isoOrDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoOrDate);
  // A calendar date is a day, not an instant: shown as it is, whatever the zone.
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return dateFormat.format(vietnamWallClock(new Date(isoOrDate)));
}

/** An instant as date and time in Vietnam. */
export const staffDateTime = (iso: string): string => dateTimeFormat.format(vietnamWallClock(new Date(iso)));

export const staffNumber = (n: number): string => n.toLocaleString('vi-VN');

import { fromVietnamWallClock, vietnamWallClock } from '../../../shared/domain/vietnam-time.ts';

/** The last instant at `hour`:00 Vietnam time at or before `now`. */
export function lastSlot(now: Date, hour: number): Date {
  const local = vietnamWallClock(now);
  const atHour = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour));
  let slot = fromVietnamWallClock(atHour).getTime();
  if (slot > now.getTime()) slot -= 24 * 3600_000;
  return new Date(slot);
}

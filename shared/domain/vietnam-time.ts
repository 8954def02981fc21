/**
 * Dates as people in Vietnam read and write them. Vietnam keeps UTC+7 all year (no daylight saving),
 * so a fixed offset is exact.
 */
const OFFSET_MS = 7 * 3600_000;

/** Vietnam's zone in the IANA database: the default of `year.timeZone` and of rules that take a zone. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The wall clock in Vietnam at an instant, as a Date whose UTC fields read it (`getUTCHours()` is the
 * hour in Vietnam, `toISOString()` its date and time with a misleading Z): for names and slots.
 */
export const vietnamWallClock = (at: Date): Date => new Date(at.getTime() + OFFSET_MS);

/** The instant of a Vietnam wall-clock time held in a Date's UTC fields: the inverse of vietnamWallClock. */
export const fromVietnamWallClock = (wall: Date): Date => new Date(wall.getTime() - OFFSET_MS);

/** The calendar date in Vietnam of an instant, as YYYY-MM-DD. */
export const vietnamDate = (at: Date): string => vietnamWallClock(at).toISOString().slice(0, 10);

/** The year in Vietnam of an ISO instant. */
export const vietnamYear = (iso: string): number => Number(vietnamDate(new Date(iso)).slice(0, 4));

/**
 * "27/11/2026 08:00" (or 8h00), read as Vietnam time → ISO instant; null when it is not a real date
 * and time (31/02 or 25:00 are refused, not rolled over).
 */
export function parseVietnamDateTime(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [, d, mo, y, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (
    local.getUTCFullYear() !== y ||
    local.getUTCMonth() !== mo - 1 ||
    local.getUTCDate() !== d ||
    local.getUTCHours() !== h ||
    mi > 59
  )
    return null;
  return fromVietnamWallClock(local).toISOString();
}

/** An ISO instant written back as "27/11/2026 8:00" in Vietnam time (what parseVietnamDateTime reads). */
export function formatVietnamDateTime(iso: string): string {
  const d = vietnamWallClock(new Date(iso));
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

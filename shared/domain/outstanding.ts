/** One year of a person's record: whether they were recognized that year. */
export interface YearResult {
  year: number;
  recognized: boolean;
}

/** Number of consecutive recognized years ending at `year` (0 if not recognized that year). */
export function recognitionStreak(history: readonly YearResult[], year: number): number {
  const recognized = new Set(history.filter((h) => h.recognized).map((h) => h.year));
  let streak = 0;
  while (recognized.has(year - streak)) streak++;
  return streak;
}

/** Outstanding Learning Citizen (tiêu biểu xuất sắc): recognized `streakYears` years in a row up to `year`. */
export function isOutstanding(history: readonly YearResult[], year: number, streakYears: number): boolean {
  return recognitionStreak(history, year) >= streakYears;
}

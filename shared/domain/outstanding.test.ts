import { describe, expect, it } from 'vitest';
import { isOutstanding, recognitionStreak, type YearResult } from './outstanding.ts';

const years = (recognized: number[], declined: number[] = []): YearResult[] => [
  ...recognized.map((year) => ({ year, recognized: true })),
  ...declined.map((year) => ({ year, recognized: false })),
];

describe('recognitionStreak and isOutstanding (5 years in a row)', () => {
  it.each<[string, YearResult[], number, number, boolean]>([
    ['five consecutive years ending this year', years([2022, 2023, 2024, 2025, 2026]), 2026, 5, true],
    ['six consecutive years', years([2021, 2022, 2023, 2024, 2025, 2026]), 2026, 6, true],
    ['four years is not enough', years([2023, 2024, 2025, 2026]), 2026, 4, false],
    ['a gap breaks the streak', years([2021, 2022, 2024, 2025, 2026]), 2026, 3, false],
    ['a declined year breaks the streak', years([2022, 2023, 2025, 2026], [2024]), 2026, 2, false],
    ['not recognized this year means no streak', years([2021, 2022, 2023, 2024, 2025]), 2026, 0, false],
    ['order of history does not matter', years([2026, 2024, 2022, 2025, 2023]), 2026, 5, true],
    ['duplicates of a year count once', years([2025, 2025, 2026]), 2026, 2, false],
    ['empty history', [], 2026, 0, false],
  ])('%s', (_name, history, year, streak, outstanding) => {
    expect(recognitionStreak(history, year)).toBe(streak);
    expect(isOutstanding(history, year, 5)).toBe(outstanding);
  });

  it('takes the streak length from config', () => {
    expect(isOutstanding(years([2025, 2026]), 2026, 2)).toBe(true);
  });
});

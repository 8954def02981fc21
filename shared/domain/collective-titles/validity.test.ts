import { describe, expect, it } from 'vitest';
import { countedYears, nextLevelFrom, recognitionValidity, validThrough, type ModelRecognition } from './validity.ts';

describe('validThrough', () => {
  it.each([
    ['a village, 36 months', '2025-03-15', 36, '2028-03-14'],
    ['a family, 12 months', '2025-12-20', 12, '2026-12-19'],
    ['from the first of a month', '2025-03-01', 12, '2026-02-28'],
    ['the first of March in a leap year', '2023-03-01', 12, '2024-02-29'],
    ['31 January + 1 month: through the end of February', '2025-01-31', 1, '2025-02-28'],
    ['31 January + 1 month in a leap year', '2024-01-31', 1, '2024-02-29'],
    ['29 February + 12 months', '2024-02-29', 12, '2025-02-28'],
    ['across a year end', '2025-11-30', 3, '2026-02-28'],
  ])('%s: %s + %d months → %s', (_name, from, months, through) => {
    expect(validThrough(from, months)).toBe(through);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => validThrough('15/03/2025', 12)).toThrow('not a date');
    expect(() => validThrough('2025-02-30', 12)).toThrow('not a date');
  });
});

describe('recognitionValidity', () => {
  const village = { validityMonths: 36 };
  it.each([
    [
      'standing, ends in a later year',
      '2025-03-15',
      '2026-06-01',
      { validThrough: '2028-03-14', expired: false, expiresThisYear: false },
    ],
    [
      'ends this year: to renew',
      '2025-03-15',
      '2028-01-10',
      { validThrough: '2028-03-14', expired: false, expiresThisYear: true },
    ],
    [
      'on its last day it still stands',
      '2025-03-15',
      '2028-03-14',
      { validThrough: '2028-03-14', expired: false, expiresThisYear: true },
    ],
    [
      'expired the next day',
      '2025-03-15',
      '2028-03-15',
      { validThrough: '2028-03-14', expired: true, expiresThisYear: false },
    ],
    [
      'expired years ago',
      '2020-03-15',
      '2025-06-01',
      { validThrough: '2023-03-14', expired: true, expiresThisYear: false },
    ],
  ])('%s', (_name, decided, today, expected) => {
    expect(recognitionValidity(decided, village, today)).toEqual(expected);
  });
});

describe('nextLevelFrom', () => {
  it.each<[string, string, number | undefined, string | null]>([
    ['12 months after level 1', '2025-03-20', 12, '2026-03-20'],
    ['from 31 January, after a short month', '2025-01-31', 1, '2025-03-01'],
    ['no wait', '2025-03-20', 0, '2025-03-20'],
    ['a set without levels to climb', '2025-03-20', undefined, null],
  ])('%s', (_name, decided, months, from) => {
    expect(nextLevelFrom(decided, months === undefined ? {} : { nextLevelAfterMonths: months })).toBe(from);
  });
});

describe('countedYears', () => {
  const r = (year: number, decisionDate: string, months: number): ModelRecognition => ({
    year,
    decisionDate,
    validThrough: validThrough(decisionDate, months),
  });
  it.each<[string, ModelRecognition[], number[]]>([
    ['none', [], []],
    ['a family recognized for 2025 in December counts for 2025 only', [r(2025, '2025-12-20', 12)], [2025]],
    ['a family decided late, in January, counts for its own year only', [r(2025, '2026-01-10', 12)], [2025]],
    ['a village recognized for 2024 in March 2025, 36 months', [r(2024, '2025-03-20', 36)], [2024, 2025, 2026, 2027]],
    [
      'overlapping recognitions count each year once',
      [r(2024, '2024-12-01', 12), r(2025, '2025-12-01', 12), r(2023, '2024-03-01', 36)],
      [2023, 2024, 2025, 2026],
    ],
  ])('%s', (_name, recognitions, years) => {
    expect(countedYears(recognitions)).toEqual(years);
  });
});

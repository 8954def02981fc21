import { describe, expect, it } from 'vitest';
import { countedYears, nextLevelOpensOn, validThrough, type LeveledRecognition } from './validity.ts';

/** Issue 24: level 2 only 12 months after level 1; a 12-month recognition counts for its own year only. */
describe('nextLevelOpensOn (circular 25/2023: level 2 twelve months after level 1)', () => {
  const wait = { nextLevelAfterMonths: 12 };
  const l = (level: number, decisionDate: string): LeveledRecognition => ({ level, decisionDate });
  it.each<[string, number, LeveledRecognition[], { nextLevelAfterMonths?: number }, string | null]>([
    ['level 2 after level 1 of 20/3/2025: from 20/3/2026', 2, [l(1, '2025-03-20')], wait, '2026-03-20'],
    ['the latest earlier recognition counts', 2, [l(1, '2023-03-01'), l(1, '2025-03-20')], wait, '2026-03-20'],
    ['given in any order', 2, [l(1, '2025-03-20'), l(1, '2023-03-01')], wait, '2026-03-20'],
    ['renewing level 2 after level 2: no wait', 2, [l(1, '2023-03-01'), l(2, '2024-03-25')], wait, null],
    ['level 1 never waits', 1, [l(1, '2025-03-20')], wait, null],
    ['no earlier recognition', 2, [], wait, null],
    ['a set without the wait', 2, [l(1, '2025-03-20')], {}, null],
    ['an earlier recognition without a level (0)', 2, [l(0, '2025-03-20')], wait, null],
    [
      'from 31 January: through the end of a short month, then the next day',
      2,
      [l(1, '2025-01-31')],
      { nextLevelAfterMonths: 1 },
      '2025-03-01',
    ],
  ])('%s', (_name, level, earlier, rule, from) => {
    expect(nextLevelOpensOn(level, earlier, rule)).toBe(from);
  });

  it.each<[string, string, boolean]>([
    ['a decision on 19/3/2026 is refused', '2026-03-19', true],
    ['a decision on 20/3/2026 is allowed', '2026-03-20', false],
  ])('%s', (_name, signedOn, refused) => {
    const from = nextLevelOpensOn(2, [l(1, '2025-03-20')], wait)!;
    expect(signedOn < from).toBe(refused);
  });
});

describe('countedYears: a recognition counts for the year it was decided for', () => {
  const r = (year: number, decisionDate: string, months: number) => ({
    year,
    decisionDate,
    validThrough: validThrough(decisionDate, months),
  });
  it.each<[string, ReturnType<typeof r>[], number[]]>([
    ['a family recognized for 2025 by a January 2026 decision: 2025 only', [r(2025, '2026-01-10', 12)], [2025]],
    [
      'a family decided on 1 January: 2025 only, though it stands through 31/12/2026',
      [r(2025, '2026-01-01', 12)],
      [2025],
    ],
    ['a clan decided in February: its own year only', [r(2025, '2026-02-15', 12)], [2025]],
    [
      'a family recognized in 2025 and 2026, each by a January decision',
      [r(2025, '2026-01-10', 12), r(2026, '2027-01-12', 12)],
      [2025, 2026],
    ],
    [
      'a learning community stands 36 months and counts while it stands at a year end',
      [r(2024, '2025-03-20', 36)],
      [2024, 2025, 2026, 2027],
    ],
  ])('%s', (_name, recognitions, years) => {
    expect(countedYears(recognitions)).toEqual(years);
  });
});

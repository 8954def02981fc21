import { describe, expect, it } from 'vitest';
import { retakeAllowed } from './digital-retake.ts';
import { rules } from './digital-skills-attempt.test-setup.ts';

describe('retakeAllowed', () => {
  const bank = { retake: { minDays: 30, orAfterLesson: true } };
  const noLessons = { retake: { minDays: 30, orAfterLesson: false } };
  it.each<[string, typeof bank, string | null, string, boolean, ReturnType<typeof retakeAllowed>]>([
    ['a first attempt', bank, null, '2026-03-01T08:00:00+07:00', false, { allowed: true }],
    [
      '29 days later',
      bank,
      '2026-03-01T08:00:00+07:00',
      '2026-03-30T21:00:00+07:00',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    ['30 days later', bank, '2026-03-01T08:00:00+07:00', '2026-03-31T06:00:00+07:00', false, { allowed: true }],
    ['months later', bank, '2026-03-01T08:00:00+07:00', '2026-09-01T08:00:00+07:00', false, { allowed: true }],
    [
      'the same day',
      bank,
      '2026-03-01T08:00:00+07:00',
      '2026-03-01T16:00:00+07:00',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    ['soon, after a lesson', bank, '2026-03-01T08:00:00+07:00', '2026-03-05T08:00:00+07:00', true, { allowed: true }],
    [
      'soon, after a lesson, when lessons do not count',
      noLessons,
      '2026-03-01T08:00:00+07:00',
      '2026-03-05T08:00:00+07:00',
      true,
      { allowed: false, reason: 'too-soon', nextDate: '2026-03-31' },
    ],
    [
      'days are Vietnamese calendar days (18:00 UTC is the next morning)',
      bank,
      '2026-03-01T18:00:00Z',
      '2026-03-31T12:00:00Z',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2026-04-01' },
    ],
    [
      'plain dates, across a leap February',
      bank,
      '2028-02-15',
      '2028-03-15',
      false,
      { allowed: false, reason: 'too-soon', nextDate: '2028-03-16' },
    ],
    [
      'no waiting when minDays is 0',
      { retake: { minDays: 0, orAfterLesson: false } },
      '2026-03-01',
      '2026-03-01',
      false,
      { allowed: true },
    ],
  ])('%s', (_name, rules, last, now, lesson, expected) => {
    expect(retakeAllowed(rules, last, now, lesson)).toEqual(expected);
  });

  it.each([['01/03/2026'], ['2026-02-30'], ['2026-03-01T08:00:00'], ['soon']])('refuses %j as a date', (when) => {
    expect(() => retakeAllowed(bank, when, '2026-03-01', false)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { assessmentYearSpan, currentAssessmentYear, dateIn, type AssessmentYearRules } from './assessment-year.ts';

const calendar: AssessmentYearRules = { startMonth: 1, startDay: 1, timeZone: 'Asia/Ho_Chi_Minh' };
const fromDecember: AssessmentYearRules = { startMonth: 12, startDay: 1, timeZone: 'Asia/Ho_Chi_Minh' };

describe('currentAssessmentYear', () => {
  it.each<[string, string, AssessmentYearRules, number]>([
    ['mid-year, calendar year', '2026-06-15T03:00:00Z', calendar, 2026],
    ['new year in Vietnam while still 31 Dec in UTC', '2026-12-31T18:30:00Z', calendar, 2027],
    ['late November counts for this year', '2026-11-30T10:00:00Z', fromDecember, 2026],
    ['December counts for next year when the year turns on 1 Dec', '2026-12-02T10:00:00Z', fromDecember, 2027],
    ['1 Dec 00:30 in Vietnam is still 30 Nov in UTC', '2026-11-30T17:30:00Z', fromDecember, 2027],
    ['January after the turn', '2027-01-10T10:00:00Z', fromDecember, 2027],
    ['a fixed year wins', '2026-12-20T10:00:00Z', { ...fromDecember, fixedYear: 2026 }, 2026],
  ])('%s', (_name, iso, rules, expected) => {
    expect(currentAssessmentYear(new Date(iso), rules)).toBe(expected);
  });
});

describe('assessmentYearSpan', () => {
  it.each<[string, number, AssessmentYearRules, { from: string; to: string }]>([
    ['the calendar year', 2026, calendar, { from: '2026-01-01', to: '2026-12-31' }],
    ['a year turning on 1 December', 2027, fromDecember, { from: '2026-12-01', to: '2027-11-30' }],
    [
      "a start day past the month's end rolls over, as the turn does",
      2027,
      { ...calendar, startMonth: 11, startDay: 31 },
      { from: '2026-12-01', to: '2027-11-30' },
    ],
    ['a year turning on 5 January', 2027, { ...calendar, startDay: 5 }, { from: '2026-01-05', to: '2027-01-04' }],
  ])('%s', (_name, year, rules, expected) => {
    expect(assessmentYearSpan(year, rules)).toEqual(expected);
  });

  it('holds every day that counts for the year and none that does not', () => {
    for (const rules of [calendar, fromDecember, { ...calendar, startMonth: 7, startDay: 15 }]) {
      const { from, to } = assessmentYearSpan(2027, rules);
      const at = (date: string) => new Date(`${date}T05:00:00Z`);
      const dayAfter = (date: string, n: number) =>
        new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
      expect(currentAssessmentYear(at(from), rules)).toBe(2027);
      expect(currentAssessmentYear(at(to), rules)).toBe(2027);
      expect(currentAssessmentYear(at(dayAfter(from, -1)), rules)).toBe(2026);
      expect(currentAssessmentYear(at(dayAfter(to, 1)), rules)).toBe(2028);
    }
  });

  it('dateIn reads the day where the center lives', () => {
    expect(dateIn(new Date('2026-12-31T18:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2027-01-01');
    expect(dateIn(new Date('2026-12-31T16:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-12-31');
  });
});

import { describe, expect, it } from 'vitest';
import { currentAssessmentYear, type AssessmentYearRules } from './assessment-year.ts';

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

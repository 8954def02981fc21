import { describe, expect, it } from 'vitest';
import { addMonths, evidenceExpired, evidenceExpiresOn, laterDate } from './evidence-retention.ts';

const calendar = { startMonth: 1, startDay: 1 };
const fromDecember = { startMonth: 12, startDay: 1 };

describe('addMonths', () => {
  it.each([
    ['2027-03-15', 12, '2028-03-15'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2027-12-31', 1, '2028-01-31'],
    ['2027-05-10', 120, '2037-05-10'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe("evidenceExpiresOn: a photo is kept keepMonths after the year's decision", () => {
  it.each([
    ['after the decision, by default 12 months', 2026, '2027-03-15', 12, calendar, '2028-03-15'],
    ['a shorter setting', 2026, '2027-03-15', 6, calendar, '2027-09-15'],
    ['no decision: after the calendar year ended', 2026, null, 12, calendar, '2028-01-01'],
    [
      'no decision, the year turning on 1 December: after 30 Nov of its year',
      2027,
      null,
      12,
      fromDecember,
      '2028-12-01',
    ],
    ['a decision taken before the year ended still starts the clock', 2026, '2026-11-25', 12, calendar, '2027-11-25'],
    ['an instant is read as its date', 2026, '2027-03-15T09:00:00.000Z', 1, calendar, '2027-04-15'],
  ] as const)('%s', (_name, year, decidedOn, keepMonths, rules, expected) => {
    expect(evidenceExpiresOn({ year, decidedOn, keepMonths, rules })).toBe(expected);
  });
});

describe('evidenceExpired', () => {
  const photo = { year: 2026, decidedOn: '2027-03-15', keepMonths: 12, rules: calendar };
  it.each([
    ['the day before', '2028-03-14', false],
    ['the day itself', '2028-03-15', true],
    ['later', '2029-01-01', true],
    ['long before', '2027-04-01', false],
  ])('%s (%s): %s', (_name, today, expired) => {
    expect(evidenceExpired(photo, today)).toBe(expired);
  });
});

describe('laterDate', () => {
  it.each([
    [null, null, null],
    ['2027-03-15', null, '2027-03-15'],
    [undefined, '2027-03-15', '2027-03-15'],
    ['2027-03-15', '2027-05-01', '2027-05-01'],
    ['2027-05-01', '2027-03-15', '2027-05-01'],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(laterDate(a, b)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatVietnamDateTime,
  fromVietnamWallClock,
  parseVietnamDateTime,
  vietnamDate,
  vietnamWallClock,
  vietnamYear,
} from './vietnam-time.ts';

describe('Vietnam time', () => {
  it.each([
    ['27/11/2026 08:00', '2026-11-27T01:00:00.000Z'],
    ['1/1/2027 6h30', '2026-12-31T23:30:00.000Z'],
    ['30/02/2026 08:00', null],
    ['27/11/2026 25:00', null],
    ['27/11/2026 08:75', null],
    ['2026-11-27 08:00', null],
  ])('reads %s', (text, iso) => {
    expect(parseVietnamDateTime(text)).toBe(iso);
  });

  it.each([
    ['2026-11-27T01:00:00.000Z', '27/11/2026 8:00'],
    ['2026-12-31T23:30:00.000Z', '1/1/2027 6:30'],
  ])('writes %s back as it is read', (iso, text) => {
    expect(formatVietnamDateTime(iso)).toBe(text);
    expect(parseVietnamDateTime(text)).toBe(iso);
  });

  it.each([
    ['2026-12-31T16:59:59.000Z', '2026-12-31', 2026],
    ['2026-12-31T17:00:00.000Z', '2027-01-01', 2027],
  ])('dates %s in Vietnam', (iso, date, year) => {
    expect(vietnamDate(new Date(iso))).toBe(date);
    expect(vietnamYear(iso)).toBe(year);
  });

  it.each([
    ['2026-12-31T16:59:59.000Z', '2026-12-31T23:59:59.000Z'],
    ['2026-12-31T17:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('reads the wall clock in Vietnam at %s, and back', (iso, wall) => {
    expect(vietnamWallClock(new Date(iso)).toISOString()).toBe(wall);
    expect(fromVietnamWallClock(new Date(wall)).toISOString()).toBe(iso);
  });
});

import { describe, expect, it } from 'vitest';
import { currentAssessmentYear, dateIn } from './assessment-year.ts';

/** dateIn and currentAssessmentYear keep one formatter per time zone: each zone still gives its own day. */
describe('the day of an instant, per time zone', () => {
  it('two zones read in turn give their own dates, again and again', () => {
    const at = new Date('2026-12-31T18:30:00Z');
    for (let i = 0; i < 3; i++) {
      expect(dateIn(at, 'Asia/Ho_Chi_Minh')).toBe('2027-01-01');
      expect(dateIn(at, 'America/Los_Angeles')).toBe('2026-12-31');
      expect(dateIn(at, 'UTC')).toBe('2026-12-31');
    }
    const rules = { startMonth: 1, startDay: 1 };
    expect(currentAssessmentYear(at, { ...rules, timeZone: 'Asia/Ho_Chi_Minh' })).toBe(2027);
    expect(currentAssessmentYear(at, { ...rules, timeZone: 'America/Los_Angeles' })).toBe(2026);
  });

  it('an unknown time zone is refused each time, not remembered', () => {
    expect(() => dateIn(new Date(), 'Asia/Nowhere')).toThrow(RangeError);
    expect(() => dateIn(new Date(), 'Asia/Nowhere')).toThrow(RangeError);
  });
});

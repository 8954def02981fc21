import { describe, expect, it } from 'vitest';
import { describeShortfall, totalScore, verdict, type Scores } from './recognition.ts';

const ids = ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'];
const rules = { kind: 'points', minScore: 1, maxScore: 10, passTotal: 80, minPerIndicator: 5 } as const;
const all = (score: number, overrides: Record<string, number | undefined> = {}): Scores => ({
  ...Object.fromEntries(ids.map((id) => [id, score])),
  ...overrides,
});

describe('totalScore', () => {
  it.each([
    [{}, 0],
    [all(8), 80],
    [all(10), 100],
    [all(8, { CS03: undefined }), 72],
    [{ CS01: 1 }, 1],
  ])('sums %j to %i', (scores, expected) => {
    expect(totalScore(scores)).toBe(expected);
  });
});

describe('verdict', () => {
  it.each<[string, Scores, boolean, string[]]>([
    ['recognizes exactly 80 with none below 5', all(8), true, []],
    ['recognizes full marks', all(10), true, []],
    ['refuses recognition when one indicator is below 5', all(9, { CS07: 4 }), false, ['CS07 is 4: needs at least 5']],
    ['recognizes an indicator at exactly 5 when the total is enough', all(9, { CS07: 5 }), true, []],
    ['refuses a total of 76', all(8, { CS01: 6, CS02: 6 }), false, ['total 76: needs 4 more points']],
    [
      'names every short indicator and the total',
      all(8, { CS02: 3, CS09: 2 }),
      false,
      ['CS02 is 3: needs at least 5', 'CS09 is 2: needs at least 5', 'total 69: needs 11 more points'],
    ],
    ['lists unscored indicators first', all(10, { CS05: undefined }), false, ['CS05 has no score yet']],
    [
      'an empty assessment is short on everything',
      {},
      false,
      [...ids.map((id) => `${id} has no score yet`), 'total 0: needs 80 more points'],
    ],
  ])('%s', (_name, scores, recognized, reasons) => {
    const result = verdict(ids, scores, rules);
    expect(result.recognized).toBe(recognized);
    expect(result.shortfalls.map(describeShortfall)).toEqual(reasons);
  });

  it('follows thresholds from config, not constants', () => {
    const strict = { ...rules, passTotal: 90, minPerIndicator: 7 };
    expect(verdict(ids, all(8), strict).shortfalls.map(describeShortfall)).toEqual(['total 80: needs 10 more points']);
    expect(verdict(ids, all(9, { CS01: 6 }), strict).recognized).toBe(false);
  });
});

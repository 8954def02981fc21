import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CriteriaSetSchema } from './criteria-set.ts';

const wording = { text: 'Đọc tin tức', explain: 'Có hay đọc không', evidence: ['Ảnh sách', 'Kể tên chương trình'] };
const valid = {
  id: 'test',
  version: '1',
  title: 'cdht',
  subjectKind: 'person',
  name: 'Bộ thử',
  status: 'default',
  scoring: { kind: 'points', minScore: 1, maxScore: 10, passTotal: 16, minPerIndicator: 5 },
  criteria: [{ id: 'TC1', title: 'Tự học' }],
  groups: [{ id: 'g1', title: 'Nhóm 1', description: 'Nông dân', pictogram: 'farmer' }],
  indicators: [
    { id: 'CS01', criterion: 'TC1', short: 'Đọc', byGroup: { g1: wording } },
    { id: 'CS02', criterion: 'TC1', short: 'Kế hoạch', byGroup: { g1: wording } },
  ],
};
type Set = typeof valid;

describe('CriteriaSetSchema', () => {
  it.each<[string, (s: Set) => unknown, string | null]>([
    ['a complete set', (s) => s, null],
    [
      'an indicator of an unknown criterion',
      (s) => ({ ...s, indicators: [{ ...s.indicators[0]!, criterion: 'TC9' }] }),
      'every indicator must name a criterion',
    ],
    [
      "an indicator missing a group's wording",
      (s) => ({ ...s, groups: [...s.groups, { ...s.groups[0]!, id: 'g2' }] }),
      'wording for exactly the groups',
    ],
    [
      'wording for a group the set does not have',
      (s) => ({ ...s, indicators: [{ ...s.indicators[0]!, byGroup: { g1: wording, g9: wording } }] }),
      'wording for exactly the groups',
    ],
    [
      'two indicators with one id',
      (s) => ({ ...s, indicators: [s.indicators[0]!, s.indicators[0]!] }),
      'must be unique',
    ],
    [
      'a threshold outside the score range',
      (s) => ({ ...s, scoring: { ...s.scoring, minPerIndicator: 11 } }),
      'minScore ≤ minPerIndicator ≤ maxScore',
    ],
    [
      'a single evidence example',
      (s) => ({ ...s, indicators: [{ ...s.indicators[0]!, byGroup: { g1: { ...wording, evidence: ['Ảnh'] } } }] }),
      'Invalid length',
    ],
    [
      'an empty explanation',
      (s) => ({ ...s, indicators: [{ ...s.indicators[0]!, byGroup: { g1: { ...wording, explain: '  ' } } }] }),
      'must not be empty',
    ],
    ['an unknown pictogram', (s) => ({ ...s, groups: [{ ...s.groups[0]!, pictogram: 'tractor' }] }), 'Invalid type'],
    ['an unknown field', (s) => ({ ...s, colour: 'red' }), 'Invalid key'],
  ])('%s', (_name, change, problem) => {
    const r = v.safeParse(CriteriaSetSchema, change(structuredClone(valid)));
    if (problem === null) {
      expect(r.issues).toBeUndefined();
    } else {
      expect(r.success).toBe(false);
      expect(r.issues?.map((i) => i.message).join(' | ')).toContain(problem);
    }
  });
});

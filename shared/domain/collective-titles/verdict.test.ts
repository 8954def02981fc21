import { describe, expect, it } from 'vitest';
import type { ModelCriteriaSet } from '../../schemas/model-criteria-set.ts';
import type { HouseholdSubjectFacts } from './subject-facts.ts';
import { declaredAnswerProblems, gradeBand, modelVerdict, type DeclaredAnswers } from './verdict.ts';
import { gdht, dvht, adult, household, declaredScores, kinds } from './verdict.test-setup.ts';

describe('modelVerdict: learning family (points)', () => {
  it.each<
    [
      string,
      HouseholdSubjectFacts,
      DeclaredAnswers,
      { total: number; band: string | null; passed: boolean; shortfalls: string[] },
    ]
  >([
    [
      'all held: 100 points, tốt',
      household(),
      declaredScores(gdht),
      { total: 100, band: 'tot', passed: true, shortfalls: [] },
    ],
    [
      '85 points is tốt',
      household(),
      declaredScores(gdht, 15),
      { total: 85, band: 'tot', passed: true, shortfalls: [] },
    ],
    [
      '84 points is khá',
      household(),
      declaredScores(gdht, 16),
      { total: 84, band: 'kha', passed: true, shortfalls: [] },
    ],
    [
      '69 points is trung bình, still recognized',
      household(),
      declaredScores(gdht, 31),
      { total: 69, band: 'trung-binh', passed: true, shortfalls: [] },
    ],
    [
      'below every band and the pass threshold',
      household({ adults: [adult('a')] }),
      declaredScores(gdht, 60),
      {
        total: 25,
        band: null,
        passed: false,
        shortfalls: [
          'criterion-below-min:TC1',
          'criterion-below-min:TC2',
          'criterion-below-min:TC3',
          'criterion-below-min:TC4',
          'total-below-pass',
        ],
      },
    ],
    [
      'all adults recognized but a child out of school: not passed, whatever the total',
      household({ adults: [adult('a', 2025), adult('b', 2025)], allChildrenInSchool: false }),
      declaredScores(gdht),
      { total: 90, band: 'tot', passed: false, shortfalls: ['condition-not-met:G1.1'] },
    ],
    [
      'an empty household: no adult to count, no child to ask',
      household({ adults: [], schoolAgeChildren: 0, allChildrenInSchool: null }),
      declaredScores(gdht),
      { total: 85, band: 'tot', passed: true, shortfalls: [] },
    ],
    [
      'an empty household that has answered nothing',
      household({ adults: [], schoolAgeChildren: 0, allChildrenInSchool: null }),
      {},
      {
        total: 10,
        band: null,
        passed: false,
        shortfalls: [
          'item-unanswered:G1.2',
          'item-unanswered:G1.3',
          'item-unanswered:G2.2',
          'item-unanswered:G2.3',
          'item-unanswered:G3.1',
          'item-unanswered:G3.2',
          'item-unanswered:G4.1',
          'item-unanswered:G4.2',
          'criterion-below-min:TC1',
          'criterion-below-min:TC2',
          'criterion-below-min:TC3',
          'criterion-below-min:TC4',
          'total-below-pass',
        ],
      },
    ],
    [
      'one criterion below its minimum fails a good total',
      household(),
      declaredScores(gdht, 0, { 'G3.1': 0, 'G3.2': 5 }),
      { total: 85, band: 'tot', passed: false, shortfalls: ['criterion-below-min:TC3'] },
    ],
    [
      'an answer out of range counts as unanswered',
      household(),
      declaredScores(gdht, 0, { 'G2.3': 6 }),
      { total: 95, band: 'tot', passed: false, shortfalls: ['item-unanswered:G2.3'] },
    ],
  ])('%s', (_name, facts, answers, expected) => {
    const verdict = modelVerdict(gdht, answers, facts, 2025);
    expect({
      total: verdict.total,
      band: verdict.band?.id ?? null,
      passed: verdict.passed,
      shortfalls: kinds(verdict.shortfalls),
    }).toEqual(expected);
    expect(verdict.level).toBeNull();
  });

  it('says how each computed item was counted, and from which year', () => {
    const verdict = modelVerdict(gdht, declaredScores(gdht), household({ allChildrenInSchool: false }), 2025);
    const adults = verdict.items.find((i) => i.itemId === 'G2.1')!;
    expect(adults).toMatchObject({ source: 'computed', points: 15, maxPoints: 15, met: true });
    expect(adults.computed?.explanation).toBe(
      '2 trong 3 người lớn của gia đình đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
    );
    expect(verdict.shortfalls[0]).toEqual({
      kind: 'condition-not-met',
      criterionId: 'TC1',
      itemId: 'G1.1',
      explanation: 'Gia đình có 2 cháu trong độ tuổi đi học nhưng chưa phải cháu nào cũng đi học: chưa đạt.',
    });
    expect(verdict.criteria[0]).toEqual({
      criterionId: 'TC1',
      points: 20,
      maxPoints: 30,
      minPoints: 15,
      targetsMet: null,
      targets: null,
    });
  });

  it('changes when a decision recognizes one more adult', () => {
    const before = household({ adults: [adult('a', 2025), adult('b'), adult('c')] });
    const after = household({ adults: [adult('a', 2025), adult('b', 2025), adult('c')] });
    expect(modelVerdict(gdht, declaredScores(gdht), before, 2025)).toMatchObject({ total: 85, passed: true });
    expect(modelVerdict(gdht, declaredScores(gdht, 16), before, 2025)).toMatchObject({
      total: 69,
      passed: false,
      shortfalls: [{ kind: 'criterion-below-min', criterionId: 'TC2' }],
    });
    expect(modelVerdict(gdht, declaredScores(gdht, 16), after, 2025)).toMatchObject({ total: 84, band: { id: 'kha' } });
  });

  it('refuses facts of another subject', () => {
    expect(() => modelVerdict(gdht, {}, { kind: 'unit', unitId: 'u', staffCount: 1, members: [] }, 2025)).toThrow(
      'assesses a household',
    );
  });
});

describe('gradeBand', () => {
  const bands = gdht.scoring.kind === 'points' ? gdht.scoring.bands : [];
  it.each([
    [100, 'tot'],
    [85, 'tot'],
    [84, 'kha'],
    [70, 'kha'],
    [69, 'trung-binh'],
    [50, 'trung-binh'],
    [49, null],
    [0, null],
  ])('%d → %s', (total, band) => {
    expect(gradeBand(bands, total)?.id ?? null).toBe(band);
  });
});

describe('declaredAnswerProblems', () => {
  it.each<[string, ModelCriteriaSet, DeclaredAnswers, { itemId: string; problem: string }[]]>([
    ['whole scores within the points', gdht, { 'G1.2': 0, 'G1.3': 10 }, []],
    ['a score above the item', gdht, { 'G2.3': 6 }, [{ itemId: 'G2.3', problem: 'out-of-range' }]],
    ['a fraction', gdht, { 'G1.2': 2.5 }, [{ itemId: 'G1.2', problem: 'out-of-range' }]],
    ['a yes-or-no in a points set', gdht, { 'G1.2': true }, [{ itemId: 'G1.2', problem: 'out-of-range' }]],
    ['an answer to a computed item', gdht, { 'G2.1': 15 }, [{ itemId: 'G2.1', problem: 'computed-item' }]],
    ['an unknown item', gdht, { X9: 1 }, [{ itemId: 'X9', problem: 'unknown-item' }]],
    ['yes-or-no in a targets set', dvht, { 'U1.3': true, 'U2.2': false }, []],
    ['a number in a targets set', dvht, { 'U1.3': 1 }, [{ itemId: 'U1.3', problem: 'out-of-range' }]],
  ])('%s', (_name, set, answers, problems) => {
    expect(declaredAnswerProblems(set, answers)).toEqual(problems);
  });
});

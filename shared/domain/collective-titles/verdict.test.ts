import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ModelCriteriaSetSchema, type ModelCriteriaSet } from '../../schemas/model-criteria-set.ts';
import type {
  ClanSubjectFacts,
  CommunitySubjectFacts,
  HouseholdSubjectFacts,
  UnitSubjectFacts,
} from './subject-facts.ts';
import {
  declaredAnswerProblems,
  gradeBand,
  modelVerdict,
  type DeclaredAnswers,
  type ModelShortfall,
} from './verdict.ts';

const shipped = (name: string): ModelCriteriaSet =>
  v.parse(
    ModelCriteriaSetSchema,
    JSON.parse(readFileSync(new URL(`../../../kiosk-config/criteria/${name}.json`, import.meta.url), 'utf8')),
  );
const gdht = shipped('gdht-2025');
const dhht = shipped('dhht-2025');
const cddht = shipped('cddht-2025');
const dvht = shipped('dvht-2025');

const adult = (personId: string, ...recognizedCdhtYears: number[]) => ({ personId, recognizedCdhtYears });
const household = (overrides: Partial<HouseholdSubjectFacts> = {}): HouseholdSubjectFacts => ({
  kind: 'household',
  householdId: 'h',
  village: 'Thôn Đông',
  adults: [adult('a', 2025), adult('b', 2025), adult('c')],
  schoolAgeChildren: 2,
  allChildrenInSchool: true,
  familyYears: [],
  ...overrides,
});

/** Full points on every declared item of a points set, less `minus` taken one point at a time from each item in turn. */
function declaredScores(set: ModelCriteriaSet, minus = 0, overrides: DeclaredAnswers = {}): DeclaredAnswers {
  const answers: Record<string, number> = {};
  const declared = set.criteria.flatMap((c) => c.items).filter((i) => i.source === 'declared');
  for (const item of declared) answers[item.id] = item.points ?? 0;
  for (let left = minus; left > 0;) {
    const before = left;
    for (const item of declared) {
      if (left > 0 && answers[item.id]! > 0) {
        answers[item.id]! -= 1;
        left -= 1;
      }
    }
    if (left === before) throw new Error(`cannot take ${minus} points`);
  }
  return { ...answers, ...overrides };
}

/** Every declared target of a targets set met up to `level` and not above it. */
function declaredTargets(set: ModelCriteriaSet, level: number, overrides: DeclaredAnswers = {}): DeclaredAnswers {
  const answers: Record<string, boolean> = {};
  for (const item of set.criteria.flatMap((c) => c.items))
    if (item.source === 'declared') answers[item.id] = (item.level ?? 1) <= level;
  return { ...answers, ...overrides };
}

const kinds = (shortfalls: ModelShortfall[]) =>
  shortfalls.map((s) =>
    'itemId' in s ? `${s.kind}:${s.itemId}` : 'criterionId' in s ? `${s.kind}:${s.criterionId}` : s.kind,
  );

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

describe('modelVerdict: learning clan (points with conditions)', () => {
  const clan = (...households: HouseholdSubjectFacts[]): ClanSubjectFacts => ({
    kind: 'clan',
    clanId: 'c',
    households,
  });
  const fund = { 'D1.2': 10, 'D2.1': 15, 'D2.2': 15, 'D3.2': 15 };

  it.each<
    [
      string,
      ClanSubjectFacts,
      DeclaredAnswers,
      { total: number; band: string | null; passed: boolean; shortfalls: string[] },
    ]
  >([
    [
      'a clan over two villages with 2 of 3 families recognized',
      clan(
        household({ familyYears: [2025] }),
        household({ village: 'Thôn Tây', familyYears: [2025] }),
        household({ village: 'Thôn Tây' }),
      ),
      fund,
      { total: 100, band: 'tot', passed: true, shortfalls: [] },
    ],
    [
      'fewer than half the families: not passed though 70 points',
      clan(household({ familyYears: [2025] }), household(), household()),
      fund,
      { total: 70, band: 'kha', passed: false, shortfalls: ['condition-not-met:D1.1', 'criterion-below-min:TC1'] },
    ],
    [
      'no study fund: a condition',
      clan(household({ familyYears: [2025] })),
      { ...fund, 'D2.1': 0 },
      { total: 85, band: 'tot', passed: false, shortfalls: ['condition-not-met:D2.1'] },
    ],
    [
      'a fund half-declared is not held',
      clan(household({ familyYears: [2025] })),
      { ...fund, 'D2.1': 8 },
      { total: 93, band: 'tot', passed: false, shortfalls: ['condition-not-met:D2.1'] },
    ],
    [
      'a child of the clan out of school',
      clan(household({ familyYears: [2025] }), household({ familyYears: [2025], allChildrenInSchool: false })),
      fund,
      { total: 85, band: 'tot', passed: false, shortfalls: ['condition-not-met:D3.1'] },
    ],
  ])('%s', (_name, facts, answers, expected) => {
    const verdict = modelVerdict(dhht, answers, facts, 2025);
    expect({
      total: verdict.total,
      band: verdict.band?.id ?? null,
      passed: verdict.passed,
      shortfalls: kinds(verdict.shortfalls),
    }).toEqual(expected);
  });
});

describe('modelVerdict: learning community (targets)', () => {
  const village = (overrides: Partial<CommunitySubjectFacts> = {}): CommunitySubjectFacts => ({
    kind: 'community',
    village: 'Thôn Đông',
    households: 10,
    adults: 100,
    registeredHouseholds: Array.from({ length: 8 }, (_, n) => ({
      householdId: `h${n}`,
      familyYears: n < 6 ? [2025] : [],
    })),
    clans: [
      { clanId: 'a', clanYears: [2025] },
      { clanId: 'b', clanYears: [] },
    ],
    cdhtRecognizedByYear: { 2025: 35 },
    ...overrides,
  });

  it.each<
    [
      string,
      CommunitySubjectFacts,
      DeclaredAnswers,
      { level: number; label: string | null; passed: boolean; shortfalls: string[] },
    ]
  >([
    [
      'met at level 1 but not level 2 (60 % families, 35 % CDHT)',
      village(),
      declaredTargets(cddht, 2),
      { level: 1, label: 'Mức độ 1 (khá)', passed: true, shortfalls: ['target-not-met:C2.2', 'target-not-met:C3.2'] },
    ],
    [
      'met at level 2',
      village({ cdhtRecognizedByYear: { 2025: 40 }, households: 8 }),
      declaredTargets(cddht, 2),
      { level: 2, label: 'Mức độ 2 (tốt)', passed: true, shortfalls: [] },
    ],
    [
      'level-2 figures but a level-1 target missed: no level',
      village({ cdhtRecognizedByYear: { 2025: 40 }, households: 8 }),
      declaredTargets(cddht, 2, { 'C4.1': false }),
      { level: 0, label: null, passed: false, shortfalls: ['target-not-met:C4.1'] },
    ],
    [
      'declared level 1 only',
      village({ cdhtRecognizedByYear: { 2025: 40 }, households: 8 }),
      declaredTargets(cddht, 1),
      { level: 1, label: 'Mức độ 1 (khá)', passed: true, shortfalls: ['target-not-met:C4.2', 'target-not-met:C5.3'] },
    ],
    [
      'no household count entered: not level 1',
      village({ households: null }),
      declaredTargets(cddht, 2),
      {
        level: 0,
        label: null,
        passed: false,
        shortfalls: ['target-not-met:C2.1', 'target-not-met:C2.2', 'target-not-met:C3.2'],
      },
    ],
    [
      'unanswered targets',
      village(),
      {},
      {
        level: 0,
        label: null,
        passed: false,
        shortfalls: [
          'item-unanswered:C1.1',
          'item-unanswered:C1.2',
          'item-unanswered:C4.1',
          'item-unanswered:C5.1',
          'item-unanswered:C5.2',
          'target-not-met:C2.2',
          'target-not-met:C3.2',
          'item-unanswered:C4.2',
          'item-unanswered:C5.3',
        ],
      },
    ],
  ])('%s', (_name, facts, answers, expected) => {
    const verdict = modelVerdict(cddht, answers, facts, 2025);
    expect({
      level: verdict.level,
      label: verdict.levelLabel,
      passed: verdict.passed,
      shortfalls: kinds(verdict.shortfalls),
    }).toEqual(expected);
    expect(verdict.total).toBeNull();
  });

  it('counts targets met per criterion', () => {
    const verdict = modelVerdict(cddht, declaredTargets(cddht, 2), village(), 2025);
    expect(verdict.criteria.find((c) => c.criterionId === 'TC2')).toEqual({
      criterionId: 'TC2',
      points: null,
      maxPoints: null,
      minPoints: null,
      targetsMet: 2,
      targets: 3,
    });
  });
});

describe('modelVerdict: learning unit (targets)', () => {
  const people = (recognized: number, of: number) =>
    Array.from({ length: of }, (_, n) => adult(`p${n}`, ...(n < recognized ? [2025] : [])));
  const unit = (staffCount: number | null, members = people(0, 0)): UnitSubjectFacts => ({
    kind: 'unit',
    unitId: 'u',
    staffCount,
    members,
  });

  it.each<[string, UnitSubjectFacts, DeclaredAnswers, { level: number; passed: boolean; shortfalls: string[] }]>([
    [
      '9 of 10 CDHT: level 1, not level 2',
      unit(10, people(9, 10)),
      declaredTargets(dvht, 2),
      { level: 1, passed: true, shortfalls: ['target-not-met:U1.2'] },
    ],
    [
      '19 of 20 CDHT: level 2',
      unit(20, people(19, 20)),
      declaredTargets(dvht, 2),
      { level: 2, passed: true, shortfalls: [] },
    ],
    [
      '8 of 10: no level',
      unit(10, people(8, 10)),
      declaredTargets(dvht, 2),
      { level: 0, passed: false, shortfalls: ['target-not-met:U1.1', 'target-not-met:U1.2'] },
    ],
    [
      'a zero staff count: no level',
      unit(0),
      declaredTargets(dvht, 2),
      { level: 0, passed: false, shortfalls: ['target-not-met:U1.1', 'target-not-met:U1.2'] },
    ],
  ])('%s', (_name, facts, answers, expected) => {
    const verdict = modelVerdict(dvht, answers, facts, 2025);
    expect({ level: verdict.level, passed: verdict.passed, shortfalls: kinds(verdict.shortfalls) }).toEqual(expected);
  });

  it('explains a zero staff count to the officer', () => {
    const verdict = modelVerdict(dvht, declaredTargets(dvht, 2), unit(0), 2025);
    expect(verdict.shortfalls[0]).toMatchObject({
      kind: 'target-not-met',
      level: 1,
      explanation: 'Đơn vị ghi 0 người năm 2025: chưa tính được, chưa đạt.',
    });
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

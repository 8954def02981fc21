import { describe, expect, it } from 'vitest';
import type {
  ClanSubjectFacts,
  CommunitySubjectFacts,
  HouseholdSubjectFacts,
  UnitSubjectFacts,
} from './subject-facts.ts';
import { modelVerdict, type DeclaredAnswers } from './verdict.ts';
import { dhht, cddht, dvht, adult, household, declaredTargets, kinds } from './verdict.test-setup.ts';

/** modelVerdict on a clan, a village and a unit (a family's: verdict.test.ts). */
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

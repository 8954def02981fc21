import { describe, expect, it } from 'vitest';
import type { Computation } from '../../schemas/model-criteria-set.ts';
import { computeItem, percent } from './computations.ts';
import type {
  ClanSubjectFacts,
  CommunitySubjectFacts,
  HouseholdSubjectFacts,
  SubjectFacts,
  UnitSubjectFacts,
} from './subject-facts.ts';

const adult = (personId: string, ...recognizedCdhtYears: number[]) => ({ personId, recognizedCdhtYears });
const household = (overrides: Partial<HouseholdSubjectFacts> = {}): HouseholdSubjectFacts => ({
  kind: 'household',
  householdId: 'h',
  village: 'Thôn Đông',
  adults: [],
  schoolAgeChildren: 0,
  allChildrenInSchool: null,
  familyYears: [],
  ...overrides,
});
const clan = (...households: HouseholdSubjectFacts[]): ClanSubjectFacts => ({ kind: 'clan', clanId: 'c', households });
const community = (overrides: Partial<CommunitySubjectFacts> = {}): CommunitySubjectFacts => ({
  kind: 'community',
  village: 'Thôn Đông',
  households: 10,
  adults: 100,
  registeredHouseholds: [],
  clans: [],
  cdhtRecognizedByYear: {},
  ...overrides,
});
const unit = (staffCount: number | null, ...members: ReturnType<typeof adult>[]): UnitSubjectFacts => ({
  kind: 'unit',
  unitId: 'u',
  staffCount,
  members,
});
const families = (recognized: number, not: number) => [
  ...Array.from({ length: recognized }, (_, n) => ({ householdId: `r${n}`, familyYears: [2025] })),
  ...Array.from({ length: not }, (_, n) => ({ householdId: `n${n}`, familyYears: [2024] })),
];

type Row = [
  string,
  Computation,
  SubjectFacts,
  { value: number | null; met: boolean; decisionsYear: number | null; explanation: string },
];

describe('computeItem', () => {
  const adultsHalf: Computation = { compute: 'household-adults-cdht-share', atLeast: 0.5, decisionsOf: 'same-year' };
  const children: Computation = { compute: 'household-children-in-school' };
  const clanHalf: Computation = { compute: 'clan-households-family-share', atLeast: 0.5, decisionsOf: 'same-year' };
  const clanChildren: Computation = { compute: 'clan-children-in-school' };
  const villageFamilies: Computation = {
    compute: 'village-households-family-share',
    atLeast: 0.5,
    decisionsOf: 'same-year',
  };
  const villageClans: Computation = { compute: 'village-clans-share', atLeast: 0.5, decisionsOf: 'same-year' };
  const villageAdults: Computation = { compute: 'village-adults-cdht-share', atLeast: 0.3, decisionsOf: 'same-year' };
  const unit90: Computation = { compute: 'unit-members-cdht-share', atLeast: 0.9, decisionsOf: 'same-year' };
  const unit95: Computation = { compute: 'unit-members-cdht-share', atLeast: 0.95, decisionsOf: 'same-year' };
  const recognizedPeople = (n: number, of: number) =>
    Array.from({ length: of }, (_, i) => adult(`p${i}`, ...(i < n ? [2025] : [])));

  it.each<Row>([
    // Household adults
    [
      '2 of 3 adults recognized: met',
      adultsHalf,
      household({ adults: [adult('a', 2025), adult('b', 2024, 2025), adult('c', 2024)] }),
      {
        value: 2 / 3,
        met: true,
        decisionsYear: 2025,
        explanation:
          '2 trong 3 người lớn của gia đình đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      '1 of 3: unmet (recognized in another year does not count)',
      adultsHalf,
      household({ adults: [adult('a', 2025), adult('b', 2024), adult('c', 2026)] }),
      {
        value: 1 / 3,
        met: false,
        decisionsYear: 2025,
        explanation:
          '1 trong 3 người lớn của gia đình đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 50 %: chưa đạt.',
      },
    ],
    [
      'exactly half is met',
      adultsHalf,
      household({ adults: [adult('a', 2025), adult('b')] }),
      {
        value: 0.5,
        met: true,
        decisionsYear: 2025,
        explanation:
          '1 trong 2 người lớn của gia đình đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      "the previous year's decisions when the set says so",
      { ...adultsHalf, decisionsOf: 'previous-year' } as Computation,
      household({ adults: [adult('a', 2024), adult('b', 2024)] }),
      {
        value: 1,
        met: true,
        decisionsYear: 2024,
        explanation:
          '2 trong 2 người lớn của gia đình đã là Công dân học tập (theo quyết định năm 2024); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      'an empty household cannot be computed',
      adultsHalf,
      household(),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Gia đình chưa liên kết người lớn nào: chưa tính được, chưa đạt.',
      },
    ],
    // Household children
    [
      'no school-age child: nothing to ask, met',
      children,
      household(),
      {
        value: 1,
        met: true,
        decisionsYear: null,
        explanation: 'Gia đình không có cháu nào trong độ tuổi đi học: không phải xét, coi như đạt.',
      },
    ],
    [
      'all children in school',
      children,
      household({ schoolAgeChildren: 2, allChildrenInSchool: true }),
      {
        value: 1,
        met: true,
        decisionsYear: null,
        explanation: 'Cả 2 cháu trong độ tuổi đi học của gia đình đều đang đi học: đạt.',
      },
    ],
    [
      'all adults recognized but a child out of school',
      children,
      household({ adults: [adult('a', 2025), adult('b', 2025)], schoolAgeChildren: 3, allChildrenInSchool: false }),
      {
        value: 0,
        met: false,
        decisionsYear: null,
        explanation: 'Gia đình có 3 cháu trong độ tuổi đi học nhưng chưa phải cháu nào cũng đi học: chưa đạt.',
      },
    ],
    [
      'children not yet declared',
      children,
      household({ schoolAgeChildren: 1, allChildrenInSchool: null }),
      {
        value: null,
        met: false,
        decisionsYear: null,
        explanation: 'Gia đình có 1 cháu trong độ tuổi đi học nhưng chưa khai các cháu có đi học đủ không: chưa đạt.',
      },
    ],
    // Clan households
    [
      'a clan spread over two villages: its households counted wherever they live',
      clanHalf,
      clan(
        household({ village: 'Thôn Đông', familyYears: [2025] }),
        household({ village: 'Thôn Tây', familyYears: [2025] }),
        household({ village: 'Thôn Tây', familyYears: [] }),
      ),
      {
        value: 2 / 3,
        met: true,
        decisionsYear: 2025,
        explanation:
          '2 trong 3 gia đình của dòng họ được công nhận Gia đình học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      "fewer than half the clan's households",
      clanHalf,
      clan(household({ familyYears: [2025] }), household(), household({ familyYears: [2024] })),
      {
        value: 1 / 3,
        met: false,
        decisionsYear: 2025,
        explanation:
          '1 trong 3 gia đình của dòng họ được công nhận Gia đình học tập (theo quyết định năm 2025); cần ít nhất 50 %: chưa đạt.',
      },
    ],
    [
      'a clan with no household',
      clanHalf,
      clan(),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Dòng họ chưa có gia đình nào đăng ký: chưa tính được, chưa đạt.',
      },
    ],
    // Clan children
    [
      'every clan household with children has them in school',
      clanChildren,
      clan(
        household({ schoolAgeChildren: 2, allChildrenInSchool: true }),
        household(),
        household({ schoolAgeChildren: 1, allChildrenInSchool: true }),
      ),
      {
        value: 1,
        met: true,
        decisionsYear: null,
        explanation: 'Cả 2 gia đình có cháu trong độ tuổi đi học đều cho các cháu đi học đủ: đạt.',
      },
    ],
    [
      'one clan household has a child out of school',
      clanChildren,
      clan(
        household({ schoolAgeChildren: 2, allChildrenInSchool: true }),
        household({ schoolAgeChildren: 1, allChildrenInSchool: false }),
      ),
      {
        value: 0,
        met: false,
        decisionsYear: null,
        explanation: '1 trong 2 gia đình có cháu trong độ tuổi đi học chưa cho các cháu đi học đủ: chưa đạt.',
      },
    ],
    [
      'a clan household has not declared its children',
      clanChildren,
      clan(
        household({ schoolAgeChildren: 2, allChildrenInSchool: true }),
        household({ schoolAgeChildren: 1, allChildrenInSchool: null }),
      ),
      {
        value: null,
        met: false,
        decisionsYear: null,
        explanation: '1 trong 2 gia đình có cháu trong độ tuổi đi học chưa khai việc đi học của các cháu: chưa đạt.',
      },
    ],
    [
      'no clan household has school-age children',
      clanChildren,
      clan(household(), household()),
      {
        value: 1,
        met: true,
        decisionsYear: null,
        explanation: 'Không gia đình nào trong dòng họ có cháu trong độ tuổi đi học: không phải xét, coi như đạt.',
      },
    ],
    // Village households
    [
      'half of the households the commune entered',
      villageFamilies,
      community({ households: 10, registeredHouseholds: families(5, 3) }),
      {
        value: 0.5,
        met: true,
        decisionsYear: 2025,
        explanation:
          '5 trong 10 hộ của Thôn Đông được công nhận Gia đình học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      'over all households, not only those registered',
      villageFamilies,
      community({ households: 20, registeredHouseholds: families(6, 0) }),
      {
        value: 0.3,
        met: false,
        decisionsYear: 2025,
        explanation:
          '6 trong 20 hộ của Thôn Đông được công nhận Gia đình học tập (theo quyết định năm 2025); cần ít nhất 50 %: chưa đạt.',
      },
    ],
    [
      'no household count entered',
      villageFamilies,
      community({ households: null, registeredHouseholds: families(6, 0) }),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Xã chưa nhập số hộ của Thôn Đông năm 2025: chưa tính được, chưa đạt.',
      },
    ],
    // Village clans
    [
      'clans of the village',
      villageClans,
      community({
        clans: [
          { clanId: 'a', clanYears: [2025] },
          { clanId: 'b', clanYears: [] },
          { clanId: 'c', clanYears: [2025] },
        ],
      }),
      {
        value: 2 / 3,
        met: true,
        decisionsYear: 2025,
        explanation:
          '2 trong 3 dòng họ có gia đình ở Thôn Đông được công nhận Dòng họ học tập (theo quyết định năm 2025); cần ít nhất 50 %: đạt.',
      },
    ],
    [
      'a village without registered clans is not held back',
      villageClans,
      community(),
      {
        value: null,
        met: true,
        decisionsYear: 2025,
        explanation: 'Thôn Đông không có dòng họ nào đăng ký: không phải xét, coi như đạt.',
      },
    ],
    // Village adults
    [
      'adults of the village recognized as CDHT',
      villageAdults,
      community({ adults: 800, cdhtRecognizedByYear: { 2024: 100, 2025: 240 } }),
      {
        value: 0.3,
        met: true,
        decisionsYear: 2025,
        explanation:
          '240 trong 800 người lớn của Thôn Đông đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 30 %: đạt.',
      },
    ],
    [
      'no adults entered',
      villageAdults,
      community({ adults: null, cdhtRecognizedByYear: { 2025: 240 } }),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Xã chưa nhập số người lớn của Thôn Đông năm 2025: chưa tính được, chưa đạt.',
      },
    ],
    // Unit staff
    [
      '9 of 10 staff: level 1 met',
      unit90,
      unit(10, ...recognizedPeople(9, 10)),
      {
        value: 0.9,
        met: true,
        decisionsYear: 2025,
        explanation:
          '9 trong 10 người của đơn vị đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 90 %: đạt.',
      },
    ],
    [
      '9 of 10 staff: level 2 unmet',
      unit95,
      unit(10, ...recognizedPeople(9, 10)),
      {
        value: 0.9,
        met: false,
        decisionsYear: 2025,
        explanation:
          '9 trong 10 người của đơn vị đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 95 %: chưa đạt.',
      },
    ],
    [
      '19 of 20 staff: level 2 met exactly',
      unit95,
      unit(20, ...recognizedPeople(19, 20)),
      {
        value: 0.95,
        met: true,
        decisionsYear: 2025,
        explanation:
          '19 trong 20 người của đơn vị đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 95 %: đạt.',
      },
    ],
    [
      'over the staff count entered, not only those linked',
      unit90,
      unit(30, ...recognizedPeople(10, 10)),
      {
        value: 1 / 3,
        met: false,
        decisionsYear: 2025,
        explanation:
          '10 trong 30 người của đơn vị đã là Công dân học tập (theo quyết định năm 2025); cần ít nhất 90 %: chưa đạt.',
      },
    ],
    [
      'a unit with a zero staff count',
      unit90,
      unit(0),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Đơn vị ghi 0 người năm 2025: chưa tính được, chưa đạt.',
      },
    ],
    [
      'a unit without a staff count',
      unit90,
      unit(null, ...recognizedPeople(3, 3)),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Đơn vị chưa nhập số người năm 2025: chưa tính được, chưa đạt.',
      },
    ],
    [
      'a staff count below those linked is not a pass',
      unit90,
      unit(2, ...recognizedPeople(3, 3)),
      {
        value: null,
        met: false,
        decisionsYear: 2025,
        explanation: 'Đơn vị ghi 2 người nhưng đã liên kết 3 người: cần sửa số người, chưa đạt.',
      },
    ],
  ])('%s', (_name, rule, facts, expected) => {
    expect(computeItem(rule, facts, 2025)).toMatchObject(expected);
  });

  it('refuses facts of another subject kind', () => {
    expect(() => computeItem({ compute: 'household-children-in-school' }, unit(3), 2025)).toThrow(
      "reads a household's facts, got a unit's",
    );
  });

  it('never reads a child beyond the household-level count and yes-or-no', () => {
    const facts = household({ schoolAgeChildren: 2, allChildrenInSchool: true });
    expect(Object.keys(facts).sort()).toEqual([
      'adults',
      'allChildrenInSchool',
      'familyYears',
      'householdId',
      'kind',
      'schoolAgeChildren',
      'village',
    ]);
  });
});

describe('percent', () => {
  it.each([
    [0.5, '50 %'],
    [0.9, '90 %'],
    [0.95, '95 %'],
    [2 / 3, '66,7 %'],
    [0, '0 %'],
    [1, '100 %'],
    [0.675, '67,5 %'],
  ])('%d → %s', (share, text) => {
    expect(percent(share)).toBe(text);
  });
});

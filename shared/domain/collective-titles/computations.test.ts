import { describe, expect, it } from 'vitest';
import { computeItem, percent } from './computations.ts';
import type { Computation } from '../../schemas/model-criteria-set.ts';
import {
  adult,
  adultsHalf,
  children,
  clan,
  clanChildren,
  clanHalf,
  household,
  unit,
  type Row,
} from './computations.test-setup.ts';

describe('computeItem', () => {
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

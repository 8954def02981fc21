import { describe, expect, it } from 'vitest';
import { computeItem } from './computations.ts';
import {
  community,
  families,
  recognizedPeople,
  unit,
  unit90,
  unit95,
  villageAdults,
  villageClans,
  villageFamilies,
  type Row,
} from './computations.test-setup.ts';

/** computeItem on a village's and a unit's facts (households and clans: computations.test.ts). */
describe('computeItem', () => {
  it.each<Row>([
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
});

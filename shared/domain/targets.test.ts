import { describe, expect, it } from 'vitest';
import type { TargetMeasure, TargetStep } from '../schemas/dashboard.ts';
import { layerValue, targetInForce, type TargetAdjustment, type TargetTable } from './targets.ts';

describe('layerValue', () => {
  const national = { '2025': 0.4, '2030': 0.6 };

  it.each<[string, Readonly<Record<string, number>> | undefined, number, number | null]>([
    ['exact first anchor', national, 2025, 0.4],
    ['exact last anchor', national, 2030, 0.6],
    ['interpolated between 2025 = 0.40 and 2030 = 0.60', national, 2027, 0.48],
    ['interpolated one year in', national, 2026, 0.44],
    ['interpolated one year before the last anchor', national, 2029, 0.56],
    ['after the last anchor keeps its value', national, 2031, 0.6],
    ['long after the last anchor', national, 2045, 0.6],
    ['before the first anchor is null', national, 2024, null],
    ['no table', undefined, 2027, null],
    ['empty table', {}, 2027, null],
    ['one anchor, the year itself', { '2026': 0.7 }, 2026, 0.7],
    ['one anchor, later year', { '2026': 0.7 }, 2028, 0.7],
    ['rounded to 4 decimals', { '2025': 0, '2028': 0.1 }, 2026, 0.0333],
    ['anchors in any key order', { '2030': 0.6, '2020': 0.2, '2025': 0.5 }, 2027, 0.54],
    ['a falling line between anchors', { '2025': 0.6, '2030': 0.4 }, 2027, 0.52],
  ])('%s', (_name, table, year, expected) => {
    expect(layerValue(table, year)).toBe(expected);
  });
});

describe('targetInForce', () => {
  const national: TargetTable = {
    cdht: { '2025': 0.4, '2030': 0.6 },
    digital: { '2025': 0.7 },
    proficient: { '2025': 0.6 },
  };
  const province: TargetTable = { cdht: { '2025': 0.45, '2030': 0.65 } };
  const commune: TargetTable = { cdht: { '2027': 0.5 } };
  const adjust = (value: number, at: string, overrides: Partial<TargetAdjustment> = {}): TargetAdjustment => ({
    measure: 'cdht',
    year: 2027,
    value,
    reason: 'sáp nhập thôn',
    by: 'Nguyễn Văn An',
    at,
    ...overrides,
  });
  type Layers = Parameters<typeof targetInForce>[2];
  const nat = { source: 'national', table: national } as const;
  const prov = { source: 'province', table: province } as const;
  const comm = { source: 'commune', table: commune } as const;

  it.each<[string, TargetMeasure, number, Layers, TargetAdjustment[], number | null, TargetStep[]]>([
    ['national only, interpolated', 'cdht', 2027, [nat], [], 0.48, [{ source: 'national', value: 0.48 }]],
    ['national only, exact anchor', 'cdht', 2030, [nat], [], 0.6, [{ source: 'national', value: 0.6 }]],
    [
      'province overrides national',
      'cdht',
      2027,
      [nat, prov],
      [],
      0.53,
      [
        { source: 'national', value: 0.48 },
        { source: 'province', value: 0.53 },
      ],
    ],
    [
      'province without the measure leaves national in force',
      'digital',
      2027,
      [nat, prov],
      [],
      0.7,
      [
        { source: 'national', value: 0.7 },
        { source: 'province', value: null },
      ],
    ],
    [
      'commune table overrides both',
      'cdht',
      2027,
      [nat, prov, comm],
      [],
      0.5,
      [
        { source: 'national', value: 0.48 },
        { source: 'province', value: 0.53 },
        { source: 'commune', value: 0.5 },
      ],
    ],
    [
      'commune table before its first anchor leaves the province in force',
      'cdht',
      2026,
      [nat, prov, comm],
      [],
      0.49,
      [
        { source: 'national', value: 0.44 },
        { source: 'province', value: 0.49 },
        { source: 'commune', value: null },
      ],
    ],
    [
      'an adjustment below the national target does not lower it',
      'cdht',
      2027,
      [nat, prov, comm],
      [adjust(0.35, '2027-03-02T08:00:00Z')],
      0.48,
      [
        { source: 'national', value: 0.48 },
        { source: 'province', value: 0.53 },
        { source: 'commune', value: 0.5 },
        { source: 'adjustment', value: 0.35, note: 'Nguyễn Văn An, 2027-03-02: sáp nhập thôn' },
      ],
    ],
    [
      'two adjustments: the latest wins, whatever the order given',
      'cdht',
      2027,
      [nat],
      [
        adjust(0.52, '2027-05-10T09:30:00Z', { by: 'Trần Thị Bình', reason: 'đính chính' }),
        adjust(0.55, '2027-03-02T08:00:00Z'),
      ],
      0.52,
      [
        { source: 'national', value: 0.48 },
        { source: 'adjustment', value: 0.55, note: 'Nguyễn Văn An, 2027-03-02: sáp nhập thôn' },
        { source: 'adjustment', value: 0.52, note: 'Trần Thị Bình, 2027-05-10: đính chính' },
      ],
    ],
    [
      'adjustments for another year or measure are ignored',
      'cdht',
      2027,
      [nat],
      [
        adjust(0.1, '2027-03-02T08:00:00Z', { year: 2026 }),
        adjust(0.2, '2027-03-02T08:00:00Z', { measure: 'digital' }),
      ],
      0.48,
      [{ source: 'national', value: 0.48 }],
    ],
    [
      'an adjustment alone, with no layer',
      'cdht',
      2027,
      [],
      [adjust(0.3, '2027-01-01T00:00:00Z')],
      0.3,
      [{ source: 'adjustment', value: 0.3, note: 'Nguyễn Văn An, 2027-01-01: sáp nhập thôn' }],
    ],
    [
      'before every first anchor: null',
      'cdht',
      2024,
      [nat, prov, comm],
      [],
      null,
      [
        { source: 'national', value: null },
        { source: 'province', value: null },
        { source: 'commune', value: null },
      ],
    ],
    [
      'measure absent everywhere: null with the full trace',
      'proficient',
      2027,
      [{ source: 'national', table: {} }, prov, comm],
      [],
      null,
      [
        { source: 'national', value: null },
        { source: 'province', value: null },
        { source: 'commune', value: null },
      ],
    ],
  ])('%s', (_name, measure, year, layers, adjustments, value, trace) => {
    expect(targetInForce(measure, year, layers, adjustments)).toEqual({ measure, value, trace });
  });

  it('does not reorder the adjustments it is given', () => {
    const adjustments = [adjust(0.42, '2027-05-10T09:30:00Z'), adjust(0.35, '2027-03-02T08:00:00Z')];
    targetInForce('cdht', 2027, [nat], adjustments);
    expect(adjustments.map((a) => a.value)).toEqual([0.42, 0.35]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelTargetInForce, type ModelTargetTable } from './collective-titles/targets.ts';
import { higherOfNationalAndLocal, targetInForce, type TargetAdjustment, type TargetTable } from './targets.ts';

/** The shipped national table and the demo commune's own table (2022–2025: 20, 25, 35, 45 %). */
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;
const national = (read('../../kiosk-config/targets/national.json') as { measures: TargetTable }).measures;
const demoCommune = (read('../../kiosk-config/centers/demo.json') as { targets: { commune: TargetTable } }).targets
  .commune;

describe('the target in force is the higher of the national and the local one', () => {
  const layers = [
    { source: 'national' as const, table: national },
    { source: 'commune' as const, table: demoCommune },
  ];
  it.each<[number, number | null, number | null, number | null]>([
    // year, national, commune, in force
    [2022, null, 0.2, 0.2],
    [2024, null, 0.35, 0.35],
    [2025, 0.4, 0.45, 0.45],
    [2026, 0.44, 0.45, 0.45],
    [2027, 0.48, 0.45, 0.48],
    [2028, 0.52, 0.45, 0.52],
    [2030, 0.6, 0.45, 0.6],
    [2031, 0.6, 0.45, 0.6],
  ])('demo commune table, %d', (year, nationalValue, communeValue, value) => {
    const t = targetInForce('cdht', year, layers, []);
    expect(t.value).toBe(value);
    // Both stay shown.
    expect(t.trace).toEqual([
      { source: 'national', value: nationalValue },
      { source: 'commune', value: communeValue },
    ]);
  });

  const adjust = (value: number, at: string): TargetAdjustment => ({
    measure: 'cdht',
    year: 2028,
    value,
    reason: 'sáp nhập thôn',
    by: 'Nguyễn Văn An',
    at,
  });
  it.each<[string, Parameters<typeof targetInForce>[2], TargetAdjustment[], number | null]>([
    ['a local table lower than the national one', layers, [], 0.52],
    [
      'a local table higher than the national one',
      [layers[0]!, { source: 'commune', table: { cdht: { '2028': 0.7 } } }],
      [],
      0.7,
    ],
    ['an adjustment below the national target does not lower it', layers, [adjust(0.3, '2028-02-01T00:00:00Z')], 0.52],
    ['an adjustment above the national target applies', layers, [adjust(0.65, '2028-02-01T00:00:00Z')], 0.65],
    [
      'the latest adjustment is the local target, then the floor',
      layers,
      [adjust(0.65, '2028-02-01T00:00:00Z'), adjust(0.5, '2028-03-01T00:00:00Z')],
      0.52,
    ],
    ['no national table: the local one', [layers[1]!], [], 0.45],
    [
      'the commune over the province as the local target',
      [
        layers[0]!,
        { source: 'province', table: { cdht: { '2028': 0.7 } } },
        { source: 'commune', table: { cdht: { '2028': 0.55 } } },
      ],
      [],
      0.55,
    ],
    ['no table at all', [], [], null],
  ])('%s', (_name, given, adjustments, value) => {
    expect(targetInForce('cdht', 2028, given, adjustments).value).toBe(value);
  });

  it('the same rule for the other titles (387/QĐ-TTg): an old local clan target does not lower the national one', () => {
    const models = (read('../../kiosk-config/targets/national.json') as { models: ModelTargetTable }).models;
    const t = modelTargetInForce('clans', 2030, [
      { source: 'national', table: models },
      { source: 'commune', table: { clans: { '2025': 0.5 } } },
    ]);
    expect(t).toEqual({
      measure: 'clans',
      value: 0.75,
      trace: [
        { source: 'national', value: 0.75 },
        { source: 'commune', value: 0.5 },
      ],
    });
  });

  it('higherOfNationalAndLocal reads only the trace', () => {
    expect(higherOfNationalAndLocal([])).toBeNull();
    expect(higherOfNationalAndLocal([{ source: 'national', value: 0.4 }])).toBe(0.4);
    expect(higherOfNationalAndLocal([{ source: 'province', value: 0.3 }])).toBe(0.3);
  });
});

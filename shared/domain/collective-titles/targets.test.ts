import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelTargetInForce, modelTargetsFor, type ModelTargetTable } from './targets.ts';

const national = (
  JSON.parse(readFileSync(new URL('../../../kiosk-config/targets/national.json', import.meta.url), 'utf8')) as {
    models: ModelTargetTable;
  }
).models;

describe('national model targets (kiosk-config/targets/national.json)', () => {
  it.each([
    [2025, { families: 0.7, clans: 0.65, communities: 0.65, units: 0.8, workers: 0.4, unitStaff: 0.6 }],
    [2030, { families: 0.8, clans: 0.75, communities: 0.75, units: 0.9, workers: 0.6, unitStaff: 0.8 }],
    [2027, { families: 0.74, clans: 0.69, communities: 0.69, units: 0.84, workers: 0.48, unitStaff: 0.68 }],
    [2035, { families: 0.8, clans: 0.75, communities: 0.75, units: 0.9, workers: 0.6, unitStaff: 0.8 }],
    [2024, { families: null, clans: null, communities: null, units: null, workers: null, unitStaff: null }],
  ])('%d', (year, expected) => {
    expect(modelTargetsFor(year, [{ source: 'national', table: national }])).toEqual(expected);
  });
});

describe('modelTargetInForce', () => {
  it('takes the most specific layer with a value, and keeps the trace', () => {
    const layers = [
      { source: 'national' as const, table: { families: { 2025: 0.7 } } },
      { source: 'province' as const, table: { families: { 2025: 0.75 } } },
      { source: 'commune' as const, table: {} },
    ];
    expect(modelTargetInForce('families', 2025, layers)).toEqual({
      measure: 'families',
      value: 0.75,
      trace: [
        { source: 'national', value: 0.7 },
        { source: 'province', value: 0.75 },
        { source: 'commune', value: null },
      ],
    });
    expect(modelTargetInForce('clans', 2025, layers).value).toBeNull();
  });
});

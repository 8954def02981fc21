import { describe, expect, it } from 'vitest';
import { unitResolver, type UnitChange } from '../units.ts';
import type { ModelRegistry, RegistryHousehold, RegistryUnit } from './model-registry.ts';
import { modelRates } from './rates.ts';
import type { ModelTargetMeasure } from './targets.ts';

const targets: Record<ModelTargetMeasure, number | null> = {
  families: 0.7,
  clans: 0.65,
  communities: 0.65,
  units: 0.8,
  workers: 0.4,
  unitStaff: 0.6,
};
const merge: UnitChange[] = [
  { kind: 'village', from: 'Thôn Bắc', to: 'Thôn Bắc Hòa', year: 2025, at: '2025-07-01T00:00:00Z' },
  { kind: 'village', from: 'Thôn Hòa', to: 'Thôn Bắc Hòa', year: 2025, at: '2025-07-01T00:00:01Z' },
];
const names = unitResolver(merge, 'village');

const person = (personId: string, ...recognizedCdhtYears: number[]) => ({ personId, recognizedCdhtYears });
const hh = (
  householdId: string,
  village: string,
  status: Partial<RegistryHousehold>,
  ...adults: ReturnType<typeof person>[]
): RegistryHousehold => ({
  householdId,
  village,
  clanId: null,
  registeredYear: 2024,
  assessedYears: [],
  recognizedYears: [],
  adults,
  ...status,
});
const unit = (
  unitId: string,
  village: string,
  staffCount: number | null,
  status: Partial<RegistryUnit>,
  members: ReturnType<typeof person>[] = [],
): RegistryUnit => ({
  unitId,
  village,
  staffCount,
  members,
  registeredYear: 2024,
  assessedYears: [],
  recognizedYears: [],
  ...status,
});
const people = (prefix: string, recognized: number, of: number) =>
  Array.from({ length: of }, (_, n) => person(`${prefix}${n}`, ...(n < recognized ? [2025] : [])));

/** Three villages today; Thôn Bắc Hòa is the merge of Thôn Bắc and Thôn Hòa, whose records keep the old names. */
const registry: ModelRegistry = {
  villages: ['Thôn Đông', 'Thôn Tây', 'Thôn Bắc Hòa'],
  figures: [
    { village: 'Thôn Đông', households: 10, adults: 30, cdhtRecognized: 12 },
    { village: 'Thôn Tây', households: 8, adults: null, cdhtRecognized: 3 },
    { village: 'Thôn Bắc', households: 5, adults: 20, cdhtRecognized: 8 },
    { village: 'Thôn Hòa', households: 5, adults: 20, cdhtRecognized: 6 },
  ],
  households: [
    hh(
      'h1',
      'Thôn Đông',
      { clanId: 'K1', assessedYears: [2025], recognizedYears: [2025] },
      person('a1', 2025),
      person('a2'),
    ),
    hh('h2', 'Thôn Đông', { assessedYears: [2025] }, person('a3', 2025)),
    hh(
      'h3',
      'Thôn Tây',
      { clanId: 'K1', assessedYears: [2025], recognizedYears: [2025] },
      person('a4', 2025),
      person('a5', 2024, 2025),
      person('a6', 2024),
    ),
    hh('h4', 'Thôn Tây', { clanId: 'K2', registeredYear: 2025 }, person('a7', 2025)),
    hh('h5', 'Thôn Bắc', { assessedYears: [2025], recognizedYears: [2025] }, person('a8', 2025)),
    hh('h6', 'Thôn Hòa', { registeredYear: 2026, assessedYears: [2026], recognizedYears: [2026] }, person('a9', 2026)),
  ],
  clans: [
    { clanId: 'K1', registeredYear: 2024, assessedYears: [2025], recognizedYears: [2025] },
    { clanId: 'K2', registeredYear: 2025, assessedYears: [], recognizedYears: [] },
  ],
  communities: [
    { village: 'Thôn Đông', assessedYears: [2024], recognizedYears: [2024, 2025, 2026, 2027] },
    { village: 'Thôn Bắc', assessedYears: [2025], recognizedYears: [2025] },
    { village: 'Thôn Hòa', assessedYears: [2025], recognizedYears: [] },
  ],
  units: [
    unit('U1', 'Thôn Đông', 10, { assessedYears: [2025], recognizedYears: [2025] }, people('s', 9, 10)),
    unit('U2', 'Thôn Tây', 0, { assessedYears: [2025] }),
    unit('U3', 'Thôn Hòa', null, { assessedYears: [2025], recognizedYears: [2025] }, people('t', 2, 2)),
  ],
};

describe('modelRates', () => {
  const result = modelRates(registry, 2025, names, targets);
  const row = (name: string) => (name === 'Toàn xã' ? result.commune : result.villages.find((r) => r.name === name)!);
  const c = (registered: number, assessed: number, recognized: number) => ({ registered, assessed, recognized });

  it('has a row per current village, the merged one holding its old names', () => {
    expect(result.villages.map((r) => [r.name, r.parts])).toEqual([
      ['Thôn Bắc Hòa', ['Thôn Bắc', 'Thôn Bắc Hòa', 'Thôn Hòa']],
      ['Thôn Đông', ['Thôn Đông']],
      ['Thôn Tây', ['Thôn Tây']],
    ]);
  });

  it.each([
    // name, families, clans, communities, units, households, adults
    ['Thôn Đông', c(2, 2, 1), c(1, 1, 1), c(1, 0, 1), c(1, 1, 1), 10, 30],
    ['Thôn Tây', c(2, 1, 1), c(2, 1, 1), c(1, 0, 0), c(1, 1, 0), 8, null],
    // Merged: Bắc was recognized as a community, Hòa was not, so the whole is not; a household registered in 2026 is not yet counted.
    ['Thôn Bắc Hòa', c(1, 1, 1), c(0, 0, 0), c(1, 1, 0), c(1, 1, 1), 10, 40],
    // A clan spread over Đông and Tây is in both villages' rows but once in the commune's.
    ['Toàn xã', c(5, 4, 3), c(2, 1, 1), c(3, 1, 1), c(3, 3, 2), 28, 70],
  ])('%s: counts', (name, families, clans, communities, units, households, adults) => {
    expect(row(name)).toMatchObject({ families, clans, communities, units, households, adults });
  });

  it.each<[string, ModelTargetMeasure, number, number | null, number | null, boolean | null]>([
    ['Thôn Đông', 'families', 1, 10, 0.1, false],
    ['Thôn Đông', 'communities', 1, 1, 1, true],
    // A recognized village: its adults as the commune entered them, and its CDHT.
    ['Thôn Đông', 'workers', 12, 30, 0.4, true],
    ['Thôn Đông', 'unitStaff', 9, 10, 0.9, true],
    // Not a recognized village: adults of its learning families and of households in a learning clan (h4's clan is not one).
    ['Thôn Tây', 'workers', 2, 3, 2 / 3, true],
    ['Thôn Tây', 'units', 0, 1, 0, false],
    // A unit with a zero staff count is registered but not recognized: no staff rate.
    ['Thôn Tây', 'unitStaff', 0, null, null, null],
    ['Thôn Tây', 'clans', 1, 2, 0.5, false],
    ['Thôn Bắc Hòa', 'workers', 1, 1, 1, true],
    ['Thôn Bắc Hòa', 'clans', 0, 0, null, null],
    ['Thôn Bắc Hòa', 'unitStaff', 0, null, null, null],
    ['Toàn xã', 'families', 3, 28, 3 / 28, false],
    // The commune's clans and units over all of them in the commune: not entered here, so no rate.
    ['Toàn xã', 'clans', 1, null, null, null],
    ['Toàn xã', 'communities', 1, 3, 1 / 3, false],
    ['Toàn xã', 'units', 2, null, null, null],
    ['Toàn xã', 'workers', 15, 34, 15 / 34, true],
    ['Toàn xã', 'unitStaff', 9, 10, 0.9, true],
  ])('%s: %s rate', (name, measure, numerator, denominator, rate, met) => {
    expect(row(name).rates[measure]).toEqual({ numerator, denominator, rate, target: targets[measure], met });
  });

  it('names the recognized unit whose staff count is missing', () => {
    expect(result.notes).toEqual([{ kind: 'unit-staff-unknown', unitId: 'U3' }]);
  });

  it('counts an earlier year from what stood then', () => {
    const figures2024 = registry.figures.map((f) => ({ ...f, cdhtRecognized: f.village === 'Thôn Đông' ? 7 : 0 }));
    const earlier = modelRates({ ...registry, figures: figures2024 }, 2024, names, targets);
    expect(earlier.commune.families).toEqual(c(4, 0, 0));
    expect(earlier.commune.clans).toEqual(c(1, 0, 0));
    expect(earlier.commune.communities).toEqual(c(3, 1, 1));
    expect(earlier.commune.rates.workers).toMatchObject({ numerator: 7, denominator: 30 });
    expect(earlier.commune.rates.unitStaff).toMatchObject({ numerator: 0, denominator: null, rate: null });
  });
});

describe('modelRates: merges and renames of communities', () => {
  const base = (communities: ModelRegistry['communities'], figures: ModelRegistry['figures'] = []): ModelRegistry => ({
    villages: ['Thôn Bắc Hòa'],
    figures,
    households: [],
    clans: [],
    communities,
    units: [],
  });
  const recognized = (village: string) => ({ village, assessedYears: [2025], recognizedYears: [2025] });

  it.each<[string, ModelRegistry['communities'], number]>([
    ['both former villages recognized: the merged village is', [recognized('Thôn Bắc'), recognized('Thôn Hòa')], 1],
    ['one former village recognized: the merged village is not', [recognized('Thôn Bắc')], 0],
    ['recognized under its new name', [recognized('Thôn Bắc Hòa')], 1],
    ['a former name written without diacritics still counts', [recognized('thon bac'), recognized('Thôn Hòa')], 1],
  ])('%s', (_name, communities, count) => {
    expect(modelRates(base(communities), 2025, names, targets).commune.communities.recognized).toBe(count);
  });

  it('a rename carries the recognition to the new name', () => {
    const renamed = unitResolver(
      [{ kind: 'village', from: 'Thôn Hạ', to: 'Thôn Hạ Hòa', year: 2025, at: '2025-07-01T00:00:00Z' }],
      'village',
    );
    const r = modelRates({ ...base([recognized('Thôn Hạ')]), villages: ['Thôn Hạ Hòa'] }, 2025, renamed, targets);
    expect(r.villages.map((v) => [v.name, v.communities.recognized])).toEqual([['Thôn Hạ Hòa', 1]]);
  });

  it('a recognized village without adults entered falls back to its households and is named', () => {
    const r = modelRates(
      base([recognized('Thôn Bắc Hòa')], [{ village: 'Thôn Bắc Hòa', households: 4, adults: null, cdhtRecognized: 9 }]),
      2025,
      names,
      targets,
    );
    expect(r.commune.rates.workers).toMatchObject({ numerator: 0, denominator: 0, rate: null });
    expect(r.notes).toEqual([{ kind: 'community-adults-unknown', village: 'Thôn Bắc Hòa' }]);
  });
});

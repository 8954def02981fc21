import { describe, expect, it } from 'vitest';
import { unitResolver } from '../units.ts';
import type { ModelRegistry, RegistryHousehold } from './model-registry.ts';
import { modelRates } from './rates.ts';
import type { ModelTargetMeasure } from './targets.ts';

/**
 * Issue 24, denominators: the commune's clans and units over all of them in the commune (387/QĐ-TTg),
 * and the 677/QĐ-TTg population (adults in learning families, clans and communities).
 */
const targets: Record<ModelTargetMeasure, number | null> = {
  families: 0.7,
  clans: 0.65,
  communities: 0.65,
  units: 0.8,
  workers: 0.4,
  unitStaff: 0.6,
};
const names = unitResolver([], 'village');
const adult = (personId: string, cdht: boolean) => ({ personId, recognizedCdhtYears: cdht ? [2026] : [] });
const hh = (id: string, village: string, extra: Partial<RegistryHousehold>, ...adults: ReturnType<typeof adult>[]) =>
  ({
    householdId: id,
    village,
    clanId: null,
    registeredYear: 2025,
    assessedYears: [],
    recognizedYears: [],
    adults,
    ...extra,
  }) satisfies RegistryHousehold;

const base: ModelRegistry = {
  villages: ['Thôn Đông', 'Ấp Tây'],
  figures: [
    { village: 'Thôn Đông', households: 20, adults: 50, cdhtRecognized: 20 },
    { village: 'Ấp Tây', households: 10, adults: 40, cdhtRecognized: 5 },
  ],
  households: [
    // A learning family: its 2 adults count, 1 is CDHT.
    hh('h1', 'Ấp Tây', { recognizedYears: [2026] }, adult('a1', true), adult('a2', false)),
    // In a learning clan, not itself a learning family: its adults count.
    hh('h2', 'Ấp Tây', { clanId: 'K1' }, adult('a3', true), adult('a4', true), adult('a5', false)),
    // Neither: its adults are outside 677's population.
    hh('h3', 'Ấp Tây', {}, adult('a6', true)),
  ],
  clans: [
    { clanId: 'K1', registeredYear: 2025, assessedYears: [2026], recognizedYears: [2026] },
    { clanId: 'K2', registeredYear: 2025, assessedYears: [2026], recognizedYears: [] },
  ],
  // Thôn Đông is a recognized learning community: every adult of it counts.
  communities: [{ village: 'Thôn Đông', assessedYears: [2026], recognizedYears: [2026] }],
  units: [
    {
      unitId: 'U1',
      village: 'Thôn Đông',
      staffCount: 10,
      members: [],
      registeredYear: 2025,
      assessedYears: [2026],
      recognizedYears: [2026],
    },
  ],
};

describe('the commune rates of clans and units divide by all of them in the commune', () => {
  it.each<[string, ModelRegistry['totals'], 'clans' | 'units', number | null, number | null, boolean | null]>([
    ['12 clans in the commune, 1 recognized', { clans: 12, units: null }, 'clans', 12, 1 / 12, false],
    ['no total entered: no rate (not the 2 registered)', undefined, 'clans', null, null, null],
    ['a total entered as null', { clans: null, units: null }, 'clans', null, null, null],
    ['a total of 0: no rate, never a division by zero', { clans: 0, units: 0 }, 'clans', 0, null, null],
    [
      '5 agencies, schools, enterprises and organisations, 1 recognized',
      { clans: null, units: 5 },
      'units',
      5,
      0.2,
      false,
    ],
    ['the one unit registered is all there is', { clans: null, units: 1 }, 'units', 1, 1, true],
  ])('%s', (_name, totals, measure, denominator, rate, met) => {
    const r = modelRates({ ...base, ...(totals ? { totals } : {}) }, 2026, names, targets);
    expect(r.commune.rates[measure]).toEqual({ numerator: 1, denominator, rate, target: targets[measure], met });
  });

  it('a village has no total: its row shows the share of the clans registered in it', () => {
    const r = modelRates({ ...base, totals: { clans: 12, units: 5 } }, 2026, names, targets);
    expect(r.villages.find((v) => v.name === 'Ấp Tây')!.rates.clans).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe("677's population: adults in learning families, clans and communities", () => {
  const r = modelRates(base, 2026, names, targets);
  it.each<[string, string, number, number]>([
    // Recognized community: all its adults entered (50), its CDHT (20).
    ['a recognized learning community counts all its adults', 'Thôn Đông', 20, 50],
    // h1 (learning family, 2 adults, 1 CDHT) + h2 (in learning clan K1, 3 adults, 2 CDHT); h3 left out.
    ['elsewhere, adults of learning families and of learning clans only', 'Ấp Tây', 3, 5],
    ['the commune: the sum', 'Toàn xã', 23, 55],
  ])('%s', (_name, place, numerator, denominator) => {
    const row = place === 'Toàn xã' ? r.commune : r.villages.find((v) => v.name === place)!;
    expect(row.rates.workers).toMatchObject({ numerator, denominator, target: 0.4 });
  });

  it('is not the population of all adults 15+ (90 entered for the commune)', () => {
    expect(r.commune.adults).toBe(90);
    expect(r.commune.rates.workers.denominator).toBe(55);
  });
});

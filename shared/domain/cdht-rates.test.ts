import { describe, expect, it } from 'vitest';
import type { TargetInForce } from '../schemas/dashboard.ts';
import { cdhtRates, localTarget } from './cdht-rates.ts';
import type { ModelRegistry, RegistryHousehold } from './collective-titles/model-registry.ts';
import { modelRates } from './collective-titles/rates.ts';
import type { ModelTargetMeasure } from './collective-titles/targets.ts';
import { unitResolver } from './units.ts';

/**
 * Decision 677's 40 % (2025) and 60 % (2030) are of adults in learning families, clans and
 * communities (DOMAIN.md, "Rates: which denominator"); the rate over all adults 15+ is shown beside
 * it against its own, local, target. Each case: a commune of 2025, the 677 rate and the all-adults rate.
 */

const YEAR = 2025;
const targets: Record<ModelTargetMeasure, number | null> = {
  families: 0.7,
  clans: 0.65,
  communities: 0.65,
  units: 0.8,
  workers: 0.4,
  unitStaff: 0.6,
};
const names = unitResolver([], 'village');
const adult = (id: string, cdht: boolean) => ({ personId: id, recognizedCdhtYears: cdht ? [YEAR] : [] });
const household = (
  id: string,
  village: string,
  opts: { family?: boolean; clanId?: string },
  ...adults: ReturnType<typeof adult>[]
): RegistryHousehold => ({
  householdId: id,
  village,
  clanId: opts.clanId ?? null,
  registeredYear: 2024,
  assessedYears: [YEAR],
  recognizedYears: opts.family ? [YEAR] : [],
  adults,
});
const commune = (over: Partial<ModelRegistry>): ModelRegistry => ({
  villages: ['Thôn Đông', 'Ấp Tây'],
  figures: [
    { village: 'Thôn Đông', households: 40, adults: 100, cdhtRecognized: 30 },
    { village: 'Ấp Tây', households: 30, adults: 80, cdhtRecognized: 10 },
  ],
  households: [],
  clans: [],
  communities: [],
  units: [],
  ...over,
});
/** 677's adults and their CDHT, as the model rates count them for the commune. */
const learners = (r: ModelRegistry) => modelRates(r, YEAR, names, targets).commune.rates.workers;
/** Over all adults 15+: the recognized people and the adults the commune entered (180). */
const ALL = { recognized: 40, adults: 180 };

const target = (trace: TargetInForce['trace'], value: number | null): TargetInForce => ({
  measure: 'cdht',
  value,
  trace,
});
const national = target([{ source: 'national', value: 0.4 }], 0.4);

describe('decision 677’s population for the CDHT rate (table)', () => {
  it.each([
    ['nothing recognized: no 677 population, no rate', commune({}), 0, 0],
    [
      'a learning family: its adults',
      commune({ households: [household('h1', 'Thôn Đông', { family: true }, adult('a', true), adult('b', false))] }),
      1,
      2,
    ],
    [
      'a household neither a learning family nor in a learning clan: not counted',
      commune({ households: [household('h1', 'Thôn Đông', {}, adult('a', true), adult('b', true))] }),
      0,
      0,
    ],
    [
      'a learning clan: the adults of its households, learning families or not',
      commune({
        clans: [{ clanId: 'K', registeredYear: 2024, assessedYears: [YEAR], recognizedYears: [YEAR] }],
        households: [
          household('h1', 'Thôn Đông', { clanId: 'K' }, adult('a', true)),
          household('h2', 'Ấp Tây', { clanId: 'K' }, adult('b', false), adult('c', true)),
        ],
      }),
      2,
      3,
    ],
    [
      'a learning community: all the village’s adults entered, its families not counted twice',
      commune({
        communities: [{ village: 'Thôn Đông', assessedYears: [YEAR], recognizedYears: [YEAR] }],
        households: [household('h1', 'Thôn Đông', { family: true }, adult('a', true), adult('b', false))],
      }),
      30,
      100,
    ],
    [
      'a learning community and a learning family in another village',
      commune({
        communities: [{ village: 'Ấp Tây', assessedYears: [YEAR], recognizedYears: [YEAR] }],
        households: [household('h1', 'Thôn Đông', { family: true }, adult('a', true), adult('b', false))],
      }),
      11,
      82,
    ],
  ])('%s', (_case, registry, numerator, denominator) => {
    const w = learners(registry);
    expect({ numerator: w.numerator, denominator: w.denominator ?? 0 }).toEqual({ numerator, denominator });
    const { decision677, allAdults } = cdhtRates(ALL.recognized, ALL.adults, w, national);
    expect(decision677.numerator).toBe(numerator);
    expect(decision677.rate).toBe(denominator === 0 ? null : numerator / denominator);
    expect(decision677.target).toBe(0.4);
    // Beside it, over every adult 15+: the same people whatever the families, clans and communities.
    expect([allAdults.numerator, allAdults.denominator]).toEqual([40, 180]);
  });
});

describe('the targets each rate meets (table)', () => {
  const learning = { numerator: 45, denominator: 100 };
  it.each([
    ['national only: 677’s rate against it, the all-adults rate has none', national, 0.4, null],
    [
      'a local table below the national one: 677’s rate meets the national, all adults the local',
      target(
        [
          { source: 'national', value: 0.44 },
          { source: 'commune', value: 0.3 },
        ],
        0.44,
      ),
      0.44,
      0.3,
    ],
    [
      'a local table above it: both meet the local one',
      target(
        [
          { source: 'national', value: 0.44 },
          { source: 'province', value: 0.5 },
          { source: 'commune', value: 0.55 },
        ],
        0.55,
      ),
      0.55,
      0.55,
    ],
    [
      'an adjustment is the local target',
      target(
        [
          { source: 'national', value: 0.44 },
          { source: 'commune', value: 0.3 },
          { source: 'adjustment', value: 0.25, note: 'x' },
        ],
        0.44,
      ),
      0.44,
      0.25,
    ],
    ['no target at all', undefined, null, null],
  ])('%s', (_case, t, for677, forAdults) => {
    const { decision677, allAdults } = cdhtRates(40, 180, learning, t);
    expect(decision677.target).toBe(for677);
    expect(allAdults.target).toBe(forAdults);
    expect(decision677.met).toBe(for677 === null ? null : 0.45 >= for677);
    expect(allAdults.met).toBe(forAdults === null ? null : 40 / 180 >= forAdults);
  });

  it('the local target of a trace: the latest adjustment, else the most specific local layer', () => {
    expect(localTarget([{ source: 'national', value: 0.4 }])).toBeNull();
    expect(
      localTarget([
        { source: 'national', value: 0.4 },
        { source: 'province', value: 0.35 },
        { source: 'commune', value: null },
      ]),
    ).toBe(0.35);
  });
});

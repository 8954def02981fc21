import { describe, expect, it } from 'vitest';
import type { Counts, RateFigure, TargetMeasure } from '../schemas/dashboard.ts';
import { addCounts, emptyCounts, fillYears, formatRate, mergeUnits, rateFigure, rowRates } from './rates.ts';

const counts = (overrides: Partial<Counts> = {}): Counts => ({ ...emptyCounts(), ...overrides });
const noTargets: Record<TargetMeasure, number | null> = { cdht: null, digital: null, proficient: null };

describe('emptyCounts and addCounts', () => {
  it('starts every key at zero', () => {
    expect(emptyCounts()).toEqual({
      registered: 0,
      selfAssessed: 0,
      appraised: 0,
      recognized: 0,
      digital: 0,
      proficient: 0,
      outstanding: 0,
    });
  });

  it('gives a fresh object each time', () => {
    const a = emptyCounts();
    a.recognized = 5;
    expect(emptyCounts().recognized).toBe(0);
  });

  it.each<[string, Counts, Counts, Counts]>([
    ['zero plus zero', counts(), counts(), counts()],
    [
      'adds key by key',
      counts({ registered: 10, recognized: 4, digital: 2 }),
      counts({ registered: 5, recognized: 1, outstanding: 3 }),
      counts({ registered: 15, recognized: 5, digital: 2, outstanding: 3 }),
    ],
    [
      'every key',
      { registered: 1, selfAssessed: 2, appraised: 3, recognized: 4, digital: 5, proficient: 6, outstanding: 7 },
      { registered: 10, selfAssessed: 20, appraised: 30, recognized: 40, digital: 50, proficient: 60, outstanding: 70 },
      { registered: 11, selfAssessed: 22, appraised: 33, recognized: 44, digital: 55, proficient: 66, outstanding: 77 },
    ],
  ])('%s', (_name, a, b, sum) => {
    expect(addCounts(a, b)).toEqual(sum);
  });
});

describe('rateFigure', () => {
  it.each<[string, number, number | null, number | null, number | null, boolean | null]>([
    ['met above the target', 45, 100, 0.4, 0.45, true],
    ['met exactly at the target', 40, 100, 0.4, 0.4, true],
    ['unmet below the target', 39, 100, 0.4, 0.39, false],
    ['unknown without a target', 45, 100, null, 0.45, null],
    ['zero denominator gives no rate', 0, 0, 0.4, null, null],
    ['zero denominator with a numerator gives no rate, not Infinity', 3, 0, 0.4, null, null],
    ['null denominator gives no rate', 12, null, 0.4, null, null],
    ['null denominator and no target', 12, null, null, null, null],
    ['rate above 1 is kept, not clamped', 130, 100, 0.6, 1.3, true],
    ['zero numerator is a rate of 0', 0, 50, 0.4, 0, false],
    ['a zero target is met by a zero rate', 0, 50, 0, 0, true],
  ])('%s', (_name, numerator, denominator, target, rate, met) => {
    expect(rateFigure(numerator, denominator, target)).toEqual<RateFigure>({
      numerator,
      denominator,
      rate,
      target,
      met,
    });
  });
});

describe('rowRates', () => {
  const targets: Record<TargetMeasure, number | null> = { cdht: 0.4, digital: 0.7, proficient: 0.6 };

  it.each<
    [
      string,
      Counts,
      number | null,
      Record<TargetMeasure, number | null>,
      Record<TargetMeasure, [number | null, boolean | null]>,
    ]
  >([
    [
      'each rate over its own denominator',
      counts({ recognized: 50, digital: 35, proficient: 21 }),
      100,
      targets,
      { cdht: [0.5, true], digital: [0.7, true], proficient: [0.6, true] },
    ],
    [
      'all unmet',
      counts({ recognized: 30, digital: 15, proficient: 3 }),
      100,
      targets,
      { cdht: [0.3, false], digital: [0.5, false], proficient: [0.2, false] },
    ],
    [
      'no population entered: only cdht unknown',
      counts({ recognized: 10, digital: 8, proficient: 4 }),
      null,
      targets,
      { cdht: [null, null], digital: [0.8, true], proficient: [0.5, false] },
    ],
    [
      'nobody recognized: digital and proficient unknown',
      counts({ registered: 20 }),
      200,
      targets,
      { cdht: [0, false], digital: [null, null], proficient: [null, null] },
    ],
    [
      'more recognized than the entered population',
      counts({ recognized: 120, digital: 60 }),
      100,
      targets,
      { cdht: [1.2, true], digital: [0.5, false], proficient: [0, false] },
    ],
    [
      'no targets in force',
      counts({ recognized: 50, digital: 35, proficient: 21 }),
      100,
      noTargets,
      { cdht: [0.5, null], digital: [0.7, null], proficient: [0.6, null] },
    ],
  ])('%s', (_name, c, population, t, expected) => {
    const rates = rowRates(c, population, t);
    expect(rates.cdht).toMatchObject({ numerator: c.recognized, denominator: population, target: t.cdht });
    expect(rates.digital).toMatchObject({ numerator: c.digital, denominator: c.recognized, target: t.digital });
    expect(rates.proficient).toMatchObject({ numerator: c.proficient, denominator: c.digital, target: t.proficient });
    expect({
      cdht: [rates.cdht.rate, rates.cdht.met],
      digital: [rates.digital.rate, rates.digital.met],
      proficient: [rates.proficient.rate, rates.proficient.met],
    }).toEqual(expected);
  });
});

describe('mergeUnits', () => {
  type Row = { name: string; counts: Counts; population: number | null };
  const row = (name: string, recognized: number, population: number | null): Row => ({
    name,
    counts: counts({ registered: recognized * 2, recognized }),
    population,
  });
  const merges: Record<string, string> = {
    'Thôn Đông': 'Thôn Đông Hòa',
    'Thôn Hòa': 'Thôn Đông Hòa',
    'Thôn Cũ': 'Thôn Mới',
  };
  const resolve = (name: string) => merges[name] ?? name;
  type Merged = { name: string; recognized: number; population: number | null; parts: string[] };

  it.each<[string, Row[], Merged[]]>([
    ['no rows', [], []],
    [
      'unchanged units stay apart, sorted by name',
      [row('Thôn Trung', 3, 30), row('Thôn An', 1, 10)],
      [
        { name: 'Thôn An', recognized: 1, population: 10, parts: ['Thôn An'] },
        { name: 'Thôn Trung', recognized: 3, population: 30, parts: ['Thôn Trung'] },
      ],
    ],
    [
      'two old villages merged into one, both populations known',
      [row('Thôn Đông', 4, 40), row('Thôn Hòa', 6, 60)],
      [{ name: 'Thôn Đông Hòa', recognized: 10, population: 100, parts: ['Thôn Đông', 'Thôn Hòa'] }],
    ],
    [
      'population known for one part only',
      [row('Thôn Hòa', 6, null), row('Thôn Đông', 4, 40)],
      [{ name: 'Thôn Đông Hòa', recognized: 10, population: 40, parts: ['Thôn Đông', 'Thôn Hòa'] }],
    ],
    [
      'population known for no part',
      [row('Thôn Đông', 4, null), row('Thôn Hòa', 6, null)],
      [{ name: 'Thôn Đông Hòa', recognized: 10, population: null, parts: ['Thôn Đông', 'Thôn Hòa'] }],
    ],
    [
      'a population of 0 is known, not missing',
      [row('Thôn Đông', 0, 0), row('Thôn Hòa', 6, null)],
      [{ name: 'Thôn Đông Hòa', recognized: 6, population: 0, parts: ['Thôn Đông', 'Thôn Hòa'] }],
    ],
    [
      'rows already under the new name join the old ones; parts are distinct',
      [row('Thôn Cũ', 2, 20), row('Thôn Mới', 3, 30), row('Thôn Cũ', 1, null)],
      [{ name: 'Thôn Mới', recognized: 6, population: 50, parts: ['Thôn Cũ', 'Thôn Mới'] }],
    ],
    [
      'Vietnamese collation: Đ after D, Ấ with A',
      [row('Thôn Đông', 1, 1), row('Thôn Dương', 1, 1), row('Thôn Ấp', 1, 1), row('Thôn Bình', 1, 1)],
      [
        { name: 'Thôn Ấp', recognized: 1, population: 1, parts: ['Thôn Ấp'] },
        { name: 'Thôn Bình', recognized: 1, population: 1, parts: ['Thôn Bình'] },
        { name: 'Thôn Dương', recognized: 1, population: 1, parts: ['Thôn Dương'] },
        { name: 'Thôn Đông Hòa', recognized: 1, population: 1, parts: ['Thôn Đông'] },
      ],
    ],
  ])('%s', (_name, rows, expected) => {
    const merged = mergeUnits(rows, resolve);
    expect(
      merged.map((m) => ({ name: m.name, recognized: m.counts.recognized, population: m.population, parts: m.parts })),
    ).toEqual(expected);
    for (const m of merged) expect(m.counts.registered).toBe(m.counts.recognized * 2);
  });

  it('does not change the rows it merges', () => {
    const rows = [row('Thôn Đông', 4, 40), row('Thôn Hòa', 6, 60)];
    mergeUnits(rows, resolve);
    expect(rows).toEqual([row('Thôn Đông', 4, 40), row('Thôn Hòa', 6, 60)]);
  });
});

describe('fillYears', () => {
  const byYear = new Map([
    [2022, 'a'],
    [2023, 'b'],
    [2026, 'e'],
  ]);

  it.each<[string, number[], { year: number; value: string }[]]>([
    ['no years', [], []],
    ['one year', [2023], [{ year: 2023, value: 'b' }]],
    [
      'consecutive years',
      [2022, 2023],
      [
        { year: 2022, value: 'a' },
        { year: 2023, value: 'b' },
      ],
    ],
    [
      'missing years in the middle get empty',
      [2022, 2026],
      [
        { year: 2022, value: 'a' },
        { year: 2023, value: 'b' },
        { year: 2024, value: '-' },
        { year: 2025, value: '-' },
        { year: 2026, value: 'e' },
      ],
    ],
    [
      'unsorted with duplicates',
      [2026, 2024, 2026, 2024],
      [
        { year: 2024, value: '-' },
        { year: 2025, value: '-' },
        { year: 2026, value: 'e' },
      ],
    ],
    ['a year with no data at all', [2030], [{ year: 2030, value: '-' }]],
  ])('%s', (_name, years, expected) => {
    expect(fillYears(years, byYear, () => '-')).toEqual(expected);
  });

  it('calls empty() afresh for each missing year', () => {
    const filled = fillYears([2020, 2022], new Map<number, Counts>(), emptyCounts);
    expect(filled.map((f) => f.year)).toEqual([2020, 2021, 2022]);
    expect(filled[0]?.value).not.toBe(filled[1]?.value);
  });
});

describe('formatRate', () => {
  it.each<[number | null, string]>([
    [0.4567, '45,7 %'],
    [0.4, '40,0 %'],
    [0, '0,0 %'],
    [1, '100,0 %'],
    [1.3, '130,0 %'],
    [0.00049, '0,0 %'],
    [0.99999, '100,0 %'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('%s → %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});

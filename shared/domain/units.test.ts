import { describe, expect, it } from 'vitest';
import { foldName, matchesUnit, unitResolver, type UnitChange } from './units.ts';

let clock = 0;
/** A change recorded after the ones made before it. */
const change = (from: string, to: string, overrides: Partial<UnitChange> = {}): UnitChange => ({
  kind: 'village',
  from,
  to,
  year: 2025,
  at: `2025-07-01T00:00:00.${String(clock++).padStart(3, '0')}Z`,
  ...overrides,
});
const at = (day: number) => `2025-07-${String(day).padStart(2, '0')}T08:00:00Z`;

describe('foldName', () => {
  it.each([
    ['Xã Tân Lập', 'xa tan lap'],
    ['Thôn Đồng Chằm', 'thon dong cham'],
    ['  ĐẮK   LẮK\t', 'dak lak'],
    ['Tân'.normalize('NFD'), 'tan'],
    ['Thôn\u00a0Hạ', 'thon ha'],
    ['Tổ dân phố 3', 'to dan pho 3'],
    ['', ''],
  ])('%j → %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('unitResolver', () => {
  type Case = [string, UnitChange[], Record<string, string>, Record<string, string[]>];
  it.each<Case>([
    ['no changes: every name is its own', [], { 'Thôn A': 'Thôn A' }, { 'Thôn A': [] }],
    [
      'a rename',
      [change('Thôn Hạ', 'Thôn Hạ Hòa')],
      { 'Thôn Hạ': 'Thôn Hạ Hòa', 'Thôn Hạ Hòa': 'Thôn Hạ Hòa', 'Thôn Khác': 'Thôn Khác' },
      { 'Thôn Hạ Hòa': ['Thôn Hạ'], 'Thôn Hạ': [] },
    ],
    [
      'a merge of two villages into a new one',
      [change('Thôn Đông', 'Thôn Đông Hòa'), change('Thôn Hòa', 'Thôn Đông Hòa')],
      { 'Thôn Đông': 'Thôn Đông Hòa', 'Thôn Hòa': 'Thôn Đông Hòa' },
      { 'Thôn Đông Hòa': ['Thôn Đông', 'Thôn Hòa'] },
    ],
    [
      'a merge into one of the two, which keeps its name',
      [change('Thôn Hòa', 'Thôn Đông')],
      { 'Thôn Đông': 'Thôn Đông', 'Thôn Hòa': 'Thôn Đông' },
      { 'Thôn Đông': ['Thôn Hòa'] },
    ],
    [
      'a chain A→B, B→C gives A→C',
      [change('Thôn A', 'Thôn B', { year: 2020 }), change('Thôn B', 'Thôn C', { year: 2025 })],
      { 'Thôn A': 'Thôn C', 'Thôn B': 'Thôn C', 'Thôn C': 'Thôn C' },
      { 'Thôn C': ['Thôn A', 'Thôn B'], 'Thôn B': [] },
    ],
    [
      'a chain recorded out of order',
      [change('Thôn B', 'Thôn C', { at: at(2) }), change('Thôn A', 'Thôn B', { at: at(1) })],
      { 'Thôn A': 'Thôn C', 'Thôn B': 'Thôn C' },
      { 'Thôn C': ['Thôn A', 'Thôn B'] },
    ],
    [
      'a chain whose first link was recorded late',
      [change('Thôn B', 'Thôn C', { at: at(1) }), change('Thôn A', 'Thôn B', { at: at(2) })],
      { 'Thôn A': 'Thôn C', 'Thôn B': 'Thôn C' },
      { 'Thôn C': ['Thôn A', 'Thôn B'] },
    ],
    [
      'merge then rename of the merged village',
      [change('Thôn 1', 'Thôn Mới'), change('Thôn 2', 'Thôn Mới'), change('Thôn Mới', 'Thôn Tân Mới')],
      { 'Thôn 1': 'Thôn Tân Mới', 'Thôn 2': 'Thôn Tân Mới', 'Thôn Mới': 'Thôn Tân Mới' },
      { 'Thôn Tân Mới': ['Thôn 1', 'Thôn 2', 'Thôn Mới'] },
    ],
    [
      'names compared folded, returned as written in the changes',
      [change('thon dong cham', 'Thôn Đồng Tâm')],
      { 'Thôn Đồng Chằm': 'Thôn Đồng Tâm', 'THÔN ĐỒNG CHẰM': 'Thôn Đồng Tâm', 'thôn đồng tâm': 'Thôn Đồng Tâm' },
      { 'thon dong tam': ['thon dong cham'] },
    ],
    [
      'the latest change of one name wins',
      [change('Thôn A', 'Thôn B', { at: at(1) }), change('Thôn A', 'Thôn C', { at: at(2) })],
      { 'Thôn A': 'Thôn C', 'Thôn B': 'Thôn B' },
      { 'Thôn C': ['Thôn A'], 'Thôn B': [] },
    ],
    [
      'a rename undone (A→B, B→A) gives A for both',
      [change('Thôn A', 'Thôn B', { at: at(1) }), change('Thôn B', 'Thôn A', { at: at(2) })],
      { 'Thôn A': 'Thôn A', 'Thôn B': 'Thôn A' },
      { 'Thôn A': ['Thôn B'], 'Thôn B': [] },
    ],
    [
      'a three-name cycle ends where the last change left it',
      [change('Thôn A', 'Thôn B'), change('Thôn B', 'Thôn C'), change('Thôn C', 'Thôn A')],
      { 'Thôn A': 'Thôn A', 'Thôn B': 'Thôn A', 'Thôn C': 'Thôn A' },
      { 'Thôn A': ['Thôn B', 'Thôn C'] },
    ],
    [
      "a loop recorded out of order ends at the latest change's name",
      [change('Thôn Y', 'Thôn Z'), change('Thôn X', 'Thôn Y'), change('Thôn Z', 'Thôn X')],
      { 'Thôn X': 'Thôn X', 'Thôn Y': 'Thôn X', 'Thôn Z': 'Thôn X' },
      { 'Thôn X': ['Thôn Y', 'Thôn Z'] },
    ],
    [
      'a loop entered from outside',
      [change('Thôn Ngoài', 'Thôn A'), change('Thôn A', 'Thôn B'), change('Thôn B', 'Thôn A')],
      { 'Thôn Ngoài': 'Thôn A', 'Thôn A': 'Thôn A', 'Thôn B': 'Thôn A' },
      { 'Thôn A': ['Thôn B', 'Thôn Ngoài'] },
    ],
    ['a self-rename is harmless', [change('Thôn A', 'Thôn A')], { 'Thôn A': 'Thôn A' }, { 'Thôn A': [] }],
    [
      'changes of the other kind are ignored',
      [change('Thôn A', 'Thôn B', { kind: 'center' })],
      { 'Thôn A': 'Thôn A' },
      { 'Thôn B': [] },
    ],
  ])('%s', (_name, changes, current, former) => {
    const resolver = unitResolver(changes, 'village');
    for (const [name, now] of Object.entries(current)) expect(resolver.current(name), name).toBe(now);
    for (const [name, before] of Object.entries(former)) expect(resolver.former(name), name).toEqual(before);
  });

  it('resolves centers separately from villages', () => {
    const changes = [
      change('TTHTCĐ Tân Lập', 'TTHTCĐ Tân Lập mới', { kind: 'center' }),
      change('Thôn Tân Lập', 'Thôn Lập Thành'),
    ];
    expect(unitResolver(changes, 'center').current('TTHTCĐ Tân Lập')).toBe('TTHTCĐ Tân Lập mới');
    expect(unitResolver(changes, 'center').current('Thôn Tân Lập')).toBe('Thôn Tân Lập');
    expect(unitResolver(changes, 'village').current('Thôn Tân Lập')).toBe('Thôn Lập Thành');
  });

  it('lists former names in Vietnamese order', () => {
    const changes = ['Thôn Đông', 'Thôn Dương', 'Thôn Ấp', 'Thôn Bình', 'Thôn An'].map((name) =>
      change(name, 'Thôn Hợp Nhất'),
    );
    expect(unitResolver(changes, 'village').former('Thôn Hợp Nhất')).toEqual([
      'Thôn An',
      'Thôn Ấp',
      'Thôn Bình',
      'Thôn Dương',
      'Thôn Đông',
    ]);
  });
});

describe('matchesUnit', () => {
  const commune = { name: 'Xã Tân Lập', formerNames: [] };
  const village = { name: 'Thôn Đồng Tâm', formerNames: ['Thôn Đồng Chằm', 'Thôn Bãi Sậy'] };

  it.each<[string, string, { name: string; formerNames: string[] }, boolean]>([
    ['an empty query matches all', '', commune, true],
    ['a blank query matches all', '   ', village, true],
    ['without accents', 'tan lap', commune, true],
    ['with accents', 'Tân Lập', commune, true],
    ['upper case', 'TÂN LẬP', commune, true],
    ['part of a word', 'lậ', commune, true],
    ['extra spaces', '  tan   lap ', commune, true],
    ['by a former name, without accents', 'dong cham', village, true],
    ['by another former name', 'bãi sậy', village, true],
    ['by the current name', 'đồng tâm', village, true],
    ['d for đ', 'dong', village, true],
    ['no match', 'tan lap', village, false],
    ['words out of order do not match', 'lap tan', commune, false],
  ])('%s: %j', (_name, query, unit, matches) => {
    expect(matchesUnit(query, unit)).toBe(matches);
  });
});

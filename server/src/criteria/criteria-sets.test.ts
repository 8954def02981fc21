import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { CriteriaSets } from './criteria-sets.ts';

/**
 * Issue 24: decision 324/QĐ-KHVN (October 2023) replaced the 2022 three-group sets with a framework
 * and four subject sets. A box that no one configured goes by the 2023 version from 2024 on, and by
 * the 2022 one for the years scored on it; a configured choice replaces the default.
 */

const configDir = resolve(import.meta.dirname, '../../../kiosk-config');
const setOf = (env: Record<string, string>, year: number) => {
  const set = new CriteriaSets(loadConfig({ configDir, env })).forYear(year);
  return { ref: `${set.id}@${set.version}`, groups: set.groups.map((g) => g.id) };
};

describe('the CDHT criteria set a year goes by', () => {
  it.each([
    [2022, 'cdht-2022@2022.1', ['nhom-1', 'nhom-2', 'nhom-3']],
    [2023, 'cdht-2022@2022.1', ['nhom-1', 'nhom-2', 'nhom-3']],
    [2024, 'cdht-2023@2023.1', ['cu-dan', 'nguoi-lao-dong', 'can-bo', 'hoc-sinh']],
    [2026, 'cdht-2023@2023.1', ['cu-dan', 'nguoi-lao-dong', 'can-bo', 'hoc-sinh']],
    [2030, 'cdht-2023@2023.1', ['cu-dan', 'nguoi-lao-dong', 'can-bo', 'hoc-sinh']],
  ])('by default, %i: %s', (year, ref, groups) => {
    expect(setOf({}, year)).toEqual({ ref, groups });
  });

  it('a province that keeps the 2022 set says so, and its choice replaces the default', () => {
    const env = { KIOSK_CDHT_CRITERIA_SET: 'cdht-2022@2022.1' };
    expect(setOf(env, 2026).ref).toBe('cdht-2022@2022.1');
    const byYear = { KIOSK_CDHT_CRITERIA_SET_BY_YEAR: JSON.stringify({ 2027: 'cdht-2022@2022.1' }) };
    expect([2023, 2026, 2027].map((y) => setOf(byYear, y).ref)).toEqual([
      'cdht-2023@2023.1',
      'cdht-2023@2023.1',
      'cdht-2022@2022.1',
    ]);
  });
});

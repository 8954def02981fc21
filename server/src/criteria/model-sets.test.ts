import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { ConfigError, loadConfig } from '../config/load.ts';
import { loadModelSets } from '../config/model-set-files.ts';
import { ModelSets, parseModelSet } from './model-sets.ts';

const configDir = new URL('../../../kiosk-config', import.meta.url).pathname;
const shipped = (file: string) =>
  JSON.parse(readFileSync(join(configDir, 'criteria', file), 'utf8')) as Record<string, any>;
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of kiosk-config with criteria files added or replaced. */
function configWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'model-sets-'));
  made.push(dir);
  cpSync(configDir, dir, { recursive: true });
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, 'criteria', name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('loadModelSets', () => {
  it('loads the four shipped sets and leaves the CDHT sets to the config loader', () => {
    const sets = loadModelSets(join(configDir, 'criteria'));
    expect(sets.map((s) => `${s.title}:${s.subjectKind}`)).toEqual([
      'cddht:community',
      'dhht:clan',
      'dvht:unit',
      'gdht:household',
    ]);
    const config = loadConfig({ configDir, env: {} });
    expect(config.criteriaSets.map((s) => s.title)).toEqual(['cdht', 'cdht']);
    expect(config.modelTargets.national.families).toEqual({ 2025: 0.7, 2030: 0.8 });
  });

  it.each<[string, (set: Record<string, any>) => void, RegExp]>([
    [
      'items that do not add up',
      (s) => {
        s.criteria[1].items[0].points = 14;
      },
      /gdht-2025\.json, key "\(set\)": \[criteria\.points-mismatch\] criterion TC2: its items add up to 29 points, the criterion has 30/,
    ],
    [
      'a pass threshold above the total',
      (s) => {
        s.scoring.passTotal = 120;
      },
      /\[criteria\.points-mismatch\] pass threshold 120 is above the total 100/,
    ],
    [
      'an item without evidence',
      (s) => {
        s.criteria[0].items[1].evidence = [];
      },
      /gdht-2025\.json, key "criteria\.0\.items\.1\.evidence": give 2 to 4 evidence examples/,
    ],
    [
      'an unknown computation',
      (s) => {
        s.criteria[1].items[0].rule.compute = 'household-income';
      },
      /gdht-2025\.json, key "criteria\.1\.items\.0\.rule\.compute"/,
    ],
  ])('stops the start on %s, naming the file and the item', (_name, change, message) => {
    const set = shipped('gdht-2025.json');
    change(set);
    const dir = configWith({ 'gdht-2025.json': set });
    expect(() => loadModelSets(join(dir, 'criteria'))).toThrow(ConfigError);
    expect(() => loadModelSets(join(dir, 'criteria'))).toThrow(message);
    // The box's configuration loader checks model sets too: the start stops with the same message.
    expect(() => loadConfig({ configDir: dir, env: {} })).toThrow(message);
  });

  it('refuses two files with the same set and version', () => {
    const dir = configWith({ 'gdht-copy.json': shipped('gdht-2025.json') });
    expect(() => loadModelSets(join(dir, 'criteria'))).toThrow(/gdht-2025@2025\.1.*two files hold the same set/);
  });

  it('refuses a file that is not JSON', () => {
    const dir = configWith({ 'dvht-2025.json': '{ nope' });
    expect(() => loadModelSets(join(dir, 'criteria'))).toThrow(/dvht-2025\.json.*not valid JSON/);
  });
});

describe('parseModelSet', () => {
  const refusal = (data: unknown): AppError => {
    try {
      parseModelSet(data);
    } catch (e) {
      return e as AppError;
    }
    throw new Error('not refused');
  };

  it('takes a valid set', () => {
    expect(parseModelSet(shipped('dvht-2025.json')).id).toBe('dvht-2025');
  });

  it('refuses points that do not add up with criteria.points-mismatch, listing the problems', () => {
    const set = shipped('dhht-2025.json');
    set.scoring.total = 90;
    const e = refusal(set);
    expect(e.code).toBe('criteria.points-mismatch');
    expect(e.details).toEqual({
      set: 'dhht-2025',
      problems: ['(set): [criteria.points-mismatch] the criteria add up to 100 points, the total is 90'],
    });
  });

  it('refuses any other problem with criteria.invalid', () => {
    const set = shipped('cddht-2025.json');
    set.subjectKind = 'unit';
    expect(refusal(set).code).toBe('criteria.invalid');
    expect(refusal({ id: 'x' }).code).toBe('criteria.invalid');
  });
});

describe('ModelSets', () => {
  const base = loadModelSets(join(configDir, 'criteria'));
  const gdht = base.find((s) => s.id === 'gdht-2025')!;

  it('finds a set by id and version, refusing an unknown one with a stable code', () => {
    const sets = new ModelSets(base);
    expect(sets.find('gdht-2025', '2025.1')).toBe(gdht);
    expect(() => sets.find('gdht-2025', '9')).toThrow(
      expect.objectContaining({ code: 'assessment.criteria-set-unknown' }),
    );
  });

  it.each<[string, { status: 'default' | 'official'; version: string }[], string]>([
    ['the only set', [], '2025.1'],
    [
      'a later default version',
      [
        { status: 'default', version: '2025.10' },
        { status: 'default', version: '2025.9' },
      ],
      '2025.10',
    ],
    [
      'an official set before a later default one',
      [
        { status: 'official', version: '2025.2' },
        { status: 'default', version: '2026.1' },
      ],
      '2025.2',
    ],
  ])('goes by %s', (_name, extra, version) => {
    const sets = new ModelSets([...base, ...extra.map((x) => ({ ...gdht, ...x }))]);
    expect(sets.current('gdht').version).toBe(version);
  });
});

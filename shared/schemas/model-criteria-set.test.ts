import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CriteriaSetSchema } from './criteria-set.ts';
import {
  isModelCriteriaSetData,
  ModelCriteriaSetSchema,
  modelSetProblems,
  titleSubject,
  type ModelCriteriaSet,
} from './model-criteria-set.ts';
import { pointsSet, type AnySet, item } from './model-criteria-set.test-setup.ts';

const shippedFile = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../kiosk-config/criteria/${name}`, import.meta.url), 'utf8'));

describe('the four shipped default sets', () => {
  it.each([
    ['gdht-2025.json', 'household', 'points'],
    ['dhht-2025.json', 'clan', 'points'],
    ['cddht-2025.json', 'community', 'targets'],
    ['dvht-2025.json', 'unit', 'targets'],
  ])('%s parses as a %s set, %s-based, marked default with a notice', (file, subject, kind) => {
    const r = v.safeParse(ModelCriteriaSetSchema, shippedFile(file));
    expect(r.issues).toBeUndefined();
    const set = r.output as ModelCriteriaSet;
    expect(set.subjectKind).toBe(subject);
    expect(set.scoring.kind).toBe(kind);
    expect(set.status).toBe('default');
    expect(set.notice).toMatch(/thay bằng văn bản của tỉnh/);
    expect(`${set.id}.json`).toBe(file);
  });

  it('gives a learning community 36 months and a wait of 12 before level 2', () => {
    const set = v.parse(ModelCriteriaSetSchema, shippedFile('cddht-2025.json'));
    expect(set.recognition).toEqual({ validityMonths: 36, recognizedBy: 'commune', nextLevelAfterMonths: 12 });
  });

  it('asks the unit for 90 % of its people as CDHT at level 1 and 95 % at level 2', () => {
    const set = v.parse(ModelCriteriaSetSchema, shippedFile('dvht-2025.json'));
    const rules = set.criteria
      .flatMap((c) => c.items)
      .flatMap((i) =>
        i.source === 'computed' && i.rule.compute === 'unit-members-cdht-share' ? [[i.level ?? 1, i.rule.atLeast]] : [],
      );
    expect(rules).toEqual([
      [1, 0.9],
      [2, 0.95],
    ]);
  });

  it('makes "at least half the households are learning families" a condition of the clan', () => {
    const set = v.parse(ModelCriteriaSetSchema, shippedFile('dhht-2025.json'));
    const item = set.criteria
      .flatMap((c) => c.items)
      .find((i) => i.source === 'computed' && i.rule.compute === 'clan-households-family-share');
    expect(item).toMatchObject({ condition: true, rule: { atLeast: 0.5 } });
  });

  it('are told apart from the CDHT sets, which they do not parse as', () => {
    for (const file of ['gdht-2025.json', 'dhht-2025.json', 'cddht-2025.json', 'dvht-2025.json']) {
      expect(isModelCriteriaSetData(shippedFile(file)), file).toBe(true);
      expect(v.safeParse(CriteriaSetSchema, shippedFile(file)).success, file).toBe(false);
    }
    expect(isModelCriteriaSetData(shippedFile('cdht-2022.json'))).toBe(false);
    expect(isModelCriteriaSetData(shippedFile('cdht-2023.json'))).toBe(false);
  });
});

describe('modelSetProblems', () => {
  it('names every problem of a set, each with its code', () => {
    const set = structuredClone(pointsSet) as AnySet;
    item(set, 0, 0).points = 5;
    set.scoring.passTotal = 60;
    const problems = modelSetProblems(set as ModelCriteriaSet);
    expect(problems).toEqual([
      {
        code: 'criteria.points-mismatch',
        message: 'criterion TC1: its items add up to 15 points, the criterion has 20',
      },
      { code: 'criteria.points-mismatch', message: 'pass threshold 60 is above the total 50' },
    ]);
  });

  it('maps each title to one subject kind', () => {
    expect(Object.values(titleSubject).sort()).toEqual(['clan', 'community', 'household', 'unit']);
  });
});

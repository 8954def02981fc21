import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ModelCriteriaSetSchema } from './model-criteria-set.ts';
import { pointsSet, targetsSet, type AnySet, item } from './model-criteria-set.test-setup.ts';

describe('ModelCriteriaSetSchema refuses', () => {
  it.each<[string, AnySet, (s: AnySet) => void, string | null]>([
    ['nothing in a points set that adds up', pointsSet, () => {}, null],
    ['nothing in a targets set with a target per level', targetsSet, () => {}, null],
    [
      'items that do not add up to their criterion',
      pointsSet,
      (s) => {
        item(s, 0, 0).points = 5;
      },
      '[criteria.points-mismatch] criterion TC1: its items add up to 15 points, the criterion has 20',
    ],
    [
      'criteria that do not add up to the total',
      pointsSet,
      (s) => {
        s.scoring.total = 60;
      },
      '[criteria.points-mismatch] the criteria add up to 50 points, the total is 60',
    ],
    [
      'a pass threshold above the total',
      pointsSet,
      (s) => {
        s.scoring.passTotal = 51;
      },
      '[criteria.points-mismatch] pass threshold 51 is above the total 50',
    ],
    [
      'bands listed out of order',
      pointsSet,
      (s) => {
        s.scoring.bands = [
          { id: 'kha', label: 'Khá', min: 30 },
          { id: 'tot', label: 'Tốt', min: 40 },
        ];
      },
      '[criteria.points-mismatch] band tot (from 40) must start below band kha (from 30)',
    ],
    [
      'two bands from the same points',
      pointsSet,
      (s) => {
        s.scoring.bands[1].min = 40;
      },
      '[criteria.points-mismatch] band kha (from 40) must start below band tot',
    ],
    [
      'a band above the total',
      pointsSet,
      (s) => {
        s.scoring.bands[0].min = 55;
      },
      '[criteria.points-mismatch] band tot: from 55 is above the total 50',
    ],
    [
      'a criterion minimum above its points',
      pointsSet,
      (s) => {
        s.criteria[0].minPoints = 25;
      },
      '[criteria.points-mismatch] criterion TC1: minimum 25 is above its 20 points',
    ],
    [
      'an item without points in a points set',
      pointsSet,
      (s) => {
        delete item(s, 1, 0).points;
      },
      '[criteria.invalid] item B1 needs its points',
    ],
    [
      'a criterion without points in a points set',
      pointsSet,
      (s) => {
        delete s.criteria[1].points;
      },
      '[criteria.invalid] criterion TC2 needs its points',
    ],
    [
      'a computation of another subject',
      pointsSet,
      (s) => {
        item(s, 0, 1).rule = { compute: 'unit-members-cdht-share', atLeast: 0.9 };
      },
      "[criteria.invalid] item A2: unit-members-cdht-share reads a unit's facts, not a household's",
    ],
    [
      'a title of another subject',
      pointsSet,
      (s) => {
        s.subjectKind = 'clan';
      },
      '[criteria.invalid] title gdht assesses a household, not a clan',
    ],
    [
      'two items with one id',
      pointsSet,
      (s) => {
        item(s, 1, 0).id = 'A1';
      },
      '[criteria.invalid] item id A1 is used twice',
    ],
    [
      'an unknown computation',
      pointsSet,
      (s) => {
        item(s, 0, 1).rule = { compute: 'household-income', atLeast: 0.5 };
      },
      'Invalid type',
    ],
    [
      'a share above 1',
      pointsSet,
      (s) => {
        item(s, 0, 1).rule.atLeast = 1.5;
      },
      'must be from 0 to 1',
    ],
    [
      'a single evidence example',
      pointsSet,
      (s) => {
        item(s, 0, 0).evidence = ['Ảnh'];
      },
      'give 2 to 4 evidence examples',
    ],
    [
      'a validity of 0 months',
      pointsSet,
      (s) => {
        s.recognition.validityMonths = 0;
      },
      'must be at least 1',
    ],
    [
      'an unknown recognizing level',
      pointsSet,
      (s) => {
        s.recognition.recognizedBy = 'district';
      },
      'Invalid type',
    ],
    [
      'points in a targets set',
      targetsSet,
      (s) => {
        item(s, 0, 2).points = 5;
      },
      '[criteria.invalid] item U3: a targets set has no points',
    ],
    [
      'a target of a level the set does not have',
      targetsSet,
      (s) => {
        item(s, 0, 1).level = 3;
      },
      "[criteria.invalid] item U2: level 3 is not one of the set's levels",
    ],
    [
      'a level with no targets of its own',
      targetsSet,
      (s) => {
        delete item(s, 0, 1).level;
      },
      '[criteria.invalid] level 2 has no targets of its own',
    ],
    [
      'levels not numbered from 1',
      targetsSet,
      (s) => {
        s.scoring.levels = [{ level: 2, label: 'Mức 2' }];
      },
      'levels must be numbered 1, 2',
    ],
    [
      'a wait for the next level in a points set',
      pointsSet,
      (s) => {
        s.recognition.nextLevelAfterMonths = 12;
      },
      'nextLevelAfterMonths is only for a targets set',
    ],
    [
      'an unknown field',
      pointsSet,
      (s) => {
        s.colour = 'red';
      },
      'Invalid key',
    ],
  ])('%s', (_name, base, change, problem) => {
    const set = structuredClone(base);
    change(set);
    const r = v.safeParse(ModelCriteriaSetSchema, set);
    if (problem === null) {
      expect(r.issues).toBeUndefined();
    } else {
      expect(r.success).toBe(false);
      expect(r.issues?.map((i) => i.message).join(' | ')).toContain(problem);
    }
  });
});

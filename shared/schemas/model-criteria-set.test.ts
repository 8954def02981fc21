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

const declared = (id: string, extra: object = {}) => ({
  id,
  source: 'declared',
  short: 'Có sách',
  text: 'Gia đình có sách báo',
  explain: 'Có hay đọc không',
  evidence: ['Ảnh tủ sách', 'Kể tên sách'],
  ...extra,
});
const computed = (id: string, extra: object = {}) => ({
  id,
  source: 'computed',
  short: 'Người lớn là CDHT',
  explain: 'Máy tự đếm',
  rule: { compute: 'household-adults-cdht-share', atLeast: 0.5 },
  ...extra,
});
const pointsSet = {
  id: 'gdht-test',
  version: '1',
  title: 'gdht',
  subjectKind: 'household',
  name: 'Bộ thử',
  status: 'default',
  source: 'Tự viết',
  recognition: { validityMonths: 12, recognizedBy: 'commune' },
  scoring: {
    kind: 'points',
    total: 50,
    passTotal: 30,
    bands: [
      { id: 'tot', label: 'Tốt', min: 40 },
      { id: 'kha', label: 'Khá', min: 30 },
    ],
  },
  criteria: [
    {
      id: 'TC1',
      title: 'Trẻ em',
      points: 20,
      minPoints: 10,
      items: [declared('A1', { points: 10 }), computed('A2', { points: 10 })],
    },
    { id: 'TC2', title: 'Người lớn', points: 30, items: [declared('B1', { points: 30 })] },
  ],
};
const targetsSet = {
  id: 'dvht-test',
  version: '1',
  title: 'dvht',
  subjectKind: 'unit',
  name: 'Bộ thử',
  status: 'official',
  source: 'Tự viết',
  recognition: { validityMonths: 12, recognizedBy: 'province', nextLevelAfterMonths: 12 },
  scoring: {
    kind: 'targets',
    levels: [
      { level: 1, label: 'Mức 1' },
      { level: 2, label: 'Mức 2' },
    ],
  },
  criteria: [
    {
      id: 'TC1',
      title: 'Người học',
      items: [
        computed('U1', { rule: { compute: 'unit-members-cdht-share', atLeast: 0.9 } }),
        computed('U2', { level: 2, rule: { compute: 'unit-members-cdht-share', atLeast: 0.95 } }),
        declared('U3'),
      ],
    },
  ],
};
type AnySet = Record<string, any>;
const item = (s: AnySet, c: number, i: number) => s.criteria[c].items[i];

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

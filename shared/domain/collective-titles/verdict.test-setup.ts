import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ModelCriteriaSetSchema, type ModelCriteriaSet } from '../../schemas/model-criteria-set.ts';
import type { HouseholdSubjectFacts } from './subject-facts.ts';
import type { DeclaredAnswers, ModelShortfall } from './verdict.ts';

/** The shipped criteria sets and the facts and answers the modelVerdict tests build on. */
export const shipped = (name: string): ModelCriteriaSet =>
  v.parse(
    ModelCriteriaSetSchema,
    JSON.parse(readFileSync(new URL(`../../../kiosk-config/criteria/${name}.json`, import.meta.url), 'utf8')),
  );
export const gdht = shipped('gdht-2025');
export const dhht = shipped('dhht-2025');
export const cddht = shipped('cddht-2025');
export const dvht = shipped('dvht-2025');

export const adult = (personId: string, ...recognizedCdhtYears: number[]) => ({ personId, recognizedCdhtYears });
export const household = (overrides: Partial<HouseholdSubjectFacts> = {}): HouseholdSubjectFacts => ({
  kind: 'household',
  householdId: 'h',
  village: 'Thôn Đông',
  adults: [adult('a', 2025), adult('b', 2025), adult('c')],
  schoolAgeChildren: 2,
  allChildrenInSchool: true,
  familyYears: [],
  ...overrides,
});

/** Full points on every declared item of a points set, less `minus` taken one point at a time from each item in turn. */
export function declaredScores(set: ModelCriteriaSet, minus = 0, overrides: DeclaredAnswers = {}): DeclaredAnswers {
  const answers: Record<string, number> = {};
  const declared = set.criteria.flatMap((c) => c.items).filter((i) => i.source === 'declared');
  for (const item of declared) answers[item.id] = item.points ?? 0;
  for (let left = minus; left > 0;) {
    const before = left;
    for (const item of declared) {
      if (left > 0 && answers[item.id]! > 0) {
        answers[item.id]! -= 1;
        left -= 1;
      }
    }
    if (left === before) throw new Error(`cannot take ${minus} points`);
  }
  return { ...answers, ...overrides };
}

/** Every declared target of a targets set met up to `level` and not above it. */
export function declaredTargets(
  set: ModelCriteriaSet,
  level: number,
  overrides: DeclaredAnswers = {},
): DeclaredAnswers {
  const answers: Record<string, boolean> = {};
  for (const item of set.criteria.flatMap((c) => c.items))
    if (item.source === 'declared') answers[item.id] = (item.level ?? 1) <= level;
  return { ...answers, ...overrides };
}

export const kinds = (shortfalls: ModelShortfall[]) =>
  shortfalls.map((s) =>
    'itemId' in s ? `${s.kind}:${s.itemId}` : 'criterionId' in s ? `${s.kind}:${s.criterionId}` : s.kind,
  );

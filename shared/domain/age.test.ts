import { describe, expect, it } from 'vitest';
import {
  ageIn,
  birthYearRange,
  groupProblem,
  groupsOpenTo,
  isChild,
  registrationAgeProblem,
  type AgeRules,
} from './age.ts';

const rules: AgeRules = { minAge: 6, maxAge: 120, guardianUnder: 16, minors: 'assisted' };

describe('age from the birth year', () => {
  it('is the age reached in the assessment year', () => {
    expect(ageIn(2010, 2026)).toBe(16);
    expect(isChild(2010, 2026, rules)).toBe(false);
    expect(isChild(2011, 2026, rules)).toBe(true);
    expect(birthYearRange(2026, rules)).toEqual({ earliest: 1906, latest: 2020 });
  });

  it.each<
    [string, number, { assisted: boolean; guardian: boolean }, AgeRules, ReturnType<typeof registrationAgeProblem>]
  >([
    ['an adult alone', 1954, { assisted: false, guardian: false }, rules, null],
    ['the oldest age', 1906, { assisted: false, guardian: false }, rules, null],
    ['older than maxAge', 1905, { assisted: false, guardian: false }, rules, 'person.birth-year-out-of-range'],
    ['1900', 1900, { assisted: false, guardian: false }, rules, 'person.birth-year-out-of-range'],
    ['born this year', 2026, { assisted: false, guardian: false }, rules, 'person.birth-year-out-of-range'],
    ['born in 2100', 2100, { assisted: false, guardian: false }, rules, 'person.birth-year-out-of-range'],
    ['younger than minAge', 2021, { assisted: true, guardian: true }, rules, 'person.birth-year-out-of-range'],
    ['a 16-year-old alone', 2010, { assisted: false, guardian: false }, rules, null],
    ['a 14-year-old alone', 2012, { assisted: false, guardian: false }, rules, 'person.child-needs-assistance'],
    [
      'a 14-year-old alone with a guardian typed in',
      2012,
      { assisted: false, guardian: true },
      rules,
      'person.child-needs-assistance',
    ],
    [
      'a 14-year-old assisted, no guardian',
      2012,
      { assisted: true, guardian: false },
      rules,
      'person.guardian-consent-required',
    ],
    ['a 14-year-old assisted with her guardian', 2012, { assisted: true, guardian: true }, rules, null],
    ['the youngest, assisted with her guardian', 2020, { assisted: true, guardian: true }, rules, null],
    [
      'a child where the center takes none',
      2012,
      { assisted: true, guardian: true },
      { ...rules, minors: 'off' },
      'person.minors-off',
    ],
    ['an adult with a guardian', 1990, { assisted: true, guardian: true }, rules, 'person.guardian-not-needed'],
  ])('%s → %s', (_name, birthYear, given, r, expected) => {
    expect(registrationAgeProblem(birthYear, 2026, r, given)).toBe(expected);
  });
});

describe('subject groups and children', () => {
  const groups = [{ id: 'cu-dan' }, { id: 'hoc-sinh', minors: 'with-guardian-consent' as const }];
  it.each<[string, boolean, boolean, string[]]>([
    ['an adult: every group', false, false, ['cu-dan', 'hoc-sinh']],
    ["a child with her guardian's consent: the learners' group only", true, true, ['hoc-sinh']],
    ['a child without it: none', true, false, []],
  ])('%s', (_name, child, consent, ids) => {
    expect(groupsOpenTo(groups, child, consent).map((g) => g.id)).toEqual(ids);
  });

  it('names why a group is refused', () => {
    expect(groupProblem(groups[0]!, true, true)).toBe('assessment.child-group');
    expect(groupProblem(groups[1]!, true, false)).toBe('person.guardian-consent-required');
    expect(groupProblem(groups[0]!, false, false)).toBeNull();
  });
});

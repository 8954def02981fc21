import type { Computation } from '../../schemas/model-criteria-set.ts';
import type {
  ClanSubjectFacts,
  CommunitySubjectFacts,
  HouseholdSubjectFacts,
  SubjectFacts,
  UnitSubjectFacts,
} from './subject-facts.ts';

/** Facts builders and the computations the computeItem tables read. */
export const adult = (personId: string, ...recognizedCdhtYears: number[]) => ({ personId, recognizedCdhtYears });
export const household = (overrides: Partial<HouseholdSubjectFacts> = {}): HouseholdSubjectFacts => ({
  kind: 'household',
  householdId: 'h',
  village: 'Thôn Đông',
  adults: [],
  schoolAgeChildren: 0,
  allChildrenInSchool: null,
  familyYears: [],
  ...overrides,
});
export const clan = (...households: HouseholdSubjectFacts[]): ClanSubjectFacts => ({
  kind: 'clan',
  clanId: 'c',
  households,
});
export const community = (overrides: Partial<CommunitySubjectFacts> = {}): CommunitySubjectFacts => ({
  kind: 'community',
  village: 'Thôn Đông',
  households: 10,
  adults: 100,
  registeredHouseholds: [],
  clans: [],
  cdhtRecognizedByYear: {},
  ...overrides,
});
export const unit = (staffCount: number | null, ...members: ReturnType<typeof adult>[]): UnitSubjectFacts => ({
  kind: 'unit',
  unitId: 'u',
  staffCount,
  members,
});
export const families = (recognized: number, not: number) => [
  ...Array.from({ length: recognized }, (_, n) => ({ householdId: `r${n}`, familyYears: [2025] })),
  ...Array.from({ length: not }, (_, n) => ({ householdId: `n${n}`, familyYears: [2024] })),
];

export type Row = [
  string,
  Computation,
  SubjectFacts,
  { value: number | null; met: boolean; decisionsYear: number | null; explanation: string },
];

export const adultsHalf: Computation = {
  compute: 'household-adults-cdht-share',
  atLeast: 0.5,
  decisionsOf: 'same-year',
};
export const children: Computation = { compute: 'household-children-in-school' };
export const clanHalf: Computation = {
  compute: 'clan-households-family-share',
  atLeast: 0.5,
  decisionsOf: 'same-year',
};
export const clanChildren: Computation = { compute: 'clan-children-in-school' };
export const villageFamilies: Computation = {
  compute: 'village-households-family-share',
  atLeast: 0.5,
  decisionsOf: 'same-year',
};
export const villageClans: Computation = { compute: 'village-clans-share', atLeast: 0.5, decisionsOf: 'same-year' };
export const villageAdults: Computation = {
  compute: 'village-adults-cdht-share',
  atLeast: 0.3,
  decisionsOf: 'same-year',
};
export const unit90: Computation = { compute: 'unit-members-cdht-share', atLeast: 0.9, decisionsOf: 'same-year' };
export const unit95: Computation = { compute: 'unit-members-cdht-share', atLeast: 0.95, decisionsOf: 'same-year' };
export const recognizedPeople = (n: number, of: number) =>
  Array.from({ length: of }, (_, i) => adult(`p${i}`, ...(i < n ? [2025] : [])));

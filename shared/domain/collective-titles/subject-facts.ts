/**
 * What the computed items of the four other titles read (computations.ts): the registry's facts about
 * a household, a clan, a village as a learning community or a unit, for one assessment.
 */

/** An adult linked to a household or unit: only whether and when they were recognized as CDHT. */
export interface PersonFacts {
  personId: string;
  /** Years whose decisions recognized the person as CDHT. */
  recognizedCdhtYears: readonly number[];
}

/**
 * A household: its linked adults and its children as household-level facts only (how many are of
 * school age, whether all attend school). No child's name, birth year or grade ever reaches here.
 */
export interface HouseholdSubjectFacts {
  kind: 'household';
  householdId: string;
  village: string;
  adults: readonly PersonFacts[];
  schoolAgeChildren: number;
  /** null while not answered (or when there is no school-age child). */
  allChildrenInSchool: boolean | null;
  /** Years the household counts as a learning family (shared/domain/collective-titles/validity.ts, countedYears). */
  familyYears: readonly number[];
}

/** A clan: its member households, wherever they live (a clan often spans villages). */
export interface ClanSubjectFacts {
  kind: 'clan';
  clanId: string;
  households: readonly HouseholdSubjectFacts[];
}

/** A village as a learning community, with the figures the commune entered for the year. */
export interface CommunitySubjectFacts {
  kind: 'community';
  village: string;
  /** All households of the village, as the commune entered them for the year; null when not entered. */
  households: number | null;
  /** All adults of the village, as entered; null when not entered. */
  adults: number | null;
  /** The village's registered households: only those recognized count, over `households`. */
  registeredHouseholds: readonly { householdId: string; familyYears: readonly number[] }[];
  /** Clans with at least one household in the village. */
  clans: readonly { clanId: string; clanYears: readonly number[] }[];
  /** People of the village recognized as CDHT, by the year of the decisions ("2025": 312). */
  cdhtRecognizedByYear: Readonly<Record<string, number>>;
}

/** A unit: the staff count its leader entered for the year and the staff linked to their person records. */
export interface UnitSubjectFacts {
  kind: 'unit';
  unitId: string;
  /** null when not entered for the year. */
  staffCount: number | null;
  members: readonly PersonFacts[];
}

export type SubjectFacts = HouseholdSubjectFacts | ClanSubjectFacts | CommunitySubjectFacts | UnitSubjectFacts;

/**
 * Age from a birth year, and who counts as a child (Law 91/2025: a child's data needs a parent's or
 * guardian's consent). We never ask for a birth date, so an age is the age a person reaches in the
 * assessment year: born 2010, she is 16 in 2026 from her birthday on, and counts as 16 all year.
 * The rules come from the configuration (person.minAge, person.maxAge, person.guardianUnder,
 * person.minors); the box checks them and the tablet checks the same ones from the kiosk info.
 */

export interface AgeRules {
  /** Youngest age at which anyone is registered at all. */
  minAge: number;
  /** Oldest age a birth year may give (an older one is a typing mistake). */
  maxAge: number;
  /** Under this age a person is a child. */
  guardianUnder: number;
  /** 'assisted': a child is registered with a facilitator and a guardian's consent; 'off': not at all. */
  minors: 'assisted' | 'off';
}

/** The age a person born in `birthYear` reaches in `year`. */
export function ageIn(birthYear: number, year: number): number {
  return year - birthYear;
}

/** The birth years a registration for `year` may give, both ends included. */
export function birthYearRange(
  year: number,
  rules: Pick<AgeRules, 'minAge' | 'maxAge'>,
): { earliest: number; latest: number } {
  return { earliest: year - rules.maxAge, latest: year - rules.minAge };
}

export function birthYearInRange(birthYear: number, year: number, rules: Pick<AgeRules, 'minAge' | 'maxAge'>): boolean {
  const { earliest, latest } = birthYearRange(year, rules);
  return Number.isInteger(birthYear) && birthYear >= earliest && birthYear <= latest;
}

/** A child in `year`: younger than person.guardianUnder. */
export function isChild(birthYear: number, year: number, rules: Pick<AgeRules, 'guardianUnder'>): boolean {
  return ageIn(birthYear, year) < rules.guardianUnder;
}

/** Why a registration's age refuses it, as the box's error code; null when it may go on. */
export type RegistrationAgeProblem =
  | 'person.birth-year-out-of-range'
  | 'person.minors-off'
  | 'person.child-needs-assistance'
  | 'person.guardian-consent-required'
  | 'person.guardian-not-needed';

/**
 * The age rules of a registration: the birth year in range; a child only where the center takes
 * children, only with a facilitator beside her (`assisted`) and her guardian's consent (`guardian`);
 * an adult's registration carries no guardian (we collect no more than we need).
 */
export function registrationAgeProblem(
  birthYear: number,
  year: number,
  rules: AgeRules,
  given: { assisted: boolean; guardian: boolean },
): RegistrationAgeProblem | null {
  if (!birthYearInRange(birthYear, year, rules)) return 'person.birth-year-out-of-range';
  if (!isChild(birthYear, year, rules)) return given.guardian ? 'person.guardian-not-needed' : null;
  if (rules.minors === 'off') return 'person.minors-off';
  if (!given.assisted) return 'person.child-needs-assistance';
  if (!given.guardian) return 'person.guardian-consent-required';
  return null;
}

/** What a subject group says about children: the learners' group takes them with a guardian's consent. */
export interface GroupForChildren {
  minors?: 'with-guardian-consent';
}

/** Why a person may not be assessed in a group, as the box's error code; null when she may. */
export function groupProblem(
  group: GroupForChildren,
  child: boolean,
  guardianConsent: boolean,
): 'assessment.child-group' | 'person.guardian-consent-required' | null {
  if (!child) return null;
  // A child is not a CDHT subject on her own: only a group meant for pupils and students takes her.
  if (group.minors !== 'with-guardian-consent') return 'assessment.child-group';
  return guardianConsent ? null : 'person.guardian-consent-required';
}

/** The groups a person may choose: all for an adult; for a child, those that take her consent as recorded. */
export function groupsOpenTo<G extends GroupForChildren>(
  groups: readonly G[],
  child: boolean,
  guardianConsent: boolean,
): G[] {
  return groups.filter((g) => groupProblem(g, child, guardianConsent) === null);
}

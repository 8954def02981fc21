import type { PersonFacts } from './subject-facts.ts';

/**
 * One commune's registry of the four other titles as the rates (rates.ts, modelRates) take it: the
 * subjects registered with the years they were assessed and recognized, and the figures the
 * commune entered per village.
 */

/** Where a subject stands in the registry, by year. */
export interface RegistryStatus {
  /** The year it was registered; the caller leaves out subjects no longer on record. */
  registeredYear: number;
  /** Years it submitted a self-assessment for. */
  assessedYears: readonly number[];
  /** Years it counts as recognized (shared/domain/collective-titles/validity.ts, countedYears). */
  recognizedYears: readonly number[];
}

export interface RegistryHousehold extends RegistryStatus {
  householdId: string;
  /** The village as recorded (possibly a former name). */
  village: string;
  clanId: string | null;
  adults: readonly PersonFacts[];
}

export interface RegistryClan extends RegistryStatus {
  clanId: string;
}

/** A village's own assessments as a learning community, under the name it had then. */
export interface RegistryCommunity {
  village: string;
  assessedYears: readonly number[];
  recognizedYears: readonly number[];
}

export interface RegistryUnit extends RegistryStatus {
  unitId: string;
  village: string;
  /** The staff count entered for the year; null when not entered. */
  staffCount: number | null;
  members: readonly PersonFacts[];
}

/** What the commune entered and counted per village for the year (under the name used then). */
export interface VillageFigures {
  village: string;
  households: number | null;
  adults: number | null;
  /** People of the village recognized as CDHT for the year. */
  cdhtRecognized: number;
}

/** The registry of one commune, as it stands for the year asked. */
export interface ModelRegistry {
  /** The commune's villages by current name. */
  villages: readonly string[];
  figures: readonly VillageFigures[];
  households: readonly RegistryHousehold[];
  clans: readonly RegistryClan[];
  communities: readonly RegistryCommunity[];
  units: readonly RegistryUnit[];
  /**
   * All clans, and all agencies, schools, enterprises and other organisations, of the commune for
   * the year as the commune entered them (decision 387 counts those, not only the registered ones);
   * null or absent when not entered.
   */
  totals?: { clans: number | null; units: number | null };
}

/** Current and former names of villages (shared/domain/units.ts, unitResolver(changes, 'village')). */
export interface VillageNames {
  current(name: string): string;
  former(name: string): string[];
}

/**
 * What the commune (or province) dashboard and yearly report show: counts per unit and year, the
 * denominators the officer entered, the targets in force and the rates against them. Computed on
 * the hub (server/src/hub/dashboard.service.ts) with the pure functions of shared/domain/rates.ts.
 */

/** The counts of one unit (or the whole commune) for one year. */
export interface Counts {
  /** People registered by the end of the year (still on record). */
  registered: number;
  /** Submitted their self-assessment for the year. */
  selfAssessed: number;
  /** Appraised by the village branch. */
  appraised: number;
  /** Recognized by a decision in force. */
  recognized: number;
  /** Recognized and with digital skills. */
  digital: number;
  /** Recognized, with digital skills, and proficient. */
  proficient: number;
  /** Recognized `outstandingYears` years in a row ("tiêu biểu xuất sắc"). */
  outstanding: number;
}

export const countKeys = ['registered', 'selfAssessed', 'appraised', 'recognized', 'digital', 'proficient', 'outstanding'] as const satisfies readonly (keyof Counts)[];

/** The three rates tracked against a target. */
export type TargetMeasure = 'cdht' | 'digital' | 'proficient';
export const targetMeasures = ['cdht', 'digital', 'proficient'] as const satisfies readonly TargetMeasure[];

/** A rate, its target, and whether the target is reached; null where a figure is unknown. */
export interface RateFigure {
  numerator: number;
  /** Null when the denominator is not known (no population entered). */
  denominator: number | null;
  /** numerator / denominator, 0..1; null when the denominator is unknown or zero. */
  rate: number | null;
  /** Target share 0..1 in force for the year; null when none. */
  target: number | null;
  /** rate ≥ target; null when either is unknown. */
  met: boolean | null;
}

/** One row of a dashboard table: a village, center, group, or (province) a commune. */
export interface DashboardRow {
  /** Current name of the unit (after merges and renames). */
  name: string;
  /** Names the unit had before, still searchable. */
  formerNames: string[];
  counts: Counts;
  /** Adults (or staff) the officer entered for the unit and year, null when not entered. */
  population: number | null;
  rates: Record<TargetMeasure, RateFigure>;
}

/** One step in how a target was arrived at, most general first. */
export interface TargetStep {
  source: 'national' | 'province' | 'commune' | 'adjustment';
  /** Share 0..1 this source gives for the year (interpolated between its anchor years), or null. */
  value: number | null;
  /** For an adjustment: who made it, when and why. */
  note?: string;
}

export interface TargetInForce {
  measure: TargetMeasure;
  value: number | null;
  trace: TargetStep[];
}

export interface CenterReporting {
  name: string;
  /** When the center closed its proposal list(s) for the year, null when not yet. */
  reportedAt: string | null;
  onTime: boolean | null;
  /** Years the center was due to report (deadline passed or reported) and how many on time. */
  yearsDue: number;
  yearsOnTime: number;
  onTimeRate: number | null;
}

export interface Dashboard {
  level: 'commune' | 'province';
  /** The commune's (or province's) name. */
  scope: string;
  year: number;
  /** Every year with any record, ascending. */
  years: number[];
  total: DashboardRow;
  /** Province: the communes; commune: the villages. */
  byPlace: DashboardRow[];
  /** Commune only: per center. */
  byCenter: DashboardRow[];
  byGroup: DashboardRow[];
  /** The whole scope, year by year. */
  trend: { year: number; row: DashboardRow }[];
  targets: TargetInForce[];
  reporting: {
    /** ISO date of the deadline for reports to this hub in the chosen year. */
    deadline: string;
    /** Whole days from today to the deadline; negative once passed. */
    daysLeft: number;
    centers: CenterReporting[];
  };
}

import * as v from 'valibot';
import { ReportDeadlineSchema } from './report-paper.ts';

/**
 * What the commune (or province) dashboard and yearly report show: counts per unit and year, the
 * denominators the officer entered, the targets in force and the rates against them. Computed on
 * the hub (server/src/hub/dashboard.service.ts) with the pure functions of shared/domain/rates.ts;
 * the web app checks the answer against these schemas.
 */

/** The counts of one unit (or the whole commune) for one year. */
export const CountsSchema = v.object({
  /** People registered by the end of the year (still on record); for a group: began the year's assessment in it. */
  registered: v.number(),
  /** Submitted their self-assessment for the year. */
  selfAssessed: v.number(),
  /** Appraised by the village branch. */
  appraised: v.number(),
  /** Recognized by a decision in force. */
  recognized: v.number(),
  /** Recognized and with digital skills. */
  digital: v.number(),
  /** Recognized, with digital skills, and proficient. */
  proficient: v.number(),
  /** Recognized `outstandingYears` years in a row ("tiêu biểu xuất sắc"). */
  outstanding: v.number(),
});
export type Counts = v.InferOutput<typeof CountsSchema>;

export const countKeys = [
  'registered',
  'selfAssessed',
  'appraised',
  'recognized',
  'digital',
  'proficient',
  'outstanding',
] as const satisfies readonly (keyof Counts)[];

/** The three rates tracked against a target. */
export const targetMeasures = ['cdht', 'digital', 'proficient'] as const;
export type TargetMeasure = (typeof targetMeasures)[number];

/** A rate, its target, and whether the target is reached; null where a figure is unknown. */
export const RateFigureSchema = v.object({
  numerator: v.number(),
  /** Null when the denominator is not known (no population entered). */
  denominator: v.nullable(v.number()),
  /** numerator / denominator; null when the denominator is unknown or zero. */
  rate: v.nullable(v.number()),
  /** Target share 0..1 in force for the year; null when none. */
  target: v.nullable(v.number()),
  /** rate ≥ target; null when either is unknown. */
  met: v.nullable(v.boolean()),
});
export type RateFigure = v.InferOutput<typeof RateFigureSchema>;

/** One row of a dashboard table: a village, center, group, or (province) a commune. */
export const DashboardRowSchema = v.object({
  /** Current name of the unit (after merges and renames). */
  name: v.string(),
  /** Names the unit had before, still searchable. */
  formerNames: v.array(v.string()),
  counts: CountsSchema,
  /** Adults (or staff) the officer entered for the unit and year, null when not entered. */
  population: v.nullable(v.number()),
  rates: v.object({ cdht: RateFigureSchema, digital: RateFigureSchema, proficient: RateFigureSchema }),
});
export type DashboardRow = v.InferOutput<typeof DashboardRowSchema>;

/** One step in how a target was arrived at, most general first. */
export const TargetStepSchema = v.object({
  source: v.picklist(['national', 'province', 'commune', 'adjustment']),
  /** Share 0..1 this source gives for the year (interpolated between its anchor years), or null. */
  value: v.nullable(v.number()),
  /** For an adjustment: who made it, when and why. */
  note: v.optional(v.string()),
});
export type TargetStep = v.InferOutput<typeof TargetStepSchema>;

export const TargetInForceSchema = v.object({
  measure: v.picklist(targetMeasures),
  value: v.nullable(v.number()),
  trace: v.array(TargetStepSchema),
});
export type TargetInForce = v.InferOutput<typeof TargetInForceSchema>;

/**
 * The CDHT rate of decision 677 (of adults in learning families, clans and communities, against the
 * target in force) and the rate over all adults 15+ (against the local target alone), side by side:
 * shared/domain/cdht-rates.ts. (The rows' `rates.cdht`, per village, center and group, stay over
 * all adults against the target in force.)
 */
export const CdhtRatesSchema = v.object({ decision677: RateFigureSchema, allAdults: RateFigureSchema });
export type CdhtRates = v.InferOutput<typeof CdhtRatesSchema>;

export const CenterReportingSchema = v.object({
  name: v.string(),
  /** When the center closed its proposal list(s) for the year (the latest closing), null when not yet. */
  reportedAt: v.nullable(v.string()),
  /** By the deadline; null while not reported and the deadline has not passed. */
  onTime: v.nullable(v.boolean()),
  /** Years the center was due to report (deadline passed or reported) and how many on time. */
  yearsDue: v.number(),
  yearsOnTime: v.number(),
  onTimeRate: v.nullable(v.number()),
  /**
   * The lists of other titles the center closed for the year ("Gia đình học tập" per village, its
   * "Dòng họ học tập" list), latest closing per title; absent when none. They are not its report
   * (`reportedAt` counts CDHT lists only).
   */
  models: v.optional(v.array(v.object({ title: v.picklist(['gdht', 'dhht']), reportedAt: v.string() }))),
});
export type CenterReporting = v.InferOutput<typeof CenterReportingSchema>;

export const DashboardSchema = v.object({
  level: v.picklist(['commune', 'province']),
  /** The commune's (or province's) name. */
  scope: v.string(),
  year: v.number(),
  /** Every year with any record (and the chosen one), ascending. */
  years: v.array(v.number()),
  total: DashboardRowSchema,
  /** Province: the communes; commune: the villages. */
  byPlace: v.array(DashboardRowSchema),
  /** Commune only: per center. */
  byCenter: v.array(DashboardRowSchema),
  byGroup: v.array(DashboardRowSchema),
  /** Each place (village, or commune for a province) year by year: the recognized against its adults and the year's target. */
  placeTrend: v.array(
    v.object({ name: v.string(), points: v.array(v.object({ year: v.number(), ...RateFigureSchema.entries })) }),
  ),
  /** The whole scope, year by year (missing years filled with zeros). */
  trend: v.array(v.object({ year: v.number(), row: DashboardRowSchema })),
  targets: v.array(TargetInForceSchema),
  /** The CDHT rate of decision 677 and the rate over all adults 15+, for the year (absent from an older hub). */
  cdhtRates: v.optional(CdhtRatesSchema),
  reporting: v.object({
    /** ISO date of the deadline for reports to this hub in the chosen year. */
    deadline: v.string(),
    /** Whole days from today to the deadline; negative once passed. */
    daysLeft: v.number(),
    centers: v.array(CenterReportingSchema),
  }),
  /** The deadlines of the reports this hub files itself (issue 25), soonest first. */
  reportDeadlines: v.optional(v.array(ReportDeadlineSchema)),
});
export type Dashboard = v.InferOutput<typeof DashboardSchema>;

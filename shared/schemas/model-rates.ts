import * as v from 'valibot';
import { RateFigureSchema, TargetStepSchema } from './dashboard.ts';
import { modelSubjectKinds, modelTitles } from './model-criteria-set.ts';

/**
 * What the hub's dashboard and yearly report show of the four other titles (learning family, clan,
 * community, unit) for one year: per village (a commune hub) or per commune (a province hub, from
 * the communes' ModelAggregateV1), registered / assessed / recognized of each title, the six rates
 * against the year's targets (shared/domain/collective-titles/rates.ts), the recognitions to renew, and the
 * scope's figures across the years up to the one asked.
 * Computed by server/src/hub/model-rates.service.ts; the web app checks the answer against this.
 */

/**
 * The six measures of the four other titles' national targets (387/QĐ-TTg and 677/QĐ-TTg), whose
 * targets in force shared/domain/collective-titles/targets.ts computes. Declared here, with the shapes, because
 * domain code imports schemas and never the other way round (.dependency-cruiser.cjs).
 */
export const modelTargetMeasures = ['families', 'clans', 'communities', 'units', 'workers', 'unitStaff'] as const;
export type ModelTargetMeasure = (typeof modelTargetMeasures)[number];

export const ModelCountsSchema = v.object({ registered: v.number(), assessed: v.number(), recognized: v.number() });
export type ModelCountsView = v.InferOutput<typeof ModelCountsSchema>;

export const modelCountKinds = ['families', 'clans', 'communities', 'units'] as const;
export type ModelCountKind = (typeof modelCountKinds)[number];

export const ModelRateRowSchema = v.object({
  /** Current name of the village (or commune), or the scope's name for the total row. */
  name: v.string(),
  /** Names it had before (merges and renames), still searchable. */
  formerNames: v.array(v.string()),
  families: ModelCountsSchema,
  clans: ModelCountsSchema,
  communities: ModelCountsSchema,
  units: ModelCountsSchema,
  /** Households and adults the officer entered for the year; null when none. */
  households: v.nullable(v.number()),
  adults: v.nullable(v.number()),
  /** The six rates of shared/domain/collective-titles/targets.ts (modelTargetMeasures). */
  rates: v.object({
    families: RateFigureSchema,
    clans: RateFigureSchema,
    communities: RateFigureSchema,
    units: RateFigureSchema,
    workers: RateFigureSchema,
    unitStaff: RateFigureSchema,
  }),
});
export type ModelRateRowView = v.InferOutput<typeof ModelRateRowSchema>;

export const ModelTargetSchema = v.object({
  measure: v.picklist(modelTargetMeasures),
  value: v.nullable(v.number()),
  trace: v.array(TargetStepSchema),
});

/** One recognition of the four titles standing in (or reaching into) the year asked. */
export const ModelValiditySchema = v.object({
  title: v.picklist(modelTitles),
  subjectKind: v.picklist(modelSubjectKinds),
  subjectId: v.string(),
  /** A household's head, a clan's or unit's name, the village's name; null when not known (the head erased). */
  label: v.nullable(v.string()),
  /** Current name of its village; a clan's villages joined; null when none is known. */
  village: v.nullable(v.string()),
  decisionNumber: v.string(),
  /** YYYY-MM-DD. */
  decisionDate: v.string(),
  /** The last day it stands, YYYY-MM-DD. */
  validThrough: v.string(),
  /** Its last day falls in the year asked: to be recognized again in this year's round. */
  expiresInYear: v.boolean(),
  /** Its last day is already past (today, Vietnam). */
  expired: v.boolean(),
});
export type ModelValidity = v.InferOutput<typeof ModelValiditySchema>;

export const ModelRatesViewSchema = v.object({
  level: v.picklist(['commune', 'province']),
  scope: v.string(),
  year: v.number(),
  targets: v.array(ModelTargetSchema),
  /** Commune: the villages; province: the communes. */
  places: v.array(ModelRateRowSchema),
  total: ModelRateRowSchema,
  /** What the rates had to leave out or count another way. */
  notes: v.array(v.object({ kind: v.picklist(['community-adults-unknown', 'unit-staff-unknown']), name: v.string() })),
  /** Commune only: every recognition standing in the year, the latest per subject and title, soonest to end first. */
  validity: v.array(ModelValiditySchema),
  /** Recognitions whose last day falls in the year, per title (a province: summed over its communes). */
  expiring: v.array(v.object({ title: v.picklist(modelTitles), count: v.number() })),
  /**
   * The scope's counts and six rates year by year, from the first year with anything of the four
   * titles to the year asked (that year's row is `total`), each against its own year's targets and
   * computed as that year's own view would be; ascending.
   */
  trend: v.array(v.object({ year: v.number(), row: ModelRateRowSchema })),
});
export type ModelRatesView = v.InferOutput<typeof ModelRatesViewSchema>;

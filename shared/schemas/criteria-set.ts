import * as v from 'valibot';
import { cleanText } from './text.ts';

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'));
const Text = v.pipe(v.string(), v.trim(), cleanText(true), v.minLength(1, 'must not be empty'));

/** Scoring rules of a points-based set: bounds and thresholds live here, not in code. */
export const PointsScoringSchema = v.strictObject({
  kind: v.literal('points'),
  /** Lowest whole score an indicator can take (the plans say "from 1 to 10"). */
  minScore: v.pipe(v.number(), v.integer()),
  /** Highest whole score an indicator can take. */
  maxScore: v.pipe(v.number(), v.integer()),
  /** Total needed for recognition (≥). */
  passTotal: v.pipe(v.number(), v.integer()),
  /** No indicator may be below this for recognition. */
  minPerIndicator: v.pipe(v.number(), v.integer()),
});
export type PointsScoring = v.InferOutput<typeof PointsScoringSchema>;

/** Pictures a subject group can show; the web app draws each as an inline SVG (no emoji font needed). */
export const groupPictograms = ['farmer', 'worker', 'official', 'resident', 'student'] as const;
export type GroupPictogram = (typeof groupPictograms)[number];

/** A subject group (nhóm đối tượng) with its own wording of the indicators. */
export const SubjectGroupSchema = v.strictObject({
  id: Id,
  title: Text,
  /** One plain-language line on who belongs here. */
  description: Text,
  /** A picture for people who read little, drawn by the web app (web/src/components/pictograms.ts). */
  pictogram: v.picklist(groupPictograms),
  /**
   * A group for pupils and students: a child (under person.guardianUnder) may be assessed here, and
   * only with her guardian's consent recorded. A group without it is for adults only (a child is
   * not a CDHT subject on her own; shared/domain/age.ts).
   */
  minors: v.optional(v.picklist(['with-guardian-consent'])),
});

/** How one indicator reads for one subject group. */
export const IndicatorWordingSchema = v.strictObject({
  /** The indicator as the person reads it. */
  text: Text,
  /** One line a farmer understands: what this asks. */
  explain: Text,
  /** Two or three examples of evidence (minh chứng). */
  evidence: v.pipe(v.array(Text), v.minLength(2), v.maxLength(4)),
});

export const IndicatorSchema = v.strictObject({
  id: Id,
  criterion: Id,
  /** Short title used in lists and on the result slip. */
  short: Text,
  /** Wording per subject group id. */
  byGroup: v.record(Id, IndicatorWordingSchema),
});
export type Indicator = v.InferOutput<typeof IndicatorSchema>;

export const CriterionSchema = v.strictObject({ id: Id, title: Text });

/** A versioned criteria set (bộ tiêu chí) for one title and subject kind. */
export const CriteriaSetSchema = v.pipe(
  v.strictObject({
    id: Id,
    version: Id,
    /** The recognition title this set assesses, e.g. "cdht" (Công dân học tập). */
    title: Id,
    subjectKind: v.picklist(['person', 'household', 'clan', 'community', 'unit']),
    name: Text,
    /** "default" sets are our own wording and must be replaced by the province's text. */
    status: v.picklist(['default', 'official']),
    notice: v.optional(Text),
    scoring: PointsScoringSchema,
    criteria: v.pipe(v.array(CriterionSchema), v.minLength(1)),
    groups: v.pipe(v.array(SubjectGroupSchema), v.minLength(1)),
    indicators: v.pipe(v.array(IndicatorSchema), v.minLength(1)),
  }),
  v.check(
    (s) => s.scoring.minScore <= s.scoring.minPerIndicator && s.scoring.minPerIndicator <= s.scoring.maxScore,
    'scoring: minScore ≤ minPerIndicator ≤ maxScore',
  ),
  v.check(
    (s) =>
      unique(s.indicators.map((i) => i.id)) && unique(s.groups.map((g) => g.id)) && unique(s.criteria.map((c) => c.id)),
    'ids of criteria, groups and indicators must be unique',
  ),
  v.check(
    (s) => s.indicators.every((i) => s.criteria.some((c) => c.id === i.criterion)),
    'every indicator must name a criterion of the set',
  ),
  v.check(
    (s) =>
      s.indicators.every(
        (i) =>
          s.groups.every((g) => i.byGroup[g.id] !== undefined) &&
          Object.keys(i.byGroup).every((k) => s.groups.some((g) => g.id === k)),
      ),
    'every indicator must have wording for exactly the groups of the set',
  ),
);
export type CriteriaSet = v.InferOutput<typeof CriteriaSetSchema>;

function unique(ids: string[]): boolean {
  return new Set(ids).size === ids.length;
}

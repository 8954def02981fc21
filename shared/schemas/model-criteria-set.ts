import * as v from 'valibot';
import { cleanText } from './text.ts';

/**
 * Criteria sets of the four other titles (gia đình, dòng họ, cộng đồng, đơn vị học tập). Their
 * official shapes differ (DOMAIN.md, "The four other titles"), so one format holds both kinds:
 * points-based (criteria with points, items with points, a total, grade bands, a pass threshold, a
 * minimum per criterion, and items that are conditions) and targets-based (each target met or
 * not; the level reached is the highest whose targets, and those of every level below, are all
 * met). An item is declared by the subject with evidence, or computed from the registry by one of
 * a closed list of computations (shared/domain/collective-titles/computations.ts).
 */

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"'));
const Text = v.pipe(v.string(), v.trim(), cleanText(true), v.minLength(1, 'must not be empty'));
const Share = v.pipe(v.number(), v.minValue(0, 'must be from 0 to 1'), v.maxValue(1, 'must be from 0 to 1'));
const Whole = (min: number) =>
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`));

/**
 * The titles, as ids. Cộng đồng học tập is "cddht" (Telex spells Đ as "dd") so that it never reads
 * as "cdht", the Learning Citizen.
 */
export const modelTitles = ['gdht', 'dhht', 'cddht', 'dvht'] as const;
export type ModelTitle = (typeof modelTitles)[number];

export const modelSubjectKinds = ['household', 'clan', 'community', 'unit'] as const;
export type ModelSubjectKind = (typeof modelSubjectKinds)[number];

/** Which subject each title assesses: one title per subject kind. */
export const titleSubject: Readonly<Record<ModelTitle, ModelSubjectKind>> = {
  gdht: 'household',
  dhht: 'clan',
  cddht: 'community',
  dvht: 'unit',
};

/**
 * Whose CDHT or learning-family decisions a computed share counts: those for the assessment year
 * itself, or (where a province assesses households before the commune's CDHT decisions of the
 * year are out) those of the year before.
 */
const DecisionsOf = v.optional(v.picklist(['same-year', 'previous-year']), 'same-year');

/** The closed list of computations an item can name, each with its parameters. */
export const ComputationSchema = v.variant('compute', [
  /** Share of the household's linked adults recognized as CDHT. */
  v.strictObject({ compute: v.literal('household-adults-cdht-share'), atLeast: Share, decisionsOf: DecisionsOf }),
  /** Every school-age child of the household attends school (household-level facts only). */
  v.strictObject({ compute: v.literal('household-children-in-school') }),
  /** Share of the clan's households recognized as learning families. */
  v.strictObject({ compute: v.literal('clan-households-family-share'), atLeast: Share, decisionsOf: DecisionsOf }),
  /** Every household of the clan with school-age children has them all in school. */
  v.strictObject({ compute: v.literal('clan-children-in-school') }),
  /** Share of the village's households (as the commune entered them) recognized as learning families. */
  v.strictObject({ compute: v.literal('village-households-family-share'), atLeast: Share, decisionsOf: DecisionsOf }),
  /** Share of the clans with households in the village recognized as learning clans. */
  v.strictObject({ compute: v.literal('village-clans-share'), atLeast: Share, decisionsOf: DecisionsOf }),
  /** Share of the village's adults (as the commune entered them) recognized as CDHT. */
  v.strictObject({ compute: v.literal('village-adults-cdht-share'), atLeast: Share, decisionsOf: DecisionsOf }),
  /** Share of the unit's staff (the count entered for the year) recognized as CDHT. */
  v.strictObject({ compute: v.literal('unit-members-cdht-share'), atLeast: Share, decisionsOf: DecisionsOf }),
]);
export type Computation = v.InferOutput<typeof ComputationSchema>;
export type ComputationName = Computation['compute'];

/** The subject kind each computation reads facts of. */
export const computationSubject: Readonly<Record<ComputationName, ModelSubjectKind>> = {
  'household-adults-cdht-share': 'household',
  'household-children-in-school': 'household',
  'clan-households-family-share': 'clan',
  'clan-children-in-school': 'clan',
  'village-households-family-share': 'community',
  'village-clans-share': 'community',
  'village-adults-cdht-share': 'community',
  'unit-members-cdht-share': 'unit',
};

/** What every item has; `points` (points sets) and `level` (targets sets) are checked against the set's kind. */
const itemEntries = {
  id: Id,
  /** Short title used in lists and on the result slip. */
  short: Text,
  /** Points sets: the item's full points. */
  points: v.optional(Whole(1)),
  /** Targets sets: the lowest level this target is needed for (1 when absent). */
  level: v.optional(Whole(1)),
  /** Points sets: recognition needs this item held in full, whatever the total (e.g. "at least half the households"). */
  condition: v.optional(v.boolean()),
};

/** An item the subject declares with evidence, like a CDHT indicator; worded for the set's subject. */
export const DeclaredItemSchema = v.strictObject({
  ...itemEntries,
  source: v.literal('declared'),
  /** The item as the household, clan, village or unit reads it. */
  text: Text,
  /** One plain line: what this asks. */
  explain: Text,
  /** Two to four examples of evidence (minh chứng). */
  evidence: v.pipe(
    v.array(Text),
    v.minLength(2, 'give 2 to 4 evidence examples'),
    v.maxLength(4, 'give 2 to 4 evidence examples'),
  ),
});
export type DeclaredItem = v.InferOutput<typeof DeclaredItemSchema>;

/** An item computed from the registry; the result explains how, and from which year's decisions. */
export const ComputedItemSchema = v.strictObject({
  ...itemEntries,
  source: v.literal('computed'),
  /** One plain line: what is counted. */
  explain: Text,
  rule: ComputationSchema,
});
export type ComputedItem = v.InferOutput<typeof ComputedItemSchema>;

export const ModelItemSchema = v.variant('source', [DeclaredItemSchema, ComputedItemSchema]);
export type ModelItem = v.InferOutput<typeof ModelItemSchema>;

export const ModelCriterionSchema = v.strictObject({
  id: Id,
  title: Text,
  /** Points sets: the criterion's points, which its items must add up to. */
  points: v.optional(Whole(1)),
  /** Points sets: the least a criterion must score for recognition (0 when absent). */
  minPoints: v.optional(Whole(0)),
  items: v.pipe(v.array(ModelItemSchema), v.minLength(1, 'a criterion needs at least one item')),
});
export type ModelCriterion = v.InferOutput<typeof ModelCriterionSchema>;

/** A grade band (xếp loại): a total of at least `min` gets this grade; listed from the highest. */
export const GradeBandSchema = v.strictObject({ id: Id, label: Text, min: Whole(0) });
export type GradeBand = v.InferOutput<typeof GradeBandSchema>;

export const PointsModelScoringSchema = v.strictObject({
  kind: v.literal('points'),
  /** The criteria's points add up to this. */
  total: Whole(1),
  /** Total needed for recognition (≥). */
  passTotal: Whole(0),
  /** Highest first, e.g. tốt ≥ 85, khá ≥ 70, trung bình ≥ 50. */
  bands: v.pipe(v.array(GradeBandSchema), v.minLength(1)),
});

export const TargetsModelScoringSchema = v.strictObject({
  kind: v.literal('targets'),
  /** Levels 1, 2, … in order, e.g. "Mức độ 1 (khá)", "Mức độ 2 (tốt)". */
  levels: v.pipe(v.array(v.strictObject({ level: Whole(1), label: Text })), v.minLength(1)),
});

export const ModelScoringSchema = v.variant('kind', [PointsModelScoringSchema, TargetsModelScoringSchema]);
export type ModelScoring = v.InferOutput<typeof ModelScoringSchema>;

/** How long a recognition stands and who gives it: both from the set, not from code. */
export const ModelRecognitionRuleSchema = v.strictObject({
  /** A result stands this many months from its decision (a commune's learning community: 36). */
  validityMonths: v.pipe(Whole(1), v.maxValue(120, 'must be at most 120 months')),
  /** Who decides: the commune's People's Committee, or the province (units of provincial bodies). */
  recognizedBy: v.picklist(['commune', 'province']),
  /** Targets sets: months after a recognition before the next level may be sought (circular 25/2023: 12). */
  nextLevelAfterMonths: v.optional(Whole(0)),
});
export type ModelRecognitionRule = v.InferOutput<typeof ModelRecognitionRuleSchema>;

const ModelSetShapeSchema = v.strictObject({
  id: Id,
  version: Id,
  title: v.picklist(modelTitles),
  subjectKind: v.picklist(modelSubjectKinds),
  name: Text,
  /** "default" sets are our own wording and must be replaced by the province's text. */
  status: v.picklist(['default', 'official']),
  notice: v.optional(Text),
  /** The documents the set follows. */
  source: Text,
  recognition: ModelRecognitionRuleSchema,
  scoring: ModelScoringSchema,
  criteria: v.pipe(v.array(ModelCriterionSchema), v.minLength(1)),
});
export type ModelCriteriaSet = v.InferOutput<typeof ModelSetShapeSchema>;

/** A versioned criteria set of one of the four other titles, with its cross-field checks (see modelSetProblems). */
export const ModelCriteriaSetSchema = v.pipe(
  ModelSetShapeSchema,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const p of modelSetProblems(dataset.value)) addIssue({ message: `[${p.code}] ${p.message}` });
  }),
);

/** A stable code the server maps to its error catalogue (shared/errors.ts). */
export type ModelSetProblemCode = 'criteria.points-mismatch' | 'criteria.invalid';
export interface ModelSetProblem {
  code: ModelSetProblemCode;
  /** English, naming the criterion, item or band. */
  message: string;
}

/**
 * Problems across a set, each naming what is wrong. Points that do not add up (items ≠ criterion,
 * criteria ≠ total, a pass threshold or minimum above what can be scored, bands out of order) are
 * `criteria.points-mismatch`; anything else is `criteria.invalid`.
 */
export function modelSetProblems(set: ModelCriteriaSet): ModelSetProblem[] {
  const problems: ModelSetProblem[] = [];
  const mismatch = (message: string) => problems.push({ code: 'criteria.points-mismatch', message });
  const invalid = (message: string) => problems.push({ code: 'criteria.invalid', message });
  const items = set.criteria.flatMap((c) => c.items);

  if (titleSubject[set.title] !== set.subjectKind)
    invalid(`title ${set.title} assesses a ${titleSubject[set.title]}, not a ${set.subjectKind}`);
  for (const id of duplicates(set.criteria.map((c) => c.id))) invalid(`criterion id ${id} is used twice`);
  for (const id of duplicates(items.map((i) => i.id))) invalid(`item id ${id} is used twice`);
  for (const item of items) {
    if (item.source === 'computed' && computationSubject[item.rule.compute] !== set.subjectKind) {
      invalid(
        `item ${item.id}: ${item.rule.compute} reads a ${computationSubject[item.rule.compute]}'s facts, not a ${set.subjectKind}'s`,
      );
    }
  }

  const scoring = set.scoring;
  if (scoring.kind === 'points') {
    for (const c of set.criteria) {
      if (c.points === undefined) {
        invalid(`criterion ${c.id} needs its points`);
        continue;
      }
      const sum = c.items.reduce((s, i) => s + (i.points ?? 0), 0);
      if (sum !== c.points)
        mismatch(`criterion ${c.id}: its items add up to ${sum} points, the criterion has ${c.points}`);
      if ((c.minPoints ?? 0) > c.points)
        mismatch(`criterion ${c.id}: minimum ${c.minPoints} is above its ${c.points} points`);
    }
    for (const i of items) {
      if (i.points === undefined) invalid(`item ${i.id} needs its points`);
      if (i.level !== undefined) invalid(`item ${i.id}: a points set has no levels`);
    }
    const sum = set.criteria.reduce((s, c) => s + (c.points ?? 0), 0);
    if (sum !== scoring.total) mismatch(`the criteria add up to ${sum} points, the total is ${scoring.total}`);
    if (scoring.passTotal > scoring.total)
      mismatch(`pass threshold ${scoring.passTotal} is above the total ${scoring.total}`);
    for (const id of duplicates(scoring.bands.map((b) => b.id))) invalid(`band id ${id} is used twice`);
    scoring.bands.forEach((band, n) => {
      if (band.min > scoring.total) mismatch(`band ${band.id}: from ${band.min} is above the total ${scoring.total}`);
      const above = scoring.bands[n - 1];
      if (above && band.min >= above.min)
        mismatch(
          `band ${band.id} (from ${band.min}) must start below band ${above.id} (from ${above.min}): list bands from the highest`,
        );
    });
  } else {
    scoring.levels.forEach((l, n) => {
      if (l.level !== n + 1) invalid(`levels must be numbered 1, 2, … in order; found ${l.level} in place ${n + 1}`);
    });
    for (const c of set.criteria) {
      if (c.points !== undefined || c.minPoints !== undefined)
        invalid(`criterion ${c.id}: a targets set has no points`);
    }
    for (const i of items) {
      if (i.points !== undefined) invalid(`item ${i.id}: a targets set has no points`);
      if (i.condition !== undefined) invalid(`item ${i.id}: in a targets set every target is a condition of its level`);
      const level = i.level ?? 1;
      if (level > scoring.levels.length) invalid(`item ${i.id}: level ${level} is not one of the set's levels`);
    }
    for (const l of scoring.levels) {
      if (!items.some((i) => (i.level ?? 1) === l.level)) invalid(`level ${l.level} has no targets of its own`);
    }
  }
  if (set.recognition.nextLevelAfterMonths !== undefined && (scoring.kind !== 'targets' || scoring.levels.length < 2)) {
    invalid('recognition.nextLevelAfterMonths is only for a targets set with two or more levels');
  }
  return problems;
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, n) => ids.indexOf(id) !== n))];
}

/** Whether a criteria file is one of the four other titles (kept apart from the CDHT sets when loading). */
export function isModelCriteriaSetData(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (modelTitles as readonly unknown[]).includes((data as { title?: unknown }).title)
  );
}

import type { ComputedItem, GradeBand, ModelCriteriaSet, ModelItem } from '../../schemas/model-criteria-set.ts';
import { computeItem, type ComputedResult } from './computations.ts';
import type { SubjectFacts } from './subject-facts.ts';

/**
 * The verdict of any of the four other titles' sets: points sets give a total, a grade band and
 * pass or not; targets sets give the level reached. Declared items come from the subject's answers,
 * computed items from the registry's facts, so the same call serves the self-assessment, the
 * appraisal and the decision list.
 */

/**
 * Declared answers by item id: a whole score from 0 to the item's points in a points set, met or
 * not (true / false) in a targets set. A missing item has not been answered yet.
 */
export type DeclaredAnswers = Readonly<Record<string, number | boolean | undefined>>;

export interface ItemResult {
  itemId: string;
  criterionId: string;
  source: ModelItem['source'];
  /** Points sets: points earned (null while unanswered) of `maxPoints`. */
  points: number | null;
  maxPoints: number | null;
  /** Targets sets: the lowest level the target is needed for. */
  level: number | null;
  /** A condition of recognition (points sets). */
  condition: boolean;
  /** Held in full: a target met, a points item at its full points; null while unanswered. */
  met: boolean | null;
  computed: ComputedResult | null;
}

export interface CriterionResult {
  criterionId: string;
  /** Points sets: points earned so far, the criterion's points and its minimum. */
  points: number | null;
  maxPoints: number | null;
  minPoints: number | null;
  /** Targets sets: targets met of the criterion's targets. */
  targetsMet: number | null;
  targets: number | null;
}

/** One reason the subject is not (yet) recognized, or not at the next level. */
export type ModelShortfall =
  | { kind: 'item-unanswered'; criterionId: string; itemId: string }
  | { kind: 'condition-not-met'; criterionId: string; itemId: string; explanation: string | null }
  | { kind: 'criterion-below-min'; criterionId: string; points: number; min: number }
  | { kind: 'total-below-pass'; total: number; pass: number; needed: number }
  | { kind: 'target-not-met'; criterionId: string; itemId: string; level: number; explanation: string | null };

export interface ModelVerdict {
  kind: 'points' | 'targets';
  /** Points sets: the total so far and the set's total. */
  total: number | null;
  maxTotal: number | null;
  /** Points sets: the highest band the total reaches, null below every band. */
  band: GradeBand | null;
  /** Targets sets: the highest level whose targets, and those of every level below, are all met; 0 when none. */
  level: number | null;
  levelLabel: string | null;
  passed: boolean;
  criteria: CriterionResult[];
  items: ItemResult[];
  /** Points sets: unanswered items, unmet conditions, low criteria, then the total. Targets sets: every target not met, lowest level first. */
  shortfalls: ModelShortfall[];
}

/** The highest band a total reaches (bands are listed from the highest), or null. */
export function gradeBand(bands: readonly GradeBand[], total: number): GradeBand | null {
  return bands.find((b) => total >= b.min) ?? null;
}

/** A declared answer as the set takes it, or undefined when missing or of the wrong kind or range. */
function declaredAnswer(
  set: ModelCriteriaSet,
  item: ModelItem,
  answers: DeclaredAnswers,
): number | boolean | undefined {
  const answer = answers[item.id];
  if (set.scoring.kind === 'targets') return typeof answer === 'boolean' ? answer : undefined;
  const max = item.points ?? 0;
  return typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer <= max ? answer : undefined;
}

/** What is wrong with declared answers, for the server to refuse with a stable code before storing them. */
export function declaredAnswerProblems(
  set: ModelCriteriaSet,
  answers: DeclaredAnswers,
): { itemId: string; problem: 'unknown-item' | 'computed-item' | 'out-of-range' }[] {
  const items = new Map(set.criteria.flatMap((c) => c.items).map((i) => [i.id, i]));
  const problems: { itemId: string; problem: 'unknown-item' | 'computed-item' | 'out-of-range' }[] = [];
  for (const [itemId, answer] of Object.entries(answers)) {
    if (answer === undefined) continue;
    const item = items.get(itemId);
    if (!item) problems.push({ itemId, problem: 'unknown-item' });
    else if (item.source === 'computed') problems.push({ itemId, problem: 'computed-item' });
    else if (declaredAnswer(set, item, answers) === undefined) problems.push({ itemId, problem: 'out-of-range' });
  }
  return problems;
}

/**
 * The verdict of `set` for a subject assessed for `year`. Computed items read `facts` (their kind
 * must be the set's subject kind); in a points set a computed item earns its full points when met
 * and none otherwise, and a condition holds only at full points. Answers of the wrong kind or out
 * of range count as unanswered (declaredAnswerProblems names them).
 */
export function modelVerdict(
  set: ModelCriteriaSet,
  answers: DeclaredAnswers,
  facts: SubjectFacts,
  year: number,
): ModelVerdict {
  if (facts.kind !== set.subjectKind)
    throw new Error(`set ${set.id} assesses a ${set.subjectKind}, got a ${facts.kind}'s facts`);
  return verdictWith(set, answers, (item) => computeItem(item.rule, facts, year));
}

/**
 * The verdict of `set` with each computed item's result given by `computed`. A computed item whose
 * result is not known (null: the box has not worked it out yet) counts as met, so a verdict that
 * does not pass with it does not pass once it is known either (previewVerdict).
 */
export function verdictWith(
  set: ModelCriteriaSet,
  answers: DeclaredAnswers,
  computed: (item: ComputedItem) => ComputedResult | null,
): ModelVerdict {
  const items: ItemResult[] = [];
  for (const criterion of set.criteria) {
    for (const item of criterion.items) {
      const result = item.source === 'computed' ? computed(item) : null;
      const answer = item.source === 'computed' ? (result ? result.met : true) : declaredAnswer(set, item, answers);
      const base = { itemId: item.id, criterionId: criterion.id, source: item.source, computed: result };
      if (set.scoring.kind === 'targets') {
        items.push({
          ...base,
          points: null,
          maxPoints: null,
          level: item.level ?? 1,
          condition: false,
          met: answer === undefined ? null : answer === true,
        });
      } else {
        const max = item.points ?? 0;
        const points = answer === undefined ? null : typeof answer === 'boolean' ? (answer ? max : 0) : answer;
        items.push({
          ...base,
          points,
          maxPoints: max,
          level: null,
          condition: item.condition === true,
          met: points === null ? null : points === max,
        });
      }
    }
  }
  return set.scoring.kind === 'points'
    ? pointsVerdict(set, set.scoring, items)
    : targetsVerdict(set, set.scoring, items);
}

/**
 * What the tablet can say before a self-assessment is sent: the verdict of the answers given, with
 * the computed items as the box last worked them out (`worked`: the items of its verdict); while
 * the box's part is unknown they count as met, so "does not pass" here is never wrong.
 */
export function previewVerdict(
  set: ModelCriteriaSet,
  answers: DeclaredAnswers,
  worked: readonly ItemResult[] | null | undefined,
): ModelVerdict {
  return verdictWith(set, answers, (item) => worked?.find((i) => i.itemId === item.id)?.computed ?? null);
}

type Scoring<K> = Extract<ModelCriteriaSet['scoring'], { kind: K }>;

function pointsVerdict(set: ModelCriteriaSet, scoring: Scoring<'points'>, items: ItemResult[]): ModelVerdict {
  const shortfalls: ModelShortfall[] = [];
  for (const i of items)
    if (i.met === null) shortfalls.push({ kind: 'item-unanswered', criterionId: i.criterionId, itemId: i.itemId });
  for (const i of items) {
    if (i.condition && i.met === false) {
      shortfalls.push({
        kind: 'condition-not-met',
        criterionId: i.criterionId,
        itemId: i.itemId,
        explanation: i.computed?.explanation ?? null,
      });
    }
  }
  const criteria = set.criteria.map((c): CriterionResult => {
    const points = items.filter((i) => i.criterionId === c.id).reduce((s, i) => s + (i.points ?? 0), 0);
    const min = c.minPoints ?? 0;
    if (points < min) shortfalls.push({ kind: 'criterion-below-min', criterionId: c.id, points, min });
    return { criterionId: c.id, points, maxPoints: c.points ?? 0, minPoints: min, targetsMet: null, targets: null };
  });
  const total = criteria.reduce((s, c) => s + (c.points ?? 0), 0);
  if (total < scoring.passTotal)
    shortfalls.push({ kind: 'total-below-pass', total, pass: scoring.passTotal, needed: scoring.passTotal - total });
  return {
    kind: 'points',
    total,
    maxTotal: scoring.total,
    band: gradeBand(scoring.bands, total),
    level: null,
    levelLabel: null,
    passed: shortfalls.length === 0,
    criteria,
    items,
    shortfalls,
  };
}

function targetsVerdict(set: ModelCriteriaSet, scoring: Scoring<'targets'>, items: ItemResult[]): ModelVerdict {
  let level = 0;
  for (const l of scoring.levels) {
    if (!items.filter((i) => (i.level ?? 1) <= l.level).every((i) => i.met === true)) break;
    level = l.level;
  }
  const shortfalls: ModelShortfall[] = [];
  for (const l of scoring.levels) {
    for (const i of items.filter((x) => x.level === l.level && x.met !== true)) {
      shortfalls.push(
        i.met === null
          ? { kind: 'item-unanswered', criterionId: i.criterionId, itemId: i.itemId }
          : {
              kind: 'target-not-met',
              criterionId: i.criterionId,
              itemId: i.itemId,
              level: l.level,
              explanation: i.computed?.explanation ?? null,
            },
      );
    }
  }
  const criteria = set.criteria.map((c): CriterionResult => {
    const own = items.filter((i) => i.criterionId === c.id);
    return {
      criterionId: c.id,
      points: null,
      maxPoints: null,
      minPoints: null,
      targetsMet: own.filter((i) => i.met === true).length,
      targets: own.length,
    };
  });
  return {
    kind: 'targets',
    total: null,
    maxTotal: null,
    band: null,
    level,
    levelLabel: scoring.levels.find((l) => l.level === level)?.label ?? null,
    passed: level >= 1,
    criteria,
    items,
    shortfalls,
  };
}

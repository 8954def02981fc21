import type { PointsScoring } from '../schemas/criteria-set.ts';

/** Scores given so far, by indicator id. A missing indicator has not been scored yet. */
export type Scores = Readonly<Record<string, number | undefined>>;

/** One reason a person is not (yet) recognized. */
export type Shortfall =
  | { kind: 'indicator-missing'; indicatorId: string }
  | { kind: 'indicator-below-min'; indicatorId: string; score: number; min: number }
  | { kind: 'total-below-pass'; total: number; pass: number; needed: number };

/** The provisional verdict of a points-based assessment (kết quả tự đánh giá). */
export interface Verdict {
  total: number;
  recognized: boolean;
  shortfalls: Shortfall[];
}

/** Sum of the scores given so far. */
export function totalScore(scores: Scores): number {
  let total = 0;
  for (const score of Object.values(scores)) total += score ?? 0;
  return total;
}

/**
 * Recognition verdict: every indicator scored, total ≥ passTotal and none below minPerIndicator.
 * Shortfalls list missing indicators first, then low indicators, then the total, in indicator order.
 */
export function verdict(indicatorIds: readonly string[], scores: Scores, rules: PointsScoring): Verdict {
  const total = totalScore(scores);
  const shortfalls: Shortfall[] = [];
  for (const indicatorId of indicatorIds) {
    if (scores[indicatorId] === undefined) shortfalls.push({ kind: 'indicator-missing', indicatorId });
  }
  for (const indicatorId of indicatorIds) {
    const score = scores[indicatorId];
    if (score !== undefined && score < rules.minPerIndicator) {
      shortfalls.push({ kind: 'indicator-below-min', indicatorId, score, min: rules.minPerIndicator });
    }
  }
  if (total < rules.passTotal) {
    shortfalls.push({ kind: 'total-below-pass', total, pass: rules.passTotal, needed: rules.passTotal - total });
  }
  return { total, recognized: shortfalls.length === 0, shortfalls };
}

/** Plain English wording of a shortfall, for logs and tests; the web app has its own Vietnamese. */
export function describeShortfall(s: Shortfall): string {
  switch (s.kind) {
    case 'indicator-missing':
      return `${s.indicatorId} has no score yet`;
    case 'indicator-below-min':
      return `${s.indicatorId} is ${s.score}: needs at least ${s.min}`;
    case 'total-below-pass':
      return `total ${s.total}: needs ${s.needed} more points`;
  }
}

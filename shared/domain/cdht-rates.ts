import type { CdhtRates, RateFigure, TargetInForce, TargetStep } from '../schemas/dashboard.ts';
import { rateFigure } from './rates.ts';

/**
 * The two CDHT rates a commune (or province) follows, side by side (DOMAIN.md, "Rates: which
 * denominator"):
 * - decision 677's: the adults in learning families, clans and communities who are CDHT (who they
 *   are: shared/domain/collective-titles/rates.ts, the "workers" fraction), against the CDHT target
 *   in force, the higher of 677's national one (40 % in 2025, 60 % in 2030) and the local one;
 * - over all adults 15+ the commune entered: against the commune's (or province's) own target
 *   alone, because 677's target is not a share of that population; none when it set none.
 */

/** The local target of a trace: the latest adjustment, else the most specific local layer; null when none. */
export function localTarget(trace: readonly TargetStep[]): number | null {
  const adjusted = trace.findLast((s) => s.source === 'adjustment' && s.value !== null)?.value ?? null;
  return adjusted ?? trace.findLast((s) => s.source !== 'national' && s.value !== null)?.value ?? null;
}

/** The adults counted by decision 677 and how many of them are CDHT, as the model rates count them. */
export interface LearnerAdults {
  numerator: number;
  denominator: number | null;
}

export function cdhtRates(
  recognized: number,
  adults: number | null,
  learners: LearnerAdults,
  target: TargetInForce | undefined,
): CdhtRates {
  const decision677: RateFigure = rateFigure(learners.numerator, learners.denominator, target?.value ?? null);
  const allAdults: RateFigure = rateFigure(recognized, adults, localTarget(target?.trace ?? []));
  return { decision677, allAdults };
}

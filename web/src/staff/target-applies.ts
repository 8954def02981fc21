import { higherOfNationalAndLocal } from '../../../shared/domain/targets.ts';

/** A local target as typed on the targets screen, in per cent ("45", "42,5"); null when empty or not a number. */
export function typedShare(typed: string | undefined): number | null {
  const text = (typed ?? '').trim().replace(',', '.');
  if (text === '') return null;
  const share = Number(text) / 100;
  return Number.isFinite(share) ? share : null;
}

export interface TargetApplied {
  /** The share in force for the year: the higher of the national and the local one (DOMAIN.md, "Rates"). */
  share: number | null;
  /** The local target is below the national one, so it does not apply that year. */
  localBelow: boolean;
}

/** What a year's targets come to, as the dashboard counts them (shared/domain/targets.ts). */
export function targetApplied(national: number | null, typed: string | undefined): TargetApplied {
  const local = typedShare(typed);
  const share = higherOfNationalAndLocal([
    { source: 'national', value: national },
    { source: 'commune', value: local },
  ]);
  return { share, localBelow: local !== null && national !== null && local < national };
}

import type { DigitalLevel } from '../../../shared/schemas/digital-bank.ts';
import { formatPaddedDate } from '../lib/i18n/i18n.svelte.ts';

// What the digital-skills result (DigitalResult.svelte) and its parts share: dates and percentages.

/** One row per domain of the bank, in the bank's order, with this attempt's result for it. */
export interface DomainRow {
  id: string;
  title: string;
  level: DigitalLevel;
  pct: number;
}

/** Dates are shown as the center's calendar day (Vietnam), like the retake policy counts them: "31/03/2026". */
export function dmy(value: string): string {
  return Number.isNaN(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value).getTime())
    ? value
    : formatPaddedDate(value);
}

/** A share (0..1) as a whole percentage, 0 to 100. */
export const percent = (share: number) => Math.min(100, Math.max(0, Math.round(share * 100)));

/** How well, in simple mode's words: from "not yet" to "very well". */
export const bandNames = ['none', 'little', 'fair', 'well'] as const;
export type BandName = (typeof bandNames)[number];

export interface ScoreBand {
  name: BandName;
  /** 1 to 4 bars filled in its picture. */
  bars: 1 | 2 | 3 | 4;
  from: number;
  to: number;
}

/**
 * Simple mode asks for a score in two small steps: first one of up to four levels (pictures of
 * one to four bars), then a score within it. The scoring bounds come from the criteria set, so the
 * range is split here: as evenly as it goes, the lower levels taking the smaller share.
 */
export function scoreBands(min: number, max: number): ScoreBand[] {
  const size = max - min + 1;
  if (size <= 0) return [];
  const count = Math.min(4, size);
  const bands: ScoreBand[] = [];
  let from = min;
  for (let i = 0; i < count; i++) {
    const width = Math.floor(size / count) + (i >= count - (size % count) ? 1 : 0);
    // With fewer than four levels, spread the names so the last is always "very well".
    const level = count === 1 ? 3 : Math.round((i * 3) / (count - 1));
    bands.push({ name: bandNames[level]!, bars: (level + 1) as ScoreBand['bars'], from, to: from + width - 1 });
    from += width;
  }
  return bands;
}

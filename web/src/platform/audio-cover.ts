import { normalizeSpoken } from '../../../shared/schemas/audio-pack.ts';

/**
 * Finding clips that say a text. Screens often read two strings as one ("the indicator. What it
 * asks."; "Ví dụ minh chứng: one. two."), so a text is said by a run of clips one after another
 * when their texts, in order, make it up. Punctuation and spacing between them do not count
 * (a clip of "Bác làm công việc gì?" also says "Bác làm công việc gì"), words do.
 */

/** The words of a text, punctuation between them dropped: what is compared. */
export function speechKey(text: string): string {
  return normalizeSpoken(text)
    .replace(/[\s.,:;!?…–—]+/g, ' ')
    .trim();
}

/** Clips of one pack by speechKey of their text, with the longest clip in words. */
export interface ClipLookup<T> {
  byKey: ReadonlyMap<string, T>;
  maxWords: number;
}

export function clipLookup<T>(clips: Iterable<{ text: string; clip: T }>): ClipLookup<T> {
  const byKey = new Map<string, T>();
  let maxWords = 0;
  for (const { text, clip } of clips) {
    const key = speechKey(text);
    if (key === '' || byKey.has(key)) continue;
    byKey.set(key, clip);
    maxWords = Math.max(maxWords, key.split(' ').length);
  }
  return { byKey, maxWords };
}

/** The fewest clips that together say the whole text, in order; null when no run of clips does. */
export function coverText<T>(text: string, lookup: ClipLookup<T>): T[] | null {
  const key = speechKey(text);
  if (key === '') return null;
  const words = key.split(' ');
  const n = words.length;
  // best[i]: the fewest clips saying words[0..i), as [count, previous position, clip].
  const best: ({ count: number; from: number; clip: T } | null)[] = [{ count: 0, from: -1, clip: undefined as T }];
  for (let i = 1; i <= n; i++) best.push(null);
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) continue;
    for (let j = i + 1; j <= Math.min(n, i + lookup.maxWords); j++) {
      const clip = lookup.byKey.get(words.slice(i, j).join(' '));
      if (clip === undefined) continue;
      const prev = best[j];
      if (!prev || prev.count > here.count + 1) best[j] = { count: here.count + 1, from: i, clip };
    }
  }
  if (!best[n]) return null;
  const out: T[] = [];
  for (let at = n; at > 0; at = best[at]!.from) out.unshift(best[at]!.clip);
  return out;
}

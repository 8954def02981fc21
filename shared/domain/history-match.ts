import { foldName } from './units.ts';

/**
 * How a past recognition (issue 24) finds the person it is about: the same name exactly, or a close
 * name, which the officer confirms. Close: the same once accents, case and spacing are set aside
 * ("Nguyễn Thị  Lan" and "nguyen thi lan"), or one letter apart after that (a typo: one letter
 * added, dropped or changed). Names are written NFC first, so a decomposed accent is the same name.
 */
export type NameMatch = 'exact' | 'close' | 'none';

const clean = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Whether two strings are at most one edit (insert, delete, substitute) apart. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  // Past the first difference, the rest must agree: shifted by one (an insertion) or aligned (a substitution).
  return s.length === l.length ? s.slice(i + 1) === l.slice(i + 1) : s.slice(i) === l.slice(i + 1);
}

export function compareNames(imported: string, registered: string): NameMatch {
  if (clean(imported) === clean(registered)) return 'exact';
  const a = foldName(imported);
  const b = foldName(registered);
  if (a === '' || b === '') return 'none';
  return withinOneEdit(a, b) ? 'close' : 'none';
}

/** Two village names are the same place when they agree with accents, case and spacing set aside. */
export const sameVillage = (a: string, b: string): boolean => foldName(a) === foldName(b);

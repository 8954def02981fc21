/**
 * A village or center renamed or merged. A rename is one change; a merge of A and B into C is two,
 * A→C and B→C. Effective from `year`; `at` is when it was recorded.
 */
export interface UnitChange {
  kind: 'village' | 'center';
  from: string;
  to: string;
  year: number;
  at: string;
}

/** A name for comparing and searching: lower case, no Vietnamese diacritics (đ → d), single spaces, trimmed. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

const byVi = (a: string, b: string) => a.localeCompare(b, 'vi');

/**
 * Current and former names of the units of one kind. Names are compared folded and come back as
 * written in the changes (a name no change mentions comes back as given). Each name follows its
 * latest recorded change, then on along the chain (A→B, B→C gives A→C, whichever was recorded first).
 * A chain that comes back to a name already passed (a rename undone, A→B then B→A) stops there, at the
 * name the latest-recorded change of that loop gave: A→B then B→A gives A for both.
 */
export function unitResolver(
  changes: UnitChange[],
  kind: 'village' | 'center',
): { current(name: string): string; former(name: string): string[] } {
  const mine = changes.filter((c) => c.kind === kind).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  /** Folded name → its latest change (to as written, and the change's place in recorded order). */
  const next = new Map<string, { to: string; order: number }>();
  /** Every name the changes mention, folded → as written (latest spelling). */
  const written = new Map<string, string>();
  mine.forEach((c, order) => {
    next.set(foldName(c.from), { to: c.to, order });
    written.set(foldName(c.from), c.from);
    written.set(foldName(c.to), c.to);
  });

  const follow = (start: string): string => {
    const path = [foldName(start)];
    for (;;) {
      const here = path.at(-1)!;
      const step = next.get(here);
      if (!step) return written.get(here) ?? start;
      const there = foldName(step.to);
      const loopStart = path.indexOf(there);
      if (loopStart === -1) {
        path.push(there);
        continue;
      }
      const loop = path.slice(loopStart).map((name) => next.get(name)!);
      return loop.reduce((latest, s) => (s.order > latest.order ? s : latest)).to;
    }
  };

  const resolved = new Map<string, string>();
  for (const [key, name] of written) resolved.set(key, follow(name));

  const seen = new Map<string, string>();
  return {
    // Asked for the same few names over and over (every row of every year): folded once each.
    current: (name) => {
      let to = seen.get(name);
      if (to === undefined) seen.set(name, (to = resolved.get(foldName(name)) ?? name));
      return to;
    },
    former: (name) => {
      const key = foldName(name);
      return [...resolved]
        .filter(([from, to]) => from !== key && foldName(to) === key)
        .map(([from]) => written.get(from)!)
        .sort(byVi);
    },
  };
}

/** Whether a search finds a unit by its name or any former name, ignoring case and diacritics; an empty search finds all. */
export function matchesUnit(query: string, unit: { name: string; formerNames: string[] }): boolean {
  const folded = foldName(query);
  if (folded === '') return true;
  return [unit.name, ...unit.formerNames].some((name) => foldName(name).includes(folded));
}

/**
 * Rules over the catalog of learning resources that the tablet applies offline: which resources a
 * filter keeps, which class sessions are coming up, and what to suggest for a personal learning
 * plan from the weakest indicators of a self-assessment and the domains a digital-skills check
 * says to learn. Pure functions over plain shapes, so they are tested without a browser.
 */

export interface CatalogItem {
  id: string;
  kind: string;
  title: string;
  topic: string;
  indicators: readonly string[];
  domains: readonly string[];
  audiences: readonly string[];
  sessions: readonly { startsAt: string }[];
}

export interface CatalogFilter {
  kind?: string | null;
  topic?: string | null;
  indicator?: string | null;
  /** Only classes at the center with a session in the coming week (from now, seven days). */
  thisWeek?: boolean;
}

const WEEK_MS = 7 * 86_400_000;

/** Sessions still to come (from `now`), earliest first. */
export function upcomingSessions(item: Pick<CatalogItem, 'sessions'>, now: Date): string[] {
  return item.sessions
    .map((s) => s.startsAt)
    .filter((at) => Date.parse(at) >= now.getTime())
    .sort();
}

/** Whether a class meets at the center in the seven days from `now`. */
export function meetsThisWeek(item: Pick<CatalogItem, 'kind' | 'sessions'>, now: Date): boolean {
  if (item.kind !== 'class') return false;
  const until = now.getTime() + WEEK_MS;
  return item.sessions.some((s) => {
    const at = Date.parse(s.startsAt);
    return at >= now.getTime() && at < until;
  });
}

export function matchesFilter(item: CatalogItem, filter: CatalogFilter, now: Date): boolean {
  if (filter.kind && item.kind !== filter.kind) return false;
  if (filter.topic && item.topic !== filter.topic) return false;
  if (filter.indicator && !item.indicators.includes(filter.indicator)) return false;
  if (filter.thisWeek && !meetsThisWeek(item, now)) return false;
  return true;
}

/** The distinct topics, in Vietnamese alphabetical order (for the topic filter). */
export function topicsOf(items: readonly Pick<CatalogItem, 'topic'>[]): string[] {
  return [...new Set(items.map((i) => i.topic))].sort((a, b) => a.localeCompare(b, 'vi'));
}

/** The indicators a self-assessment shows most need of learning: below the minimum first, then the lowest scores. */
export function weakestIndicators(
  scores: Readonly<Record<string, number | undefined>>,
  minPerIndicator: number,
  count = 3,
): string[] {
  const known = Object.entries(scores).filter((e): e is [string, number] => e[1] !== undefined);
  return known
    .sort(([a, x], [b, y]) => Number(y < minPerIndicator) - Number(x < minPerIndicator) || x - y || a.localeCompare(b))
    .slice(0, count)
    .map(([id]) => id);
}

export interface Suggestion<T extends CatalogItem> {
  item: T;
  /** The weak indicators and domains this resource helps with. */
  helps: string[];
  /** Sessions still to come, for a class. */
  upcoming: string[];
}

/**
 * Resources for a personal learning plan: those that help with any weak indicator or domain, for the
 * person's audience group (a resource with no audience is for everyone). Ranked by how many needs
 * it meets, needs listed first weigh more, then classes with sessions coming soonest, then title.
 * A class with no session left and links needing the Internet are kept out or last respectively.
 */
export function suggestForPlan<T extends CatalogItem>(
  items: readonly T[],
  needs: { indicators: readonly string[]; domains: readonly string[]; group?: string | null },
  now: Date,
  limit = 12,
): Suggestion<T>[] {
  const order = [...needs.indicators, ...needs.domains];
  const weight = (id: string) => order.length - order.indexOf(id);
  const scored = items.flatMap((item) => {
    if (needs.group && item.audiences.length > 0 && !item.audiences.includes(needs.group)) return [];
    const helps = order.filter((id) => item.indicators.includes(id) || item.domains.includes(id));
    if (helps.length === 0) return [];
    const upcoming = item.kind === 'class' ? upcomingSessions(item, now) : [];
    if (item.kind === 'class' && upcoming.length === 0) return [];
    const score = helps.reduce((sum, id) => sum + weight(id), 0) - (item.kind === 'link' ? 0.5 : 0);
    return [{ item, helps, upcoming, score }];
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.upcoming[0] ?? '\uffff').localeCompare(b.upcoming[0] ?? '\uffff') ||
      a.item.title.localeCompare(b.item.title, 'vi'),
  );
  return scored.slice(0, limit).map(({ item, helps, upcoming }) => ({ item, helps, upcoming }));
}

/** The last day (YYYY-MM-DD) of the month `monthsAhead` after the month of `today` (a YYYY-MM-DD date). */
export function endOfMonth(today: string, monthsAhead: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m + monthsAhead, 0));
  return last.toISOString().slice(0, 10);
}

/**
 * Whether the nodes below reported on time: a center's report of a year is the CDHT list it closed
 * (ProposalListClosedV1), a commune's the aggregate it relayed; each against the year's deadline
 * (calendar.centerDeadline or calendar.communeDeadline), in Vietnam time.
 */
import { vietnamDate } from '../../../../shared/domain/vietnam-time.ts';
import type { CenterReporting, Dashboard } from '../../../../shared/schemas/dashboard.ts';
import type { Db } from '../../db/database.ts';
import { recordsOf } from './dashboard.repository.ts';

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

type ModelListTitle = NonNullable<CenterReporting['models']>[number]['title'];
const modelListTitles: readonly ModelListTitle[] = ['gdht', 'dhht'];

/** The latest closing per node and year of the lists the nodes closed: CDHT (their report) and, apart, the other titles. */
export interface ClosedLists {
  reports: Map<string, Map<number, string>>;
  models: Map<string, Map<number, Map<ModelListTitle, string>>>;
}

/**
 * Reads every proposal list the nodes closed. Only a CDHT list (ProposalListClosedV1, or a V2
 * titled 'cdht') is a village's report; a household's or clan's list (V2 with its title) is kept
 * apart, so it never stands in for a CDHT report.
 */
export async function closedLists(db: Db): Promise<ClosedLists> {
  const rows = await recordsOf(db, 'proposal-list');
  const out: ClosedLists = { reports: new Map(), models: new Map() };
  const later = (before: string | undefined, at: string) => !before || at > before;
  for (const r of rows) {
    const m = JSON.parse(r.payload) as { year?: unknown; closedAt?: unknown; title?: unknown };
    if (typeof m.year !== 'number' || typeof m.closedAt !== 'string') continue;
    const title = m.title ?? 'cdht';
    if (title === 'cdht') {
      const perNode = out.reports.get(r.origin) ?? new Map<number, string>();
      if (later(perNode.get(m.year), m.closedAt)) perNode.set(m.year, m.closedAt);
      out.reports.set(r.origin, perNode);
    } else if (modelListTitles.includes(title as ModelListTitle)) {
      const perNode = out.models.get(r.origin) ?? new Map<number, Map<ModelListTitle, string>>();
      const perYear = perNode.get(m.year) ?? new Map<ModelListTitle, string>();
      if (later(perYear.get(title as ModelListTitle), m.closedAt)) perYear.set(title as ModelListTitle, m.closedAt);
      perNode.set(m.year, perYear);
      out.models.set(r.origin, perNode);
    }
  }
  return out;
}

/** Merges two centers' model lists of a year: the latest closing per title, in title order. */
function mergeModels(a: CenterReporting['models'], b: CenterReporting['models']): CenterReporting['models'] {
  const latest = new Map<ModelListTitle, string>();
  for (const m of [...(a ?? []), ...(b ?? [])])
    if (!latest.has(m.title) || m.reportedAt > latest.get(m.title)!) latest.set(m.title, m.reportedAt);
  const out = modelListTitles.filter((t) => latest.has(t)).map((title) => ({ title, reportedAt: latest.get(title)! }));
  return out.length === 0 ? undefined : out;
}

/** Whether the active nodes' reports (closing time per node and year) came by each year's deadline. */
export function reporting(
  now: Date,
  year: number,
  years: number[],
  nodes: { id: string; name: string; enrolledAt: string }[],
  { reports, models }: ClosedLists,
  resolveCenter: (n: string) => string,
  deadlineMonthDay: string,
): Dashboard['reporting'] {
  const today = vietnamDate(now);
  const deadlineOf = (y: number) => `${y}-${deadlineMonthDay}`;
  const centers = new Map<string, CenterReporting>();
  for (const node of nodes) {
    const sent = reports.get(node.id) ?? new Map<number, string>();
    const enrolledYear = Number(vietnamDate(new Date(node.enrolledAt)).slice(0, 4));
    let due = 0;
    let onTime = 0;
    for (const y of new Set([...years, year])) {
      if (y < enrolledYear) continue;
      const at = sent.get(y);
      if (!at && deadlineOf(y) >= today) continue;
      due++;
      if (at && vietnamDate(new Date(at)) <= deadlineOf(y)) onTime++;
    }
    const at = sent.get(year) ?? null;
    const own = mergeModels(
      [...(models.get(node.id)?.get(year) ?? [])].map(([title, reportedAt]) => ({ title, reportedAt })),
      undefined,
    );
    const name = resolveCenter(node.name);
    const prev = centers.get(name);
    // A merged center reports once: its latest report, its due years summed.
    const row: CenterReporting = prev
      ? {
          ...prev,
          reportedAt:
            [prev.reportedAt, at]
              .filter((x): x is string => x !== null)
              .sort()
              .at(-1) ?? null,
          yearsDue: prev.yearsDue + due,
          yearsOnTime: prev.yearsOnTime + onTime,
          onTime: null,
          onTimeRate: null,
        }
      : { name, reportedAt: at, onTime: null, yearsDue: due, yearsOnTime: onTime, onTimeRate: null };
    const merged = mergeModels(prev?.models, own);
    if (merged) row.models = merged;
    row.onTime =
      row.reportedAt === null
        ? deadlineOf(year) < today
          ? false
          : null
        : vietnamDate(new Date(row.reportedAt)) <= deadlineOf(year);
    row.onTimeRate = row.yearsDue === 0 ? null : row.yearsOnTime / row.yearsDue;
    centers.set(name, row);
  }
  return {
    deadline: deadlineOf(year),
    daysLeft: dayNumber(deadlineOf(year)) - dayNumber(today),
    centers: [...centers.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

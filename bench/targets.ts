import type { BoxFigures } from './box.ts';
import type { DashboardFigures } from './dashboard.ts';
import { DASHBOARD_TARGET_MS, REPORT_TARGET_MS } from './dashboard.ts';
import { COMMUNES } from './province.ts';
import type { IngestFigures } from './ingest.ts';
import type { LighthouseFigures } from './lighthouse.ts';
import type { ProvinceFigures } from './province.ts';
import type { SearchFigures } from './search.ts';
import type { SlowLinkFigures } from './slow-link.ts';
import type { SyncFigures } from './sync.ts';
import type { WeightFigures } from './weight.ts';

/**
 * The targets of `npm run bench`, each with its figure, whether it is met and, where it is not, by
 * how much (the figure's distance from the target, in its own unit and as a share of the target).
 */

export interface TargetRow {
  target: string;
  figure: string;
  met: 'yes' | 'NO' | 'not run';
  /** Where missed: by how much. */
  missedBy: string;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** A ceiling (the figure must stay at or under it) or a floor (at or above it). */
function row(target: string, figure: number | null, limit: number, unit: string, kind: 'max' | 'min', shown?: string) {
  if (figure === null || Number.isNaN(figure))
    return { target, figure: shown ?? 'no figure', met: 'not run' as const, missedBy: '' };
  const met = kind === 'max' ? figure <= limit : figure >= limit;
  const gap = Math.abs(figure - limit);
  return {
    target,
    figure: shown ?? `${figure} ${unit}`,
    met: met ? ('yes' as const) : ('NO' as const),
    missedBy: met ? '' : `${r1(gap)} ${unit} (${Math.round((gap / limit) * 100)} %)`,
  };
}

export interface AllFigures {
  weight: WeightFigures;
  ingest: IngestFigures;
  box: BoxFigures;
  sync: SyncFigures;
  slowLink: SlowLinkFigures;
  dashboard: DashboardFigures[];
  /** Null without PostgreSQL. */
  province: ProvinceFigures | null;
  search: SearchFigures;
  lighthouse: LighthouseFigures | null;
}

export function targetRows(f: AllFigures): TargetRow[] {
  const pct = (x: number) => r1(x * 100);
  const lh = f.lighthouse;
  return [
    row('first villager screen ≤ 60 KB gzip', f.weight.firstScreen.gzipKb, 60, 'KB', 'max'),
    row('API ingest ≥ 50 % of raw inserts (one commit each)', pct(f.ingest.ratio), 50, '%', 'min'),
    row('API ingest ≥ 25 % of raw inserts (group commit)', pct(f.ingest.ratioGroup), 25, '%', 'min'),
    row('server RSS idle < 60 MB', f.ingest.rssIdleMb, 60, 'MB', 'max'),
    row('server RSS ≤ 80 MB peak, 30 tablets with photos', f.box.rssPeakMb, 80, 'MB', 'max'),
    row(
      `one core${f.box.pinned ? '' : ' (NOT pinned)'}: p99 < 100 ms, 30 tablets with photos`,
      f.box.p99Ms,
      100,
      'ms',
      'max',
    ),
    row('sync ≥ 3x faster than PouchDB', f.sync.ratios.faster, 3, 'x', 'min'),
    row('sync ≥ 3x fewer bytes than PouchDB', f.sync.ratios.fewerBytes, 3, 'x', 'min'),
    row(
      `slow link: a center's year (${f.slowLink.villagers} villagers) < 30 s`,
      f.slowLink.kiosk.complete ? f.slowLink.kiosk.seconds : null,
      30,
      's',
      'max',
    ),
    ...f.dashboard.flatMap((d) => [
      row(`dashboard < ${DASHBOARD_TARGET_MS} ms (${d.storage})`, d.medianMs, DASHBOARD_TARGET_MS, 'ms', 'max'),
      row(`yearly report .xlsx < 2 s (${d.storage})`, d.reportXlsxMs, REPORT_TARGET_MS, 'ms', 'max'),
      row(`yearly report A4 < 2 s (${d.storage})`, d.reportA4Ms, REPORT_TARGET_MS, 'ms', 'max'),
    ]),
    ...f.dashboard.map((d) => ({
      target: `projection rebuild: time and peak RSS reported, no target (${d.storage})`,
      figure: d.rebuild ? `${d.rebuild.seconds} s, ${d.rebuild.peakRssMb} MB peak` : 'no figure',
      met: d.rebuild ? ('yes' as const) : ('not run' as const),
      missedBy: '',
    })),
    row(
      `province dashboard < ${DASHBOARD_TARGET_MS} ms (${f.province?.communes ?? COMMUNES} communes, postgres)`,
      f.province?.medianMs ?? null,
      DASHBOARD_TARGET_MS,
      'ms',
      'max',
    ),
    row('search < 50 ms per keystroke (median)', f.search.medianMs, 50, 'ms', 'max'),
    row('Lighthouse performance ≥ 95', lh?.performance ?? null, 95, '', 'min'),
    row('Lighthouse first contentful paint < 1.8 s', lh?.fcpMs ?? null, 1800, 'ms', 'max'),
    row('Lighthouse accessibility 100', lh?.accessibility ?? null, 100, '', 'min'),
    row('Lighthouse best practices 100', lh?.bestPractices ?? null, 100, '', 'min'),
  ];
}

/**
 * The deadlines of the reports this hub files (issue 25), from configuration: its result report of
 * the CDHT model (a commune's by calendar.communeReportDeadline, 15 November; a province's by
 * calendar.provinceReportDeadline, 20 November) and the emulation movement's report
 * (calendar.emulationReportDeadline, 1 December), each with the days left in Vietnam time.
 */
import type { Settings } from '../../../../kiosk-config/options.ts';
import { vietnamDate } from '../../../../shared/domain/vietnam-time.ts';
import type { ReportDeadline, ReportKind } from '../../../../shared/schemas/report-paper.ts';

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** One kind's deadline in `year`. */
export function reportDeadline(settings: Settings, now: Date, year: number, kind: ReportKind): ReportDeadline {
  const monthDay =
    kind === 'emulation'
      ? settings['calendar.emulationReportDeadline']
      : settings['hub.level'] === 'province'
        ? settings['calendar.provinceReportDeadline']
        : settings['calendar.communeReportDeadline'];
  const deadline = `${year}-${monthDay}`;
  return { kind, deadline, daysLeft: dayNumber(deadline) - dayNumber(vietnamDate(now)) };
}

/** Every kind's deadline in `year`, soonest first. */
export const reportDeadlines = (settings: Settings, now: Date, year: number): ReportDeadline[] =>
  (['result', 'emulation'] as const)
    .map((kind) => reportDeadline(settings, now, year, kind))
    .sort((a, b) => a.deadline.localeCompare(b.deadline));

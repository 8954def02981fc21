import { currentAssessmentYear } from '../../../shared/domain/assessment-year.ts';
import type { KioskConfig } from './load.ts';

/** The assessment year a change made now counts for. */
export function assessmentYearNow(deps: { config: Pick<KioskConfig, 'settings'>; now: () => Date }): number {
  const s = deps.config.settings;
  return currentAssessmentYear(deps.now(), {
    startMonth: s['year.startMonth'],
    startDay: s['year.startDay'],
    timeZone: s['year.timeZone'],
    fixedYear: s['year.fixed'] ?? undefined,
  });
}

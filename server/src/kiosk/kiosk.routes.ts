import { currentBank } from '../digital/digital.service.ts';
import { Hono } from 'hono';
import type { KioskInfo } from '../../../shared/schemas/kiosk-info.ts';
import { assessmentYearNow } from '../config/assessment-year.ts';
import { yearSpanNow } from '../plans/plans.service.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { ageRules } from '../people/people.service.ts';
import { setupNeeded } from '../config/effective.ts';

/**
 * The name the header shows: a center's own; a hub names its commune (its province at province
 * level), whether it was set up in the browser or runs from a center file with KIOSK_ROLE=hub.
 */
function headerName(config: Deps['config']): string {
  const { center, settings } = config;
  if (settings.role !== 'hub') return center.name;
  const scope = settings['hub.level'] === 'province' ? center.province : center.commune;
  return scope || center.name;
}

export const kioskRoutes = new Hono<AppEnv>().get('/kiosk', (c) => {
  const { config } = c.var.deps;
  const year = assessmentYearNow(c.var.deps);
  const s = config.settings;
  const info: KioskInfo = {
    center: {
      id: config.center.id,
      name: headerName(config),
      commune: config.center.commune,
      province: config.center.province,
      demo: config.center.demo,
      villages: [...config.center.villages],
      places: config.center.places.map((p) => ({ ...p })),
    },
    role: s.role,
    setupNeeded: setupNeeded(config),
    year,
    yearSpan: yearSpanNow(c.var.deps),
    criteriaSet: c.var.deps.criteria.forYear(year),
    photo: { longSide: s['evidence.photoLongSide'], maxBytes: s['evidence.maxPhotoBytes'] },
    session: { idleSeconds: s['session.idleSeconds'], warningSeconds: s['session.warningSeconds'] },
    registration: {
      ...ageRules(s),
      evidenceKeepMonths: s['evidence.keepMonths'],
      outstandingYears: s['recognition.outstandingYears'],
    },
    digitalBank: currentBank(c.var.deps),
  };
  return c.json(info);
});

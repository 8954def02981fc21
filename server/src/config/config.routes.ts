import { currentBank } from '../digital/digital.service.ts';
import { Hono } from 'hono';
import type { KioskInfo } from '../../../shared/schemas/kiosk-info.ts';
import { assessmentYearNow } from '../assessments/assessments.service.ts';
import type { AppEnv } from '../http/context.ts';

export const configRoutes = new Hono<AppEnv>()
  .get('/kiosk', (c) => {
    const { config } = c.var.deps;
    const year = assessmentYearNow(c.var.deps);
    const s = config.settings;
    const info: KioskInfo = {
      center: { ...config.center, villages: [...config.center.villages] },
      year,
      criteriaSet: c.var.deps.criteria.forYear(year),
      photo: { longSide: s['evidence.photoLongSide'], maxBytes: s['evidence.maxPhotoBytes'] },
      session: { idleSeconds: s['session.idleSeconds'], warningSeconds: s['session.warningSeconds'] },
      digitalBank: currentBank(c.var.deps),
    };
    return c.json(info);
  });

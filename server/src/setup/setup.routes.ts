import { Hono } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import { CenterSetupSchema } from '../../../shared/schemas/center-setup.ts';
import { adminUnits, findProvince } from '../config/admin-units.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody } from '../http/errors.ts';
import { saveSetup, setupView } from './setup.service.ts';

/** The setup of the box in the browser (administrator only): read, the 2025 list, save. */
export const setupRoutes = new Hono<AppEnv>()
  .get('/setup', requireRole('admin'), (c) => c.json(setupView(c.var.deps.config)))
  .get('/setup/provinces', requireRole('admin'), (c) =>
    c.json(adminUnits(c.var.deps.config.configDir).provinces.map((p) => ({ code: p.code, name: p.name }))),
  )
  .get('/setup/provinces/:code/communes', requireRole('admin'), (c) => {
    const province = findProvince(c.var.deps.config.configDir, c.req.param('code'));
    if (!province) throw new AppError('setup.province-unknown', { provinceCode: c.req.param('code') });
    return c.json(province.communes);
  })
  .put('/setup', requireRole('admin'), jsonBody(CenterSetupSchema), async (c) =>
    c.json(await saveSetup(c.var.deps, c.var.staff!, c.req.valid('json'))),
  );

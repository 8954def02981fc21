import { Hono } from 'hono';
import { parseOrThrow, jsonBody } from '../../http/errors.ts';
import {
  PopulationInputSchema,
  TargetAdjustmentInputSchema,
  UnitChangeInputSchema,
} from '../../../../shared/schemas/commune.ts';
import { requireRole } from '../../http/auth.ts';
import type { AppEnv } from '../../http/context.ts';
import { deps, YearQuery } from '../context/hub.context.ts';
import * as commune from './commune.service.ts';
import { dashboard } from './dashboard.service.ts';
import { modelRatesView } from './model-rates.service.ts';

/** The commune's dashboard pages (part of hub.routes.ts): the figures, denominators, targets and units. */
export const dashboardRoutes = new Hono<AppEnv>()
  // Dashboard, denominators, targets, units and the yearly report.
  .get('/staff/hub/dashboard', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    deps(c);
    return c.json(await dashboard(c.var.deps, year));
  })
  // The four other titles (family, clan, community, unit): counts, rates against targets, recognitions to renew.
  .get('/staff/hub/model-rates', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    deps(c);
    return c.json(await modelRatesView(c.var.deps, year));
  })
  .get('/staff/hub/population', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    return c.json(await commune.listPopulation(deps(c), year));
  })
  .put('/staff/hub/population', requireRole('admin'), jsonBody(PopulationInputSchema), async (c) => {
    await commune.setPopulation({ ...deps(c), config: c.var.deps.config }, c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  })
  .post('/staff/hub/targets', requireRole('admin'), jsonBody(TargetAdjustmentInputSchema), async (c) => {
    await commune.adjustTarget(deps(c), c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  })
  .get('/staff/hub/units', requireRole('admin'), async (c) => c.json(await commune.listUnitChanges(deps(c))))
  .post('/staff/hub/units', requireRole('admin'), jsonBody(UnitChangeInputSchema), async (c) => {
    await commune.changeUnits({ ...deps(c), config: c.var.deps.config }, c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  });

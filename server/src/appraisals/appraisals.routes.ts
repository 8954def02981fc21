import { Hono } from 'hono';
import * as v from 'valibot';
import {
  ReopenAppraisalSchema,
  ReturnAppraisalSchema,
  SaveAppraisalSchema,
} from '../../../shared/schemas/appraisal.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import * as service from './appraisals.service.ts';

export const VillageYearQuery = v.object({
  village: v.pipe(v.string(), v.minLength(1)),
  year: v.pipe(v.string(), v.regex(/^\d{4}$/), v.transform(Number)),
});

export const appraisalRoutes = new Hono<AppEnv>()
  .use('/staff/appraisals/*', requireRole('appraiser', 'admin'))
  .use('/staff/appraisals', requireRole('appraiser', 'admin'))
  .get('/staff/appraisals', async (c) => {
    const { village, year } = parseOrThrow(VillageYearQuery, c.req.query());
    return c.json(await service.appraisalQueue(c.var.deps, village, year));
  })
  .get('/staff/appraisals/:id', async (c) =>
    c.json(await service.appraisalCase(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')))),
  )
  .put('/staff/appraisals/:id', jsonBody(SaveAppraisalSchema), async (c) =>
    c.json(
      await service.saveAppraisal(
        c.var.deps,
        c.var.staff!,
        parseOrThrow(Uuid7Schema, c.req.param('id')),
        c.req.valid('json'),
      ),
    ),
  )
  .post('/staff/appraisals/:id/return', jsonBody(ReturnAppraisalSchema), async (c) =>
    c.json(
      await service.returnForEvidence(
        c.var.deps,
        c.var.staff!,
        parseOrThrow(Uuid7Schema, c.req.param('id')),
        c.req.valid('json').message,
      ),
    ),
  )
  .post('/staff/appraisals/:id/reopen', requireRole('admin'), jsonBody(ReopenAppraisalSchema), async (c) =>
    c.json(
      await service.reopenAppraisal(
        c.var.deps,
        c.var.staff!,
        parseOrThrow(Uuid7Schema, c.req.param('id')),
        c.req.valid('json').reason,
      ),
    ),
  );

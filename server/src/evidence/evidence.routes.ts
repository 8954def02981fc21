import { Hono } from 'hono';
import * as v from 'valibot';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { parseOrThrow } from '../http/errors.ts';
import { bodyBytes } from '../http/body-limit.ts';
import type { AppEnv } from '../http/context.ts';
import { addPhoto } from './evidence.service.ts';
import { requireAssessment } from '../villager/villager.service.ts';

const IndicatorQuery = v.pipe(v.string(), v.minLength(1), v.maxLength(32));

export const evidenceRoutes = new Hono<AppEnv>()
  // The photo is the raw body (image/jpeg from the tablet's resizer), so nothing is re-encoded here;
  // its size is bounded while it is read (http/body-limit.ts, evidence.maxPhotoBytes).
  .put('/assessments/:assessmentId/evidence/:evidenceId', async (c) => {
    const assessmentId = parseOrThrow(Uuid7Schema, c.req.param('assessmentId'));
    const evidenceId = parseOrThrow(Uuid7Schema, c.req.param('evidenceId'));
    const indicatorId = parseOrThrow(IndicatorQuery, c.req.query('indicator'));
    // The assessment's subject: her own, or her household's as its head; others need staff.
    await requireAssessment(c, assessmentId, 'write');
    const bytes = await bodyBytes(c);
    return c.json(
      await addPhoto(c.var.deps, { assessmentId, evidenceId, indicatorId, bytes, byStaff: c.var.staff !== undefined }),
    );
  });

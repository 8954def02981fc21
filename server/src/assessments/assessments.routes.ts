import { Hono } from 'hono';
import { PutAssessmentSchema } from '../../../shared/schemas/assessment.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import type { AppEnv } from '../http/context.ts';
import { currentWithEvidence, getAssessment, putAssessment } from './assessments.service.ts';
import { requireAssessment, requirePerson } from '../villager/villager.service.ts';

export const assessmentRoutes = new Hono<AppEnv>()
  // The tablet sends the whole assessment under its own id; the same body again is a no-op.
  .put('/assessments/:id', jsonBody(PutAssessmentSchema), async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    // Hers to write (an id already someone else's is refused by the service as id-conflict).
    await requirePerson(c, c.req.valid('json').personId, 'write');
    return c.json(await putAssessment(c.var.deps, id, c.req.valid('json')));
  })
  .get('/assessments/:id', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requireAssessment(c, id, 'read');
    return c.json(await getAssessment(c.var.deps, id));
  })
  .get('/people/:id/assessments/current', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'read');
    return c.json(await currentWithEvidence(c.var.deps, id));
  });

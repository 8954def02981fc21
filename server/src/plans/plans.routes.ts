import { Hono } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { PutLearningPlanSchema } from '../../../shared/schemas/learning-plan.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { findPersonById } from '../people/people.repository.ts';
import { plansOf, putPlan } from './plans.service.ts';
import { requirePerson } from '../villager/villager.service.ts';

export const planRoutes = new Hono<AppEnv>()
  // A plan made on the tablet, under the tablet's own id (a resend is a no-op).
  .put('/learning-plans/:id', jsonBody(PutLearningPlanSchema), async (c) => {
    await requirePerson(c, c.req.valid('json').personId, 'write');
    return c.json(await putPlan(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')), c.req.valid('json')));
  })
  .get('/people/:id/learning-plans', async (c) => {
    const id = parseOrThrow(Uuid7Schema, c.req.param('id'));
    await requirePerson(c, id, 'read');
    if (!(await findPersonById(c.var.deps.db, id))) throw new AppError('person.not-found');
    return c.json(await plansOf(c.var.deps.db, id));
  });

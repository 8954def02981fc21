import { Hono } from 'hono';
import { ListReturnInputSchema } from '../../../../shared/schemas/list-return.ts';
import { requireRole } from '../../http/auth.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody, parseOrThrow } from '../../http/errors.ts';
import { YearQuery } from '../context/hub.context.ts';
import { decisionDeps } from './decisions.routes.ts';
import { closedListsOf, returnList } from './list-returns.ts';

/** The village lists the centers closed (chốt), and the commune returning one with a reason (issue 24; part of hub.routes.ts). */
export const listReturnRoutes = new Hono<AppEnv>()
  .get('/staff/hub/closed-lists', requireRole('admin'), async (c) => {
    const { year } = parseOrThrow(YearQuery, { year: c.req.query('year') ?? '' });
    return c.json(await closedListsOf(decisionDeps(c), year));
  })
  .post('/staff/hub/list-returns', requireRole('admin'), jsonBody(ListReturnInputSchema), async (c) => {
    await returnList(decisionDeps(c), c.var.staff!, c.req.valid('json'));
    return c.json({ ok: true });
  });

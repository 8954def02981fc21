import { Hono, type Context } from 'hono';
import { HistoryReviewSchema } from '../../../../shared/schemas/history.ts';
import { requireRole } from '../../http/auth.ts';
import type { AppEnv } from '../../http/context.ts';
import { jsonBody } from '../../http/errors.ts';
import { deps } from '../context/hub.context.ts';
import { importHistory, listRows, review, template, type HistoryDeps } from './history.service.ts';

function historyDeps(c: Context<AppEnv>): HistoryDeps {
  const { db, now } = deps(c);
  return { db, now, villages: c.var.deps.config.center.villages };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The commune's past recognitions (part of hub.routes.ts): the template, the import, the rows, the review of close matches. */
export const historyRoutes = new Hono<AppEnv>()
  .get('/staff/hub/history/template', requireRole('admin'), async (c) =>
    c.body(new Uint8Array(await template(historyDeps(c))), 200, {
      'content-type': XLSX,
      'content-disposition': 'attachment; filename="mau-cong-nhan-2021-2025.xlsx"',
      'cache-control': 'no-store',
    }),
  )
  // The filled-in template as the body (at most IMPORT_BYTES: http/body-limit.ts): all new rows or none.
  .post('/staff/hub/history', requireRole('admin'), async (c) => {
    const d = historyDeps(c);
    return c.json(await importHistory(d, c.var.staff!, new Uint8Array(await c.req.arrayBuffer())));
  })
  .get('/staff/hub/history', requireRole('admin'), async (c) => c.json(await listRows(historyDeps(c).db)))
  .post('/staff/hub/history/:id/review', requireRole('admin'), jsonBody(HistoryReviewSchema), async (c) => {
    await review(historyDeps(c), c.var.staff!, c.req.param('id'), c.req.valid('json').accept);
    return c.json({ ok: true });
  });

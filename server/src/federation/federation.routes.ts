import { Hono, type Context } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody } from '../http/errors.ts';
import { EnrolBodySchema, RepinBodySchema } from '../../../shared/schemas/enrolment.ts';
import type { FederationDeps } from './federation.deps.ts';
import { federationStatus } from '../sync/sync-status.ts';
import { pushToHub, syncDeps } from './federation.service.ts';
import { enrolWithHub, repinHub } from './enrolment.ts';
import { pinnedFetch } from '../sync/pinned-fetch.ts';

export function federationDeps(c: Pick<Context<AppEnv>, 'var'>): FederationDeps {
  const { db, now, config, fetch: f, evidenceDir, mediaDir } = c.var.deps;
  if (config.settings.role === 'hub' && config.settings['hub.level'] === 'province')
    throw new AppError('sync.wrong-role');
  return syncDeps(config, c.var.deps.criteria, db, now, f ?? pinnedFetch, evidenceDir, mediaDir);
}

/** The sync page of a center's administrator (and of a commune hub's, towards the province): enrol once, see the state in plain words, "Đồng bộ ngay". */
export const federationRoutes = new Hono<AppEnv>()
  .use('/staff/federation', requireRole('admin'))
  .use('/staff/federation/*', requireRole('admin'))
  .get('/staff/federation', async (c) => {
    federationDeps(c);
    return c.json(await federationStatus(c.var.deps.db));
  })
  .post('/staff/federation/enrol', jsonBody(EnrolBodySchema), async (c) => {
    const { hubUrl, code } = c.req.valid('json');
    return c.json(await enrolWithHub(federationDeps(c), c.var.staff!, hubUrl, code));
  })
  // The commune's CA was replaced: the administrator enters the new fingerprint the commune gives.
  .post('/staff/federation/pin', jsonBody(RepinBodySchema), async (c) =>
    c.json(await repinHub(federationDeps(c), c.var.staff!, c.req.valid('json').fingerprint)),
  )
  .post('/staff/federation/run', async (c) => c.json(await pushToHub(federationDeps(c))));

import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody } from '../http/errors.ts';
import { enrolWithHub, federationStatus, pushToHub, syncDeps, type FederationDeps } from './federation.service.ts';

export function federationDeps(c: Pick<Context<AppEnv>, 'var'>): FederationDeps {
  const { db, now, config, fetch: f, evidenceDir, mediaDir } = c.var.deps;
  if (config.settings.role === 'hub' && config.settings['hub.level'] === 'province') throw new AppError('sync.wrong-role');
  return syncDeps(config, c.var.deps.criteria, db, now, f ?? globalThis.fetch, evidenceDir, mediaDir);
}

const EnrolBody = v.strictObject({
  hubUrl: v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//)),
  code: v.pipe(v.string(), v.trim(), v.minLength(6), v.maxLength(64)),
});

/** The sync page of a center's administrator (and of a commune hub's, towards the province): enrol once, see the state in plain words, "Đồng bộ ngay". */
export const federationRoutes = new Hono<AppEnv>()
  .use('/staff/federation', requireRole('admin'))
  .use('/staff/federation/*', requireRole('admin'))
  .get('/staff/federation', async (c) => {
    federationDeps(c);
    return c.json(await federationStatus(c.var.deps.db));
  })
  .post('/staff/federation/enrol', jsonBody(EnrolBody), async (c) => {
    const { hubUrl, code } = c.req.valid('json');
    return c.json(await enrolWithHub(federationDeps(c), c.var.staff!, hubUrl, code));
  })
  .post('/staff/federation/run', async (c) => c.json(await pushToHub(federationDeps(c))));

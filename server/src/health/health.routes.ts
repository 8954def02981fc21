import { Hono } from 'hono';
import { dirname } from 'node:path';
import type { AppEnv } from '../http/context.ts';
import { runChecks } from './checks.ts';

export const healthRoutes = new Hono<AppEnv>()
  // For monitoring: 200 while the box works (even with warnings), 503 when a check failed.
  .get('/health', async (c) => {
    const { db, config, evidenceDir, now, fetch } = c.var.deps;
    const health = await runChecks({ db, config, dataDir: dirname(evidenceDir), now, ...(fetch ? { fetch } : {}) });
    return c.json(health, health.status === 'fail' ? 503 : 200);
  });

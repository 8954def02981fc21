import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** State-changing requests from a browser must come from the kiosk's own pages. Being built: issue 20. */
export const checkOrigin: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};

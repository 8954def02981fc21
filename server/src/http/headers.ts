import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** Security headers on every response (CSP, nosniff, no-referrer, frame-ancestors, HSTS over HTTPS). Being built: issue 20. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};

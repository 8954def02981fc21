import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

/** Every request body bounded while it is read, per kind of route. Being built: issue 20. */
export const bodyLimits: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
};

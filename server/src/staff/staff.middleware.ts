import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { STAFF_COOKIE } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { staffForToken } from './staff.service.ts';

/** Reads the staff session cookie, if any; sets `staff` for the routes that need it. */
export const loadStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, STAFF_COOKIE);
  if (token) {
    const row = await staffForToken(c.var.deps, token);
    if (row) c.set('staff', { id: row.id, name: row.name, role: row.role });
  }
  await next();
};

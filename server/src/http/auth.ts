import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../../../shared/errors.ts';
import type { StaffRole } from '../../../shared/schemas/staff.ts';
import { staffForToken } from '../staff/staff.service.ts';
import type { AppEnv } from './context.ts';

export const STAFF_COOKIE = 'kiosk_staff';

/** Reads the staff session cookie, if any; sets `staff` for the routes that need it. */
export const loadStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, STAFF_COOKIE);
  if (token) {
    const row = await staffForToken(c.var.deps, token);
    if (row) c.set('staff', { id: row.id, name: row.name, role: row.role });
  }
  await next();
};

/** Lets through only signed-in staff with one of `roles`; checked on the server for every staff route. */
export function requireRole(...roles: StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const staff = c.var.staff;
    if (!staff) throw new AppError('auth.required');
    if (!roles.includes(staff.role)) throw new AppError('auth.forbidden', { roles });
    await next();
  };
}

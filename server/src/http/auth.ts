import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../../shared/errors.ts';
import type { StaffRole } from '../../../shared/schemas/staff.ts';
import type { AppEnv } from './context.ts';

export const STAFF_COOKIE = 'kiosk_staff';

/** Lets through only signed-in staff with one of `roles`; checked on the server for every staff route. */
export function requireRole(...roles: StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const staff = c.var.staff;
    if (!staff) throw new AppError('auth.required');
    if (!roles.includes(staff.role)) throw new AppError('auth.forbidden', { roles });
    await next();
  };
}

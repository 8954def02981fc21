import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { CreateStaffSchema, SetupSchema, SignInSchema, type StaffView } from '../../../shared/schemas/staff.ts';
import { requireRole, STAFF_COOKIE } from '../http/auth.ts';
import type { AppEnv, Deps } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { clientAddress } from '../http/throttle.ts';
import { newStaffGuards, type StaffGuards } from './guards.ts';
import { hasActiveAdmin } from './setup-code.repository.ts';
import { listStaff } from './staff.repository.ts';
import * as service from './staff.service.ts';

/** The throttles of each app (tests build many apps in one process; each starts with none counted). */
const guardsOfApp = new WeakMap<Deps, StaffGuards>();

function deps(c: Context<AppEnv>): service.StaffDeps {
  const { db, now, config } = c.var.deps;
  const lockoutSeconds = config.settings['auth.lockoutSeconds'];
  let guards = guardsOfApp.get(c.var.deps);
  if (!guards) guardsOfApp.set(c.var.deps, (guards = newStaffGuards(lockoutSeconds)));
  return { db, now, sessionHours: config.settings['auth.sessionHours'], lockoutSeconds, guards };
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), expiring with the session. */
function setSession(c: Context<AppEnv>, session: { token: string; maxAgeSeconds: number }) {
  setCookie(c, STAFF_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: session.maxAgeSeconds,
    secure: new URL(c.req.url).protocol === 'https:',
  });
}

export const staffRoutes = new Hono<AppEnv>()
  .get('/staff/status', async (c) => {
    const staff = c.var.staff;
    return c.json({
      setupNeeded: !(await hasActiveAdmin(c.var.deps.db)),
      me: staff ? { ...staff, active: true } : null,
      serverRole: c.var.deps.config.settings.role,
      hubLevel: c.var.deps.config.settings.role === 'hub' ? c.var.deps.config.settings['hub.level'] : null,
    });
  })
  .post('/staff/setup', jsonBody(SetupSchema), async (c) => {
    const result = await service.setupAdmin(deps(c), c.req.valid('json'), clientAddress(c));
    setSession(c, result);
    return c.json(result.staff);
  })
  .post('/staff/sign-in', jsonBody(SignInSchema), async (c) => {
    const result = await service.signIn(deps(c), c.req.valid('json'), clientAddress(c));
    setSession(c, result);
    return c.json(result.staff);
  })
  .post('/staff/sign-out', requireRole('admin', 'facilitator', 'appraiser'), async (c) => {
    await service.signOut(deps(c), getCookie(c, STAFF_COOKIE)!, c.var.staff!);
    deleteCookie(c, STAFF_COOKIE, { path: '/' });
    return c.json({ ok: true });
  })
  .get('/staff/accounts', requireRole('admin'), async (c) => {
    const rows = await listStaff(c.var.deps.db);
    return c.json(rows.map(service.toStaffView) satisfies StaffView[]);
  })
  .post('/staff/accounts', requireRole('admin'), jsonBody(CreateStaffSchema), async (c) =>
    c.json(await service.createStaff(deps(c), c.var.staff!, c.req.valid('json'))),
  )
  .post('/staff/accounts/:id/deactivate', requireRole('admin'), async (c) => {
    await service.deactivateStaff(deps(c), c.var.staff!, parseOrThrow(Uuid7Schema, c.req.param('id')));
    return c.json({ ok: true });
  });

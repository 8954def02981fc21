import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { parseOrThrow } from '../http/errors.ts';
import { auditLog } from './audit.ts';

const AuditQuery = v.object({
  action: v.optional(v.pipe(v.string(), v.maxLength(40))),
  actorId: v.optional(v.string()),
  subjectId: v.optional(v.string()),
  from: v.optional(v.pipe(v.string(), v.isoDate())),
  to: v.optional(v.pipe(v.string(), v.isoDate())),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number)), '200'),
});

export const auditRoutes = new Hono<AppEnv>()
  // The administrator reads the log, newest first, filtered by action, person, subject or dates.
  .get('/staff/audit', requireRole('admin'), async (c) => {
    const q = parseOrThrow(AuditQuery, c.req.query());
    return c.json(await auditLog(c.var.deps.db, q));
  });

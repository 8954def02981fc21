import { Hono } from 'hono';
import * as v from 'valibot';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { parseOrThrow } from '../http/errors.ts';

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
    let query = c.var.deps.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', `${q.to}T24`);
    const rows = await query.execute();
    return c.json(rows.map((r) => ({
      id: r.id, at: r.at, actor: r.actor_name, actorId: r.actor_id, action: r.action,
      subjectKind: r.subject_kind, subjectId: r.subject_id, details: JSON.parse(r.details) as Record<string, unknown>,
    })));
  });

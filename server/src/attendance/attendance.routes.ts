import { Hono } from 'hono';
import { PutAttendanceSchema } from '../../../shared/schemas/attendance.ts';
import { Uuid7Schema } from '../../../shared/schemas/ids.ts';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonBody, parseOrThrow } from '../http/errors.ts';
import { classAttendance, setAttendance } from './attendance.service.ts';

export const attendanceRoutes = new Hono<AppEnv>()
  // A class's sessions with who was present at each.
  .get('/staff/resources/:id/attendance', requireRole('facilitator', 'admin'), async (c) =>
    c.json(await classAttendance(c.var.deps, parseOrThrow(Uuid7Schema, c.req.param('id')))),
  )
  // Sets exactly who attended one session (marks and unmarks); answers the class's attendance.
  .put(
    '/staff/resources/:id/attendance',
    requireRole('facilitator', 'admin'),
    jsonBody(PutAttendanceSchema),
    async (c) =>
      c.json(
        await setAttendance(
          c.var.deps,
          c.var.staff!,
          parseOrThrow(Uuid7Schema, c.req.param('id')),
          c.req.valid('json'),
        ),
      ),
  );

import * as v from 'valibot';

/** One check of the box's health (server/src/health/checks.ts), with its Vietnamese sentence. */
export const HealthCheckSchema = v.object({
  id: v.picklist(['disk', 'database', 'certificate', 'clock', 'hub', 'outbox', 'backup', 'runtime', 'evidence']),
  status: v.picklist(['ok', 'warn', 'fail']),
  message: v.string(),
});

/** `GET /api/health`: 200 when nothing fails, 503 with the same body when something does. */
export const HealthSchema = v.object({
  status: v.picklist(['ok', 'warn', 'fail']),
  at: v.string(),
  checks: v.array(HealthCheckSchema),
});
export type HealthView = v.InferOutput<typeof HealthSchema>;

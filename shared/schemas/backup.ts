import * as v from 'valibot';

/**
 * Backups of the box as the administrator sees them (`GET /api/staff/backups`): the last good one,
 * the last failure, and the recent tries. Made nightly, by "Sao lưu ngay" or by `npm run backup`.
 */

export const BackupRunSchema = v.object({
  id: v.number(),
  startedAt: v.string(),
  finishedAt: v.string(),
  ok: v.boolean(),
  trigger: v.picklist(['nightly', 'manual', 'cli']),
  /** The backup's folder (a failed one: the folder it was to go in). */
  path: v.nullable(v.string()),
  bytes: v.number(),
  files: v.number(),
  /** Error code of a failed try. */
  error: v.nullable(v.string()),
});
export type BackupRun = v.InferOutput<typeof BackupRunSchema>;

export const BackupStatusSchema = v.object({
  /** On PostgreSQL the database is backed up with pg_dump, not here. */
  database: v.picklist(['sqlite', 'postgres']),
  dir: v.string(),
  /** Hour of the nightly backup, Vietnam time. */
  hour: v.number(),
  keep: v.number(),
  /** The latest successful backup. */
  last: v.nullable(BackupRunSchema),
  /** The latest try, when it failed. */
  lastFailure: v.nullable(v.object({ at: v.string(), code: v.string() })),
  /** never: no backup has succeeded; stale: the last one is more than two days old. */
  warning: v.nullable(v.picklist(['never', 'stale'])),
  recent: v.array(BackupRunSchema),
});
export type BackupStatus = v.InferOutput<typeof BackupStatusSchema>;

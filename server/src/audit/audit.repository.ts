import type { Db } from '../db/database.ts';
import type { AuditLogTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

export type AuditLogRow = Selectable<AuditLogTable>;

/** What the administrator filters the log by; `to` is a date, included whole. */
export interface AuditFilter {
  action?: string;
  actorId?: string;
  subjectId?: string;
  from?: string;
  to?: string;
  limit: number;
}

export async function insertAuditEntry(db: Db, row: Omit<AuditLogRow, 'id'>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** The log, newest first, filtered; an action matches by prefix (its wildcards taken out). */
export function findAuditEntries(db: Db, q: AuditFilter): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
  if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', `${q.to}T24`);
  return query.execute();
}

/** Every entry of one action, oldest first: when and its details (JSON). */
export function entriesOf(db: Db, action: string) {
  return db.selectFrom('audit_log').select(['at', 'details']).where('action', '=', action).orderBy('id').execute();
}

/** When the latest entry of one action was written, if any. */
export async function lastEntryAt(db: Db, action: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('at')
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}

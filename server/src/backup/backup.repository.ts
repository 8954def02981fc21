import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { BackupLogTable } from '../db/schema.ts';

/** The log of backups made or tried, newest last. */

export type BackupLogRow = Selectable<BackupLogTable>;

/** Logs a backup made or tried; returns its id. */
export async function logBackup(db: Db, row: Insertable<BackupLogTable>): Promise<number> {
  const inserted = await db.insertInto('backup_log').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** The latest successful backup, if any. */
export function lastSuccessful(db: Db): Promise<BackupLogRow | undefined> {
  return db.selectFrom('backup_log').selectAll().where('ok', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The latest tries, newest first. */
export function recentBackups(db: Db, limit: number): Promise<BackupLogRow[]> {
  return db.selectFrom('backup_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** When the latest nightly run started, if one ever did. */
export async function lastNightlyStart(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('backup_log')
    .select('started_at')
    .where('trigger', '=', 'nightly')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.started_at ?? null;
}

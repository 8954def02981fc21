import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Whether the database answers at all (PostgreSQL). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * SQLite's own check of the file: `integrity_check` reads every page (`thorough`), `quick_check`
 * skips the indexes' contents. Returns what it says, 'ok' when the file is sound.
 */
export async function sqliteCheck(db: Db, thorough: boolean): Promise<string> {
  const pragma = thorough
    ? sql<{ integrity_check: string }>`pragma integrity_check`
    : sql<{ quick_check: string }>`pragma quick_check`;
  const rows = (await pragma.execute(db)).rows as Record<string, string>[];
  return rows.map((r) => Object.values(r)[0]).join('; ');
}

import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../server/src/db/database.ts';

/**
 * A box's SQLite database for a test, already migrated: a copy of one database migrated once per
 * test process. Migrating a file with synchronous=FULL is some thirty commits, each synced to disk
 * (150–600 ms per database on these machines, for most integration tests the biggest part of their
 * set-up); the copy takes a few. The copy then goes through migrateToLatest as a box's database does
 * at every start (nothing is left to run). The migrations themselves are tested on their own
 * (server/src/db/migrations, tests/support/migrations.ts).
 */
let template: Promise<string> | null = null;

async function makeTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-template-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'migrated.sqlite');
  const db = openDatabase({ file, synchronous: 'NORMAL' });
  await migrateToLatest(db);
  // Closing the last connection checkpoints the WAL into the file and removes it: the file alone is whole.
  await db.destroy();
  return file;
}

/** Opens `file` as a box does at start; a file not there yet begins as the migrated copy (one there, e.g. restored, is kept). */
export async function openMigratedSqlite(file: string, synchronous: 'NORMAL' | 'FULL'): Promise<Db> {
  if (!existsSync(file)) {
    template ??= makeTemplate();
    copyFileSync(await template, file);
  }
  const db = openDatabase({ file, synchronous });
  await migrateToLatest(db);
  return db;
}

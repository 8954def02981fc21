import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, type Kysely } from 'kysely';
import { afterEach, inject } from 'vitest';
import { openDatabase } from '../../server/src/db/database.ts';
import { migrations } from '../../server/src/db/migrations/index.ts';
import { freshPgDatabase } from './postgres.ts';

/**
 * For a migration's own test: the storages to run it on (PostgreSQL when the throwaway cluster is
 * up), an empty database of each (removed after each test), and migrating it up or down to a named
 * migration, so the test can put rows in the shape before and read them in the shape after.
 */
export function migrationTestBed() {
  const pgUrl = inject('pgUrl');
  const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function fresh(storage: 'sqlite' | 'postgres'): Promise<Kysely<any>> {
    if (storage === 'postgres') {
      const opened = await freshPgDatabase(pgUrl!, 'migration');
      cleanups.push(async () => {
        await opened.db.destroy();
        await opened.drop();
      });
      return opened.db;
    }
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-migration-'));
    const db = openDatabase({ file: join(dir, 'box.sqlite'), synchronous: 'FULL' });
    cleanups.push(async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    });
    return db;
  }

  async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
    if (error) throw error;
  }

  return { storages, fresh, migrateTo };
}

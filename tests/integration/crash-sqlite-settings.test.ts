import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/load.ts';
import { commitsAreDurable, openDatabase, type Db } from '../../server/src/db/database.ts';
import { configDir, startHarness } from './harness.ts';

describe('the SQLite settings on the open connection', () => {
  // FULL's fsync of the WAL at each commit is made by the driver, off the event loop, before any
  // answer (server/src/db/wal-sync.ts): SQLite itself commits with NORMAL (1).
  it('are WAL, commits synced before they are answered, and foreign keys on, as the kiosk opens its database', async () => {
    const pragmas = async (db: Db) => ({
      durable: commitsAreDurable(db),
      journal_mode: (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db)).rows[0]?.journal_mode,
      synchronous: (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db)).rows[0]?.synchronous,
      foreign_keys: (await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]?.foreign_keys,
    });
    // The harness's kiosk (the app every integration test drives).
    const h = await startHarness();
    try {
      expect(await pragmas(h.db)).toEqual({ durable: true, journal_mode: 'wal', synchronous: 1, foreign_keys: 1 });
    } finally {
      await h.close();
    }

    // As server/src/main.ts opens it: the configured default, then the NORMAL option honoured.
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-pragmas-'));
    try {
      const settings = loadConfig({ configDir, env: {} }).settings;
      expect(settings['db.synchronous']).toBe('FULL');
      const db = openDatabase({ file: join(dir, 'kiosk.sqlite'), synchronous: settings['db.synchronous'] });
      expect(await pragmas(db)).toEqual({ durable: true, journal_mode: 'wal', synchronous: 1, foreign_keys: 1 });
      await db.destroy();
      const normal = openDatabase({
        file: join(dir, 'kiosk.sqlite'),
        synchronous: loadConfig({ configDir, env: { KIOSK_DB_SYNCHRONOUS: 'NORMAL' } }).settings['db.synchronous'],
      });
      expect(await pragmas(normal)).toEqual({ durable: false, journal_mode: 'wal', synchronous: 1, foreign_keys: 1 });
      await normal.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

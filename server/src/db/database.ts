import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { GroupCommitSqlite, GroupCommitSqliteDialect } from './sqlite-driver.ts';
import { walFileSync } from './wal-sync.ts';

/** The database, or a transaction on it (a Kysely Transaction is a Kysely): the one type every query takes. */
export type Db = Kysely<Database>;

/** The better-sqlite3 connection under each Kysely instance opened on a file (for its online backup API). */
const sqliteHandles = new WeakMap<Kysely<any>, SQLite.Database>();

/**
 * The better-sqlite3 connection of a database opened by openDatabase on SQLite; null on PostgreSQL.
 * Each use of it first commits the transactions waiting for their group COMMIT (sqlite-driver.ts),
 * so a backup never copies what is not yet committed.
 */
export function sqliteHandle(db: Kysely<any>): SQLite.Database | null {
  return sqliteHandles.get(db) ?? null;
}

function flushingHandle(shared: GroupCommitSqlite): SQLite.Database {
  return new Proxy(shared.sqlite, {
    get(target, key) {
      shared.flush();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface OpenOptions {
  /** File path, or ':memory:'. */
  file: string;
  /** A PostgreSQL URL: when set, the same schema and queries run there instead of the file. */
  url?: string | null;
  /**
   * FULL survives power loss (each commit's WAL is on disk before anyone is answered: synced by the
   * driver off the event loop, wal-sync.ts); NORMAL may lose the last commits.
   */
  synchronous: 'FULL' | 'NORMAL';
}

/** Whether each commit on `db` is answered only once the WAL holding it is on disk (FULL on a file). */
const durable = new WeakSet<Kysely<any>>();
export const commitsAreDurable = (db: Kysely<any>): boolean => durable.has(db);

/** Opens SQLite with WAL and foreign keys on, and the chosen durability. */
export function openDatabase({ file, url, synchronous }: OpenOptions): Db {
  if (url) {
    // pg is loaded with the first query, so a box on SQLite never holds it in memory.
    const pool = async () => {
      const { default: pg } = await import('pg');
      // Counts come back as numbers, not strings (bigint), as from SQLite.
      pg.types.setTypeParser(20, (v) => Number(v));
      // No parallel workers: a hub's queries are aggregates over at most a few hundred thousand rows
      // answered to someone waiting, where starting workers costs more than it saves (30,000 people
      // × 5 years: dashboard median 175-208 → 81-114 ms) and takes cores from the other requests.
      return new pg.Pool({ connectionString: url, max: 10, options: '-c max_parallel_workers_per_gather=0' });
    };
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: SQLite commits without its own fsync (NORMAL) and the driver syncs the WAL before answering.
  const syncs = synchronous === 'FULL' && file !== ':memory:';
  sqlite.pragma(`synchronous = ${syncs ? 'NORMAL' : synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const shared = new GroupCommitSqlite(sqlite, syncs ? walFileSync(file) : undefined);
  const db = new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(shared) });
  if (syncs) durable.add(db);
  sqliteHandles.set(db, flushingHandle(shared));
  return db;
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitsAreDurable, openDatabase } from './database.ts';
import { GroupCommitSqlite, GroupCommitSqliteDialect } from './sqlite-driver.ts';
import { walFileSync } from './wal-sync.ts';

interface T {
  item: { id: Generated<number>; label: string };
}

/**
 * A WAL sync the test finishes by hand: `release()` lets the oldest sync under way return, as the
 * disk would; `fail()` makes it fail.
 */
class HandSync {
  started = 0;
  private pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  readonly sync = () => {
    this.started++;
    return new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject }));
  };
  get underWay(): number {
    return this.pending.length;
  }
  release(): void {
    this.pending.shift()!.resolve();
  }
  fail(): void {
    this.pending.shift()!.reject(new Error('EIO'));
  }
}

/** Lets every promise callback and immediate that is ready run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/** Waits for `p`, letting every sync it waits for return. */
async function withDisk<X>(p: Promise<X>): Promise<X> {
  let done = false;
  void p.finally(() => (done = true)).catch(() => {});
  while (!done) {
    await settle();
    while (disk.underWay > 0) disk.release();
  }
  return p;
}

let dir: string;
let disk: HandSync;
let db: Kysely<T>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-wal-sync-'));
  const sqlite = new SQLite(join(dir, 'x.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  disk = new HandSync();
  db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect(new GroupCommitSqlite(sqlite, disk.sync)) });
  await withDisk(sql`create table item (id integer primary key, label text not null unique)`.execute(db));
  disk.started = 0;
});

afterEach(async () => {
  await withDisk(db.destroy());
  rmSync(dir, { recursive: true, force: true });
});

const insert = (label: string) => db.transaction().execute((trx) => trx.insertInto('item').values({ label }).execute());
/** Marks when a promise settles, to see what is still unanswered. */
const watch = (p: Promise<unknown>) => {
  const w = { done: false, failed: null as unknown };
  p.then(
    () => (w.done = true),
    (e: unknown) => (w.failed = e),
  );
  return w;
};

describe('commits answered once the WAL is synced, off the event loop', () => {
  it('answers a transaction only after the sync that followed its COMMIT, and one sync answers a whole group', async () => {
    const a = watch(insert('a'));
    const b = watch(insert('b'));
    await settle();
    // Committed (another connection could read it) but not yet on disk: nobody is answered.
    expect(disk.started).toBe(1);
    expect([a.done, b.done]).toEqual([false, false]);
    disk.release();
    await settle();
    expect([a.done, b.done]).toEqual([true, true]);
    expect(disk.started).toBe(1);
  });

  it('keeps the connection free while the disk works: the next transactions commit and wait for the next sync', async () => {
    const a = watch(insert('a'));
    await settle();
    const b = watch(insert('b'));
    await settle();
    // b committed while a's sync was under way: one sync at a time, so b waits for a second one.
    expect(disk.started).toBe(1);
    disk.release();
    await settle();
    expect([a.done, b.done]).toEqual([true, false]);
    expect(disk.started).toBe(2);
    disk.release();
    await settle();
    expect(b.done).toBe(true);
  });

  it('answers a read outside any transaction only once what it saw is on disk', async () => {
    const a = watch(insert('a'));
    await settle();
    const read = watch(db.selectFrom('item').select('label').execute());
    await settle();
    expect(read.done).toBe(false);
    disk.release();
    await settle();
    expect([a.done, read.done]).toEqual([true, true]);
    // Nothing left to sync: the next read is answered at once, with no sync.
    expect(await db.selectFrom('item').select('label').execute()).toEqual([{ label: 'a' }]);
    expect(disk.started).toBe(1);
  });

  it('answers a write outside any transaction once it is synced', async () => {
    const w = watch(db.insertInto('item').values({ label: 'alone' }).execute());
    await settle();
    expect(w.done).toBe(false);
    disk.release();
    await settle();
    expect(w.done).toBe(true);
  });

  it('fails the transactions a failed sync was to cover, and syncs them again for whoever reads them next', async () => {
    const a = watch(insert('a'));
    await settle();
    disk.fail();
    await settle();
    expect(a.failed).toBeInstanceOf(Error);
    const read = watch(db.selectFrom('item').select('label').execute());
    await settle();
    expect(read.done).toBe(false);
    expect(disk.started).toBe(2);
    disk.release();
    await settle();
    expect(read.done).toBe(true);
  });
});

describe('the database as the kiosk opens it', () => {
  it('with FULL, commits without SQLite’s own fsync and syncs the WAL itself; NORMAL does not', async () => {
    const full = openDatabase({ file: join(dir, 'full.sqlite'), synchronous: 'FULL' });
    const pragma = async (d: Kysely<any>) =>
      (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(d)).rows[0]?.synchronous;
    expect(await pragma(full)).toBe(1);
    expect(commitsAreDurable(full)).toBe(true);
    await full.destroy();
    const normal = openDatabase({ file: join(dir, 'normal.sqlite'), synchronous: 'NORMAL' });
    expect(commitsAreDurable(normal)).toBe(false);
    await normal.destroy();
    expect(commitsAreDurable(openDatabase({ file: ':memory:', synchronous: 'FULL' }))).toBe(false);
  });

  it('syncs the WAL beside the file through one handle, opened once it exists', async () => {
    const file = join(dir, 'real.sqlite');
    const sync = walFileSync(file);
    // No WAL yet: the sync fails (nobody is answered), and tries the file again next time.
    await expect(sync()).rejects.toThrow(/ENOENT/);
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.prepare('create table t (x)').run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    await sync();
    sqlite.prepare('insert into t values (1)').run();
    await sync();
    sqlite.close();
    await sync.close?.();
  });
});

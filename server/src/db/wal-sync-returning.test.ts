import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqlite, GroupCommitSqliteDialect } from './sqlite-driver.ts';

/**
 * A write that answers rows (INSERT, UPDATE or DELETE … RETURNING) outside any transaction commits
 * on its own like any other write: answered only once the WAL's sync that follows it is done. The
 * driver runs such a statement as a reader (it answers rows), which must not make it a read.
 */

interface T {
  item: { id: Generated<number>; label: string };
}

let dir: string;
let db: Kysely<T>;
let syncs: (() => void)[];
let started: number;

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
const releaseAll = async () => {
  for (let i = 0; i < 5; i++) {
    await settle();
    while (syncs.length > 0) syncs.shift()!();
  }
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-wal-returning-'));
  const sqlite = new SQLite(join(dir, 'x.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  syncs = [];
  started = 0;
  const sync = () => {
    started++;
    return new Promise<void>((resolve) => syncs.push(resolve));
  };
  db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect(new GroupCommitSqlite(sqlite, sync)) });
  const made = sql`create table item (id integer primary key, label text not null unique)`.execute(db);
  await releaseAll();
  await made;
  started = 0;
});

afterEach(async () => {
  const closed = db.destroy();
  await releaseAll();
  await closed;
  rmSync(dir, { recursive: true, force: true });
});

const watch = (p: Promise<unknown>) => {
  const w = { done: false, value: undefined as unknown };
  void p.then((v) => {
    w.done = true;
    w.value = v;
  });
  return w;
};

describe('a write answering rows outside any transaction', () => {
  it('a PRAGMA answers rows and writes nothing: answered with no sync', async () => {
    const w = watch(sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db));
    await settle();
    expect(started).toBe(0);
    expect(w.done).toBe(true);
  });

  it('an INSERT … RETURNING is answered once the WAL is synced', async () => {
    const w = watch(db.insertInto('item').values({ label: 'a' }).returning(['id', 'label']).executeTakeFirst());
    await settle();
    expect(started).toBe(1);
    expect(w.done).toBe(false);
    syncs.shift()!();
    await settle();
    expect(w.value).toEqual({ id: 1, label: 'a' });
  });

  it('an UPDATE … RETURNING too; a plain read with nothing to sync waits for no sync', async () => {
    const made = db.insertInto('item').values({ label: 'a' }).execute();
    await releaseAll();
    await made;
    started = 0;
    const w = watch(db.updateTable('item').set({ label: 'b' }).returning('label').execute());
    await settle();
    expect(w.done).toBe(false);
    syncs.shift()!();
    await settle();
    expect(w.value).toEqual([{ label: 'b' }]);
    expect(await db.selectFrom('item').select('label').execute()).toEqual([{ label: 'b' }]);
    expect(started).toBe(1);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqlite, GroupCommitSqliteDialect } from './sqlite-driver.ts';

interface T {
  item: { id: Generated<number>; label: string };
}

let dir: string;
let shared: GroupCommitSqlite;
let db: Kysely<T>;
/** A second connection to the same file: what survives a crash is what it can read. */
let other: SQLite.Database;
let commits: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-driver-'));
  const file = join(dir, 'x.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  shared = new GroupCommitSqlite(sqlite);
  commits = 0;
  const prepare = shared.prepare.bind(shared);
  shared.prepare = (text: string) => {
    if (text === 'commit') commits++;
    return prepare(text);
  };
  db = new Kysely<T>({ dialect: new GroupCommitSqliteDialect(shared) });
  await sql`create table item (id integer primary key, label text not null unique)`.execute(db);
  other = new SQLite(file, { readonly: true });
  commits = 0;
});

afterEach(async () => {
  other.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const durable = () =>
  (other.prepare('select label from item order by id').all() as { label: string }[]).map((r) => r.label);
const insert = (label: string) => db.transaction().execute((trx) => trx.insertInto('item').values({ label }).execute());

describe('group commit over better-sqlite3', () => {
  it('commits transactions started together with one COMMIT, and answers each only once it is on disk', async () => {
    const seen: string[][] = [];
    const all = Promise.all(
      ['a', 'b', 'c', 'd'].map((label) =>
        insert(label).then(() => {
          seen.push(durable());
        }),
      ),
    );
    await all;
    expect(commits).toBe(1);
    // Every caller, when answered, could already read all four from another connection.
    expect(seen).toEqual([
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'],
    ]);
  });

  it('rolls back a failing transaction alone; the others of its group commit', async () => {
    await insert('taken');
    const results = await Promise.allSettled([insert('x'), insert('taken'), insert('y')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(durable()).toEqual(['taken', 'x', 'y']);
  });

  it('rolls back every statement of a transaction that throws after writing', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ label: 'half' }).execute();
      throw new Error('refused');
    });
    await expect(Promise.all([insert('kept'), failing])).rejects.toThrow('refused');
    await insert('after');
    expect(durable()).toEqual(['kept', 'after']);
  });

  it('commits the open group before a statement outside any transaction', async () => {
    const pending = insert('first');
    // Queued behind the transaction on the one connection, it runs before the group's COMMIT was due.
    const read = db.selectFrom('item').select('label').execute();
    const rows = await read;
    expect(rows.map((r) => r.label)).toEqual(['first']);
    expect(durable()).toEqual(['first']);
    await pending;
    expect(commits).toBe(1);
  });

  it('keeps a transaction that awaits other work whole: its group waits for it', async () => {
    const slow = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ label: 'slow-1' }).execute();
      await new Promise((r) => setTimeout(r, 20));
      expect(durable()).toEqual([]);
      await trx.insertInto('item').values({ label: 'slow-2' }).execute();
    });
    await slow;
    expect(durable()).toEqual(['slow-1', 'slow-2']);
  });

  it('gives the connection back to db.connection() after a transaction inside it, while others wait their turn', async () => {
    let order: string[] = [];
    const scoped = db.connection().execute(async (c) => {
      await c.transaction().execute((trx) => trx.insertInto('item').values({ label: 'inner' }).execute());
      order.push(...(await c.selectFrom('item').select('label').execute()).map((r) => `seen:${r.label}`));
    });
    const other = insert('other').then(() => {
      order.push('other');
    });
    await Promise.all([scoped, other]);
    expect(durable()).toEqual(['inner', 'other']);
    expect(order).toContain('seen:inner');
    order = [];
  });

  it('reuses a prepared statement for the same SQL text', () => {
    expect(shared.prepare('select 1')).toBe(shared.prepare('select 1'));
    expect(shared.prepare('select 1')).not.toBe(shared.prepare('select 2'));
  });
});

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.ts';
import { prepared, preparedRows } from './prepared.ts';

/** Queries built and compiled once: the same rows and effects as Kysely's own, per database and shape. */

let db: Db;
const open = async () => {
  const d = openDatabase({ file: ':memory:', synchronous: 'FULL' });
  await sql`create table item (id text primary key, label text, n integer)`.execute(d);
  return d;
};
beforeEach(async () => {
  db = await open();
});
afterEach(() => db.destroy());

type Item = { id: string; label: string | null; n: number | null };
const anyDb = (d: Db) => d as unknown as import('kysely').Kysely<{ item: Item }>;

const insertItem = prepared((d, p: { id: string; label?: string | null; n?: number | null }) =>
  anyDb(d).insertInto('item').values(p),
);
const itemById = prepared((d, p: { id: string }) => anyDb(d).selectFrom('item').selectAll().where('id', '=', p.id));
const byLabelAndN = prepared((d, p: { label: string; n: number }) =>
  anyDb(d)
    .selectFrom('item')
    .select('id')
    .where((eb) => eb.or([eb('label', '=', p.label), eb('n', '>', p.n)]))
    .where('id', '!=', 'skip')
    .orderBy('id'),
);

describe('prepared queries', () => {
  it('run with each call’s values, whatever the shape of the row (a left-out column is its default)', async () => {
    await insertItem(db, { id: 'a', label: 'một', n: 1 });
    await insertItem(db, { id: 'b', label: null, n: 2 });
    await insertItem(db, { id: 'c', label: undefined, n: undefined });
    await insertItem(db, { id: 'skip', label: 'một', n: 9 });
    expect((await itemById(db, { id: 'b' })).rows).toEqual([{ id: 'b', label: null, n: 2 }]);
    expect((await itemById(db, { id: 'c' })).rows).toEqual([{ id: 'c', label: null, n: null }]);
    const plain = await anyDb(db).selectFrom('item').selectAll().orderBy('id').execute();
    expect(plain).toEqual([
      { id: 'a', label: 'một', n: 1 },
      { id: 'b', label: null, n: 2 },
      { id: 'c', label: null, n: null },
      { id: 'skip', label: 'một', n: 9 },
    ]);
    // A constant of the builder stays in place among the values.
    expect((await byLabelAndN(db, { label: 'một', n: 1 })).rows).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect((await byLabelAndN(db, { label: 'x', n: 5 })).rows).toEqual([]);
  });

  it('run inside a transaction, and on another database of its own', async () => {
    await db.transaction().execute(async (trx) => {
      await insertItem(trx, { id: 't', label: 'x', n: 1 });
      expect((await itemById(trx, { id: 't' })).rows).toHaveLength(1);
    });
    const other = await open();
    try {
      expect((await itemById(other, { id: 't' })).rows).toEqual([]);
      await insertItem(other, { id: 't', label: 'y', n: 2 });
      expect((await itemById(other, { id: 't' })).rows[0]?.label).toBe('y');
      expect((await itemById(db, { id: 't' })).rows[0]?.label).toBe('x');
    } finally {
      await other.destroy();
    }
  });

  it('refuse a builder that writes a value into the SQL text or works a value out', async () => {
    const inText = prepared((d, p: { id: string }) =>
      anyDb(d)
        .selectFrom('item')
        .selectAll()
        .where(sql.raw(`id = '${p.id}'`) as never),
    );
    await expect(inText(db, { id: 'a' })).rejects.toThrow(/SQL text/);
    const workedOut = prepared((d, p: { n: number }) =>
      anyDb(d)
        .selectFrom('item')
        .selectAll()
        .where('n', '=', p.n > 0 ? 1 : 0),
    );
    await expect(workedOut(db, { n: 5 })).rejects.toThrow(/does not pass n/);
  });

  it('insert many rows, each row its own values, whatever the number of rows', async () => {
    const insertItems = preparedRows((d, rows: Item[]) => anyDb(d).insertInto('item').values(rows));
    await insertItems(db, [
      { id: 'a', label: 'một', n: 1 },
      { id: 'b', label: null, n: 2 },
    ]);
    await insertItems(db, [{ id: 'c', label: 'ba', n: 3 }]);
    await insertItems(db, [
      { id: 'd', label: 'bốn', n: 4 },
      { id: 'e', label: 'năm', n: 5 },
    ]);
    const rows = await anyDb(db).selectFrom('item').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', label: 'một', n: 1 },
      { id: 'b', label: null, n: 2 },
      { id: 'c', label: 'ba', n: 3 },
      { id: 'd', label: 'bốn', n: 4 },
      { id: 'e', label: 'năm', n: 5 },
    ]);
  });
});

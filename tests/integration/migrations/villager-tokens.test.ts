import { describe, expect, it } from 'vitest';
import { migrationTestBed } from '../../support/migrations.ts';

/**
 * Migration 202612071200-villager-tokens keys a person's slip by (code, birth year) instead of the
 * code alone and adds `villager_token`. Its own test, on SQLite and PostgreSQL: every person and
 * what refers to her stays; two people may share a code with different birth years but not the
 * same pair; references to person are still enforced (SQLite rebuilds the table); a token needs a
 * person; the way back restores the code alone as the key.
 */

const BEFORE = '202611261130-list-titles';
const THIS = '202612071200-villager-tokens';
const { storages, fresh, migrateTo } = migrationTestBed();

const at = '2026-01-05T03:00:00.000Z';
const person = (id: string, code: string, birthYear: number) => ({
  id,
  code,
  name: `Người ${id}`,
  birth_year: birthYear,
  village: 'Thôn Đồng Chằm',
  phone: null,
  revision: 1,
  created_at: at,
  updated_at: at,
});

describe.each(storages)(`migration ${THIS} on %s`, (storage) => {
  it('keys the slip by code and birth year, keeps people and their references, holds tokens, and goes back', async () => {
    const db = await fresh(storage);
    await migrateTo(db, BEFORE);
    await db
      .insertInto('person')
      .values([person('p-1', 'ABC234', 1970), person('p-2', 'XYZ789', 1985)])
      .execute();
    await db.insertInto('consent').values({ person_id: 'p-1', purpose: 'assessment', granted: 1, at }).execute();
    await expect(
      db
        .insertInto('person')
        .values(person('p-3', 'ABC234', 1990))
        .execute(),
    ).rejects.toThrow();

    await migrateTo(db, THIS);
    const ids = async () => await db.selectFrom('person').select(['id', 'code', 'birth_year']).orderBy('id').execute();
    expect(await ids()).toEqual([
      { id: 'p-1', code: 'ABC234', birth_year: 1970 },
      { id: 'p-2', code: 'XYZ789', birth_year: 1985 },
    ]);
    expect(await db.selectFrom('consent').select('person_id').execute()).toEqual([{ person_id: 'p-1' }]);
    // The same code with another birth year is another slip; the same pair is refused.
    await db
      .insertInto('person')
      .values(person('p-3', 'ABC234', 1990))
      .execute();
    await expect(
      db
        .insertInto('person')
        .values(person('p-4', 'ABC234', 1970))
        .execute(),
    ).rejects.toThrow();
    // References to person still hold after the rebuild.
    await expect(
      db.insertInto('consent').values({ person_id: 'p-missing', purpose: 'assessment', granted: 1, at }).execute(),
    ).rejects.toThrow();
    await expect(db.deleteFrom('person').where('id', '=', 'p-1').execute()).rejects.toThrow();
    // A token is bound to a person who exists.
    await db.insertInto('villager_token').values({ token_hash: 'h-1', person_id: 'p-1', bound_at: at }).execute();
    await expect(
      db.insertInto('villager_token').values({ token_hash: 'h-2', person_id: 'p-missing', bound_at: at }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('villager_token').values({ token_hash: 'h-1', person_id: 'p-2', bound_at: at }).execute(),
    ).rejects.toThrow();

    // Back: refused while two people share a code; once they do not, the code alone is the key again.
    await expect(migrateTo(db, BEFORE)).rejects.toThrow();
    await db.deleteFrom('villager_token').execute();
    await db.deleteFrom('person').where('id', '=', 'p-3').execute();
    await migrateTo(db, BEFORE);
    expect(await ids()).toEqual([
      { id: 'p-1', code: 'ABC234', birth_year: 1970 },
      { id: 'p-2', code: 'XYZ789', birth_year: 1985 },
    ]);
    await expect(
      db
        .insertInto('person')
        .values(person('p-3', 'ABC234', 1990))
        .execute(),
    ).rejects.toThrow();
    await migrateTo(db, THIS);
    expect(await ids()).toHaveLength(2);
  });
});

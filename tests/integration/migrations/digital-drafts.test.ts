import { describe, expect, it } from 'vitest';
import { migrations } from '../../../server/src/db/migrations/index.ts';
import { migrationTestBed } from '../../support/migrations.ts';

/**
 * Migration 202612081200-digital-drafts adds `digital_draft`, where the box keeps a paused
 * digital-skills self-check instead of the tablet (issue 21). Its own test, on SQLite and
 * PostgreSQL: one draft per person, only for a person who exists (and none left behind to block
 * her erasure), found by when the check began for the purge; the way back drops it, and forward
 * again gives the same table.
 */

const THIS = '202612081200-digital-drafts';
const names = Object.keys(migrations).sort();
const BEFORE = names[names.indexOf(THIS) - 1]!;
const { storages, fresh, migrateTo } = migrationTestBed();

const at = '2026-11-23T03:00:00.000Z';
const person = (id: string) => ({
  id,
  code: `C-${id}`,
  name: `Người ${id}`,
  birth_year: 1970,
  village: 'Thôn Đồng Chằm',
  phone: null,
  revision: 1,
  created_at: at,
  updated_at: at,
});
const draft = (personId: string, startedAt: string, index = 3) => ({
  person_id: personId,
  attempt_id: `a-${personId}`,
  bank_id: 'digital-2025',
  bank_version: '2025.1',
  started_at: startedAt,
  item_index: index,
  responses: JSON.stringify({ DS01: { kind: 'self-rating', step: 3 } }),
  saved_at: at,
});

describe.each(storages)(`migration ${THIS} on %s`, (storage) => {
  it('keeps one paused check per existing person, finds them by start for the purge, and goes back', async () => {
    const db = await fresh(storage);
    await migrateTo(db, BEFORE);
    await db
      .insertInto('person')
      .values([person('p-1'), person('p-2')])
      .execute();

    await migrateTo(db, THIS);
    await db
      .insertInto('digital_draft')
      .values([draft('p-1', '2026-10-01T03:00:00.000Z'), draft('p-2', '2026-11-20T03:00:00.000Z')])
      .execute();
    // One per person: a second is refused (the box replaces it instead).
    await expect(
      db
        .insertInto('digital_draft')
        .values(draft('p-1', at, 5))
        .execute(),
    ).rejects.toThrow();
    // Only for a person the box has; and a person with one is not deleted from under it.
    await expect(db.insertInto('digital_draft').values(draft('p-missing', at)).execute()).rejects.toThrow();
    await expect(db.deleteFrom('person').where('id', '=', 'p-1').execute()).rejects.toThrow();
    const before = await db
      .deleteFrom('digital_draft')
      .where('started_at', '<=', '2026-10-24T03:00:00.000Z')
      .executeTakeFirst();
    expect(Number(before.numDeletedRows)).toBe(1);
    expect(await db.selectFrom('digital_draft').select(['person_id', 'item_index']).execute()).toEqual([
      { person_id: 'p-2', item_index: 3 },
    ]);

    await migrateTo(db, BEFORE);
    await expect(db.selectFrom('digital_draft').selectAll().execute()).rejects.toThrow();
    expect((await db.selectFrom('person').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([
      'p-1',
      'p-2',
    ]);

    await migrateTo(db, THIS);
    expect(await db.selectFrom('digital_draft').selectAll().execute()).toEqual([]);
    await db.insertInto('digital_draft').values(draft('p-1', at)).execute();
  });
});

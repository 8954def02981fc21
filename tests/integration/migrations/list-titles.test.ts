import { describe, expect, it } from 'vitest';
import { migrationTestBed } from '../../support/migrations.ts';

/**
 * Migration 202611261130-list-titles puts the title in the key of `proposal_list`, so a village has
 * a CDHT and a "Gia đình học tập" list and the center its clans' list (village ''). Its own test,
 * on SQLite and PostgreSQL: every list a box holds from before keeps its values and becomes a CDHT
 * list; lists of other titles take their place beside it, the key still refuses a second list of
 * one title, village and year; the way back keeps the CDHT lists under the old key.
 */

const BEFORE = '202611261000-model-subjects';
const THIS = '202611261130-list-titles';
const { storages, fresh, migrateTo } = migrationTestBed();

const list = (village: string, year: number, revision: number) => ({
  village,
  year,
  finalized_at: '2025-11-20T03:00:00.000Z',
  finalized_by: 's-1',
  id: `l-${village}-${year}`,
  revision,
});

describe.each(storages)(`migration ${THIS} on %s`, (storage) => {
  it("keeps every list as a CDHT list, takes the households' and clans' lists beside it, and goes back", async () => {
    const db = await fresh(storage);
    await migrateTo(db, BEFORE);
    await db
      .insertInto('staff')
      .values({
        id: 's-1',
        name: 'Vũ Thị Mai',
        name_key: 'vũ thị mai',
        role: 'appraiser',
        pin_hash: 'x',
        created_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('proposal_list')
      .values([list('Thôn Đồng Chằm', 2025, 2), list('Thôn Gò Chè', 2025, 1)])
      .execute();

    await migrateTo(db, THIS);
    // Sorted here: the databases' collations order "Đ" differently.
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      `${a.title}/${a.village}` < `${b.title}/${b.village}` ? -1 : 1;
    const rows = async () => (await db.selectFrom('proposal_list').selectAll().execute()).sort(byKey);
    expect(await rows()).toEqual(
      [
        { title: 'cdht', ...list('Thôn Đồng Chằm', 2025, 2) },
        { title: 'cdht', ...list('Thôn Gò Chè', 2025, 1) },
      ].sort(byKey),
    );
    // A village's households' list and the center's clans' list sit beside its CDHT list of the same year.
    await db
      .insertInto('proposal_list')
      .values([
        { title: 'gdht', ...list('Thôn Đồng Chằm', 2025, 1), id: 'l-gdht' },
        { title: 'dhht', ...list('', 2025, 1), id: 'l-dhht' },
      ])
      .execute();
    // The revision still starts at 1 when a list is first closed.
    await db
      .insertInto('proposal_list')
      .values({
        title: 'gdht',
        village: 'Thôn Gò Chè',
        year: 2025,
        finalized_at: '2025-11-21T03:00:00.000Z',
        finalized_by: 's-1',
        id: 'l-2',
      })
      .execute();
    expect(
      (await db.selectFrom('proposal_list').select('revision').where('id', '=', 'l-2').executeTakeFirstOrThrow())
        .revision,
    ).toBe(1);
    await expect(
      db
        .insertInto('proposal_list')
        .values({ title: 'gdht', ...list('Thôn Đồng Chằm', 2025, 3) })
        .execute(),
    ).rejects.toThrow();
    // Finalized by a staff member who exists.
    await expect(
      db
        .insertInto('proposal_list')
        .values({ title: 'cdht', ...list('Thôn Suối Mây', 2025, 1), finalized_by: 's-unknown' })
        .execute(),
    ).rejects.toThrow();

    await migrateTo(db, BEFORE);
    expect((await db.selectFrom('proposal_list').selectAll().execute()).sort(byKey)).toEqual(
      [list('Thôn Đồng Chằm', 2025, 2), list('Thôn Gò Chè', 2025, 1)].sort(byKey),
    );
    await expect(
      db
        .insertInto('proposal_list')
        .values(list('Thôn Gò Chè', 2025, 3))
        .execute(),
    ).rejects.toThrow();

    // And forward again: the same table as a fresh box has.
    await migrateTo(db, THIS);
    expect((await rows()).map((r) => [r.title, r.village])).toEqual([
      ['cdht', 'Thôn Gò Chè'],
      ['cdht', 'Thôn Đồng Chằm'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { migrationTestBed } from '../../support/migrations.ts';

/**
 * Migration 202611261000-model-subjects generalises decisions and recognitions from a person to any
 * subject. Its own test, on SQLite and PostgreSQL: the rows a box holds from before keep every
 * value and become person subjects; the new columns take the other kinds; the way back restores
 * the old tables with the person rows.
 */

const BEFORE = '202611251000-registry';
const THIS = '202611261000-model-subjects';
const { storages, fresh, migrateTo } = migrationTestBed();

const recognition = {
  title: 'cdht',
  year: 2025,
  decision_id: 'd-1',
  decision_number: '12/QĐ-UBND',
  signed_on: '2025-12-01',
  signer: 'Chủ tịch UBND xã',
  received_at: '2025-12-02T01:00:00.000Z',
};

describe.each(storages)(`migration ${THIS} on %s`, (storage) => {
  it('keeps every decision and recognition as a person subject, takes other subjects, and goes back', async () => {
    const db = await fresh(storage);
    await migrateTo(db, BEFORE);
    await db
      .insertInto('hub_decision_person')
      .values([
        { decision_id: 'd-1', person_id: 'p-1', node_id: 'n-1' },
        { decision_id: 'd-1', person_id: 'p-2', node_id: 'n-2' },
      ])
      .execute();
    await db
      .insertInto('recognition')
      .values({ person_id: 'p-1', ...recognition })
      .execute();

    await migrateTo(db, THIS);
    expect(await db.selectFrom('hub_decision_subject').selectAll().orderBy('subject_id').execute()).toEqual([
      { decision_id: 'd-1', subject_id: 'p-1', node_id: 'n-1', subject_kind: 'person' },
      { decision_id: 'd-1', subject_id: 'p-2', node_id: 'n-2', subject_kind: 'person' },
    ]);
    expect(await db.selectFrom('recognition').selectAll().execute()).toEqual([
      { subject_id: 'p-1', subject_kind: 'person', ...recognition },
    ]);
    // A household decision and recognition now have their place; the key still refuses a duplicate.
    await db
      .insertInto('hub_decision_subject')
      .values({ decision_id: 'd-2', subject_kind: 'household', subject_id: 'h-1', node_id: 'n-1' })
      .execute();
    await db
      .insertInto('recognition')
      .values({ subject_kind: 'household', subject_id: 'h-1', ...recognition, title: 'gdht' })
      .execute();
    await expect(
      db
        .insertInto('recognition')
        .values({ subject_kind: 'person', subject_id: 'p-1', ...recognition })
        .execute(),
    ).rejects.toThrow();
    for (const t of ['hub_model_subject', 'hub_model_assessment', 'hub_model_appraisal']) {
      expect(await db.selectFrom(t).selectAll().execute()).toEqual([]);
    }

    await db.deleteFrom('hub_decision_subject').where('subject_kind', '!=', 'person').execute();
    await db.deleteFrom('recognition').where('subject_kind', '!=', 'person').execute();
    await migrateTo(db, BEFORE);
    expect(await db.selectFrom('hub_decision_person').selectAll().orderBy('person_id').execute()).toEqual([
      { decision_id: 'd-1', person_id: 'p-1', node_id: 'n-1' },
      { decision_id: 'd-1', person_id: 'p-2', node_id: 'n-2' },
    ]);
    expect(await db.selectFrom('recognition').selectAll().execute()).toEqual([{ person_id: 'p-1', ...recognition }]);
  });
});

import { describe, expect, it } from 'vitest';
import { migrationTestBed } from '../../support/migrations.ts';

/**
 * Migration 202612081310-phone-stays-at-center takes the phone number out of every person message
 * written before it: a center's outbox (sent or still waiting) and a hub's records and their
 * history. Other messages, and the person's own row at the center, are left as they were. On SQLite
 * and PostgreSQL, more rows than one page.
 */

const BEFORE = '202612081300-guardian-consent';
const THIS = '202612081310-phone-stays-at-center';
const { storages, fresh, migrateTo } = migrationTestBed();

const personMessage = (i: number) => ({
  type: 'PersonUpsertV1',
  id: `p-${String(i).padStart(4, '0')}`,
  revision: 1,
  code: 'HAN234',
  name: `Người ${i}`,
  birthYear: 1960,
  village: 'Thôn Gò Chè',
  phone: i % 3 === 0 ? null : `09${String(10_000_000 + i)}`,
  consents: [{ purpose: 'assessment', granted: true, at: '2026-11-01T03:00:00.000Z' }],
});
const assessment = { type: 'AssessmentUpsertV1', id: 'a-1', revision: 1, note: 'Số điện thoại xã: "phone": 0210' };

describe.each(storages)(`migration ${THIS} on %s`, (storage) => {
  it('takes the phone out of every person message held before, and nothing else', async () => {
    const db = await fresh(storage);
    await migrateTo(db, BEFORE);
    const n = 620;
    const messages = Array.from({ length: n }, (_, i) => personMessage(i));
    await db
      .insertInto('person')
      .values({
        id: 'p-0001',
        code: 'HAN234',
        name: 'Người 1',
        birth_year: 1960,
        village: 'Thôn Gò Chè',
        phone: '0910000001',
        revision: 1,
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    for (let i = 0; i < n; i += 300) {
      const page = messages.slice(i, i + 300);
      await db
        .insertInto('outbox')
        .values(
          page.map((m) => ({
            record_kind: 'person',
            record_id: m.id,
            revision: 1,
            message_type: m.type,
            payload: JSON.stringify(m),
            created_at: 'x',
          })),
        )
        .execute();
      await db
        .insertInto('hub_record')
        .values(
          page.map((m) => ({
            record_kind: 'person',
            record_id: m.id,
            origin: 'node-1',
            revision: 1,
            message_type: m.type,
            payload: JSON.stringify(m),
            received_at: 'x',
          })),
        )
        .execute();
      await db
        .insertInto('hub_record_history')
        .values(
          page.map((m) => ({
            record_kind: 'person',
            record_id: m.id,
            origin: 'node-1',
            revision: 1,
            message_type: m.type,
            payload: JSON.stringify(m),
            received_at: 'x',
          })),
        )
        .execute();
    }
    await db
      .insertInto('outbox')
      .values({
        record_kind: 'assessment',
        record_id: 'a-1',
        revision: 1,
        message_type: assessment.type,
        payload: JSON.stringify(assessment),
        created_at: 'x',
      })
      .execute();

    await migrateTo(db, THIS);
    for (const table of ['outbox', 'hub_record', 'hub_record_history']) {
      const rows = await db
        .selectFrom(table)
        .select(['record_id', 'payload'])
        .where('message_type', '=', 'PersonUpsertV1')
        .execute();
      expect(rows).toHaveLength(n);
      const { phone: _dropped, ...rest } = personMessage(7);
      expect(JSON.parse(rows.find((r) => r.record_id === 'p-0007')!.payload)).toEqual(rest);
      expect(rows.filter((r) => r.payload.includes('"phone"'))).toEqual([]);
    }
    // Another message that happens to mention the word keeps it; her row at the center keeps her phone.
    expect(
      JSON.parse(
        (await db.selectFrom('outbox').select('payload').where('record_id', '=', 'a-1').executeTakeFirstOrThrow())
          .payload,
      ),
    ).toEqual(assessment);
    expect((await db.selectFrom('person').select('phone').executeTakeFirstOrThrow()).phone).toBe('0910000001');
  }, 60_000);
});

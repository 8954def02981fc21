import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { migrateToLatest, type Db } from '../../../server/src/db/database.ts';
import { raiseRevisions } from '../../../server/src/federation/history.ts';
import { highestSeq, restamp } from '../../../server/src/outbox/outbox.repository.ts';
import { REVISION_STEP } from '../../../server/src/outbox/restore-mark.ts';
import { build } from '../../fixtures/people.ts';
import { freshPgDatabase } from '../../support/postgres.ts';
import { openMigratedSqlite } from '../../support/migrated.ts';

/**
 * The database side of a restore (issue 21), on both storages a box's outbox can live in (a
 * commune hub relays to its province from PostgreSQL too): re-stamping keeps the order and makes
 * what comes next follow, and raising the revisions keeps every record's revisions distinct.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const AT = '2026-11-23T03:00:00.000Z';

describe.each(storages)('the outbox of a restored box on %s', (storage) => {
  let db: Db;
  let close: () => Promise<void>;
  beforeEach(async () => {
    if (storage === 'postgres') {
      const fresh = await freshPgDatabase(pgUrl!, 'history');
      db = fresh.db;
      close = async () => {
        await db.destroy();
        await fresh.drop();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-history-'));
      db = await openMigratedSqlite(join(dir, 'kiosk.sqlite'), 'FULL');
      close = async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
    }
    await migrateToLatest(db);
  });
  afterEach(() => close());

  const add = (recordId: string, revision: number) =>
    db
      .insertInto('outbox')
      .values({
        record_kind: 'clan',
        record_id: recordId,
        revision,
        message_type: 'ClanUpsertV1',
        payload: JSON.stringify({ type: 'ClanUpsertV1', id: recordId, revision }),
        created_at: AT,
      })
      .execute();
  const rows = () => db.selectFrom('outbox').select(['seq', 'record_id', 'revision']).orderBy('seq').execute();

  it("re-stamps the rows after a position to follow the hub's, in order, and numbers the next one after them", async () => {
    const ids = [build.id(), build.id(), build.id(), build.id(), build.id()];
    for (const id of ids) await add(id, 1);
    expect(await highestSeq(db)).toBe(5);
    await db.transaction().execute((trx) => restamp(trx, 2, 40));
    expect((await rows()).map((r) => [r.seq, r.record_id])).toEqual([
      [1, ids[0]],
      [2, ids[1]],
      [41, ids[2]],
      [42, ids[3]],
      [43, ids[4]],
    ]);
    const next = build.id();
    await add(next, 1);
    expect((await rows()).at(-1)).toMatchObject({ seq: 44, record_id: next });
    // Nothing after the position: the next number still follows the hub's.
    await db.transaction().execute((trx) => restamp(trx, 44, 90));
    await add(build.id(), 1);
    expect((await rows()).at(-1)!.seq).toBe(91);
    expect(await highestSeq(db)).toBe(91);
  });

  it("raises every revision, the outbox's too, keeping each record's revisions apart and in order", async () => {
    const clan = build.id();
    // Revisions exactly one step apart, as after an earlier restore: a plain "+ step" would collide row by row.
    for (const revision of [1, 2, REVISION_STEP + 1, REVISION_STEP + 2]) await add(clan, revision);
    await db.transaction().execute((trx) => raiseRevisions(trx));
    expect((await rows()).map((r) => r.revision)).toEqual(
      [1, 2, REVISION_STEP + 1, REVISION_STEP + 2].map((r) => r + REVISION_STEP),
    );
  });
});

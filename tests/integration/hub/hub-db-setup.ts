import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, inject } from 'vitest';
import { migrateToLatest, type Db } from '../../../server/src/db/database.ts';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { freshPgDatabase } from '../../support/postgres.ts';
import { openMigratedSqlite } from '../../support/migrated.ts';
import { build } from '../../fixtures/people.ts';

const AT = '2026-11-20T03:00:00.000Z';

/**
 * A hub straight under applyPush, for the hub's tests that push as a center would without enrolling
 * one: its databases (apply-batch.test.ts, malformed-changes.test.ts), its deps, a push's body and a node.
 */

const pgUrl = inject('pgUrl');
/** SQLite always; PostgreSQL too when the test cluster runs. */
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

/**
 * A maker of empty, migrated hub databases named after `name`, each dropped after its test.
 * Call it at the top of a test file.
 */
export function hubDatabases(
  name: string,
  synchronous: 'NORMAL' | 'FULL',
): (storage: 'sqlite' | 'postgres') => Promise<Db> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (storage) => {
    let db: Db;
    if (storage === 'postgres') {
      const opened = await freshPgDatabase(pgUrl!, name);
      db = opened.db;
      cleanups.push(async () => {
        await db.destroy();
        await opened.drop();
      });
    } else {
      const dir = mkdtempSync(join(tmpdir(), `kiosk-${name}-`));
      db = await openMigratedSqlite(join(dir, 'hub.sqlite'), synchronous);
      cleanups.push(async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      });
    }
    await migrateToLatest(db);
    return db;
  };
}

/** What the hub's routes would give applyPush on the commune hub Xã Tân Lập at AT, with `more` over it. */
export const hubDeps = (db: Db, more: Partial<HubDeps> = {}): HubDeps => ({
  db,
  now: () => new Date(AT),
  hubName: 'Xã Tân Lập',
  enrolmentHours: 72,
  clockSkewSeconds: 300,
  ...more,
});

/** A push's body: the changes numbered from `firstSeq`, gzipped as a center sends them. */
export const body = (changes: unknown[], firstSeq: number) =>
  gzipSync(
    Buffer.from(JSON.stringify({ changes: changes.map((message, i) => ({ seq: firstSeq + i, message })), backlog: 0 })),
  );

/** An enrolled, active node called `name`. */
export async function nodeIn(db: Db, name: string): Promise<HubNodeRow> {
  const id = build.id();
  await db
    .insertInto('hub_node')
    .values({
      id,
      name,
      public_key: 'x',
      status: 'active',
      enrolled_at: AT,
      last_contact_at: AT,
      last_seq: 0,
      backlog: 0,
    })
    .execute();
  return db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

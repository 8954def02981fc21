import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hubDatabases, storages } from './hub-db-setup.ts';

/**
 * A hub on PostgreSQL answers without parallel workers (server/src/db/database.ts): on every
 * connection of its pool, whatever the server's own default.
 */
const database = hubDatabases('pg_settings', 'NORMAL');

// Without PostgreSQL here (never under CI, where it is required) there is nothing to check.
describe.skipIf(!storages.includes('postgres' as never))('a hub database on PostgreSQL', () => {
  it('plans every query without parallel workers, on each connection of the pool', async () => {
    const db = await database('postgres');
    const shown = await Promise.all(
      Array.from({ length: 3 }, () =>
        sql<{ v: string }>`select current_setting('max_parallel_workers_per_gather') as v`.execute(db),
      ),
    );
    expect(shown.map((r) => r.rows[0]!.v)).toEqual(['0', '0', '0']);
  });
});

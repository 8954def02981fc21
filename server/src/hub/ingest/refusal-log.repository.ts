import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';

/** Rows a push gets for its refused changes of one code, each naming its record; the rest are one row with their count. */
const REFUSED_ROWS = 20;

/**
 * Logs the changes of one push refused with `code` (sync.owner-mismatch: naming another node's
 * records; sync.change-invalid: not the shape of their type), in the push's own transaction (no
 * commit of their own), at most REFUSED_ROWS rows and one for the rest.
 */
export async function recordRefusedChanges(
  trx: Db,
  nodeId: string,
  code: string,
  records: string[],
  at: string,
): Promise<void> {
  if (records.length === 0) return;
  const row = { at, node_id: nodeId, address: null, code, path: '/api/hub/push' };
  const rows = records.slice(0, REFUSED_ROWS).map((detail) => ({ ...row, detail, count: 1 }));
  const rest = records.length - rows.length;
  if (rest > 0) rows.push({ ...row, detail: `${records[REFUSED_ROWS]} and others`, count: rest });
  await trx.insertInto('hub_refusal').values(rows).execute();
}

/** The latest refusal-log rows, newest first. */
export function latestRefusals(db: Db, limit: number) {
  return db.selectFrom('hub_refusal').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Writes refusal-log rows in one transaction (refusal-log.ts groups them). */
export async function insertRefusals(db: Db, rows: Insertable<Database['hub_refusal']>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('hub_refusal')
        .values(rows.slice(i, i + 200))
        .execute();
  });
}

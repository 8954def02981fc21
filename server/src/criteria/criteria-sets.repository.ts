import type { Db } from '../db/database.ts';

/** The JSON of the criteria sets the feed from above last brought (null: none yet). */
export async function storedCriteriaSets(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('feed_record')
    .select('payload')
    .where('kind', '=', 'criteria-sets')
    .where('record_id', '=', 'criteria-sets')
    .executeTakeFirst();
  return row?.payload ?? null;
}

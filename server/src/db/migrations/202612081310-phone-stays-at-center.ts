import type { Kysely } from 'kysely';

/**
 * The phone number stays at the center (issue 21): a person's message for the commune no longer
 * carries it. This takes it out of what was written before: the changes a center still holds in its
 * outbox (sent or not), and, on a hub, every person record and revision received. The person's own
 * row at the center keeps it. Payloads are JSON text on SQLite and PostgreSQL alike, so they are
 * rewritten here, a page at a time, rather than with either database's JSON functions.
 */
const PAGE = 500;

async function strip(db: Kysely<any>, table: string, key: string): Promise<void> {
  let after: number | string | null = null;
  for (;;) {
    let query = db
      .selectFrom(table)
      .select([key, 'payload'])
      .where('message_type', '=', 'PersonUpsertV1')
      .where('payload', 'like', '%"phone"%')
      .orderBy(key)
      .limit(PAGE);
    if (after !== null) query = query.where(key, '>', after);
    const rows = (await query.execute()) as { payload: string }[];
    for (const row of rows) {
      const message = JSON.parse(row.payload) as Record<string, unknown>;
      delete message.phone;
      await db
        .updateTable(table)
        .set({ payload: JSON.stringify(message) })
        .where('message_type', '=', 'PersonUpsertV1')
        .where(key, '=', (row as Record<string, unknown>)[key])
        .execute();
    }
    if (rows.length < PAGE) return;
    after = (rows[rows.length - 1] as Record<string, unknown>)[key] as number | string;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await strip(db, 'outbox', 'seq');
  await strip(db, 'hub_record_history', 'id');
  // hub_record's key is (record_kind, record_id); a person's record_id is her id, unique among people.
  await strip(db, 'hub_record', 'record_id');
}

/** The numbers are not brought back: they were never needed above the center. */
export async function down(): Promise<void> {}

import type { Db } from '../db/database.ts';

/** Whether the decision a certificate names still stands, as this box knows it (certificate-verify.ts). */

/** A hub's own decisions with this title, year and number: withdrawn or not. */
export function ownDecisions(db: Db, title: string, year: number, number: string) {
  return db
    .selectFrom('hub_decision')
    .select('revoked_reason')
    .where('title', '=', title)
    .where('year', '=', year)
    .where('number', '=', number)
    .execute();
}

/** The decisions the hub above sent down in the feed, as they came (their latest revision). */
export async function decisionsFromFeed(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('feed_record').select('payload').where('kind', '=', 'decision').execute();
  return rows.map((r) => r.payload);
}

/** The Kysely code of the signed reports: their written parts (hub_report_text, one row per year and kind) and the decisions they list. */
import type { Db } from '../../../db/database.ts';
import type { HubReportTextTable } from '../../../db/tables/reports.ts';

export function findReportText(db: Db, year: number, kind: string): Promise<HubReportTextTable | undefined> {
  return db
    .selectFrom('hub_report_text')
    .selectAll()
    .where('year', '=', year)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** Writes a year's and kind's written parts, replacing what was there. */
export async function upsertReportText(db: Db, row: HubReportTextTable): Promise<void> {
  await db
    .insertInto('hub_report_text')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['year', 'kind']).doUpdateSet({
        number: row.number,
        signed_on: row.signed_on,
        sections: row.sections,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

/** The decisions in force issued for `year`, with how many they name now, in the order they were signed. */
export async function decisionsIssued(db: Db, year: number) {
  const rows = await db
    .selectFrom('hub_decision as d')
    .leftJoin('hub_decision_subject as s', 's.decision_id', 'd.id')
    .select(['d.number', 'd.signed_on', 'd.title', 'd.signer', (eb) => eb.fn.count<number>('s.subject_id').as('n')])
    .where('d.year', '=', year)
    .where('d.revoked_reason', 'is', null)
    .groupBy(['d.id', 'd.number', 'd.signed_on', 'd.title', 'd.signer'])
    .orderBy('d.signed_on')
    .orderBy('d.number')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    signedOn: r.signed_on,
    title: r.title,
    signer: r.signer,
    n: Number(r.n),
  }));
}

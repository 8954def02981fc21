import type { Db } from '../db/database.ts';

/** The setup made in the browser: one row (id 1), its JSON as shared/schemas/center-setup.ts says. */

export async function readSetupRow(db: Db): Promise<{ data: string; updated_at: string } | undefined> {
  return db.selectFrom('center_setup').select(['data', 'updated_at']).where('id', '=', 1).executeTakeFirst();
}

export async function writeSetupRow(db: Db, data: string, at: string, by: string): Promise<void> {
  await db
    .insertInto('center_setup')
    .values({ id: 1, data, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: at, updated_by: by }))
    .execute();
}

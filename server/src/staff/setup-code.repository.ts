import type { Db } from '../db/database.ts';

/** The first start's one-time setup code (one row, id 1), and whether an active administrator exists. */

export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function storedSetupCode(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('setup_code').select('code').where('id', '=', 1).executeTakeFirst())?.code;
}

/** Removes the code once an administrator exists (in her setup's transaction). */
export async function removeSetupCode(db: Db): Promise<void> {
  await db.deleteFrom('setup_code').execute();
}

/** Stores a code unless one is stored already (two processes starting at once keep the first). */
export async function insertSetupCodeOnce(db: Db, code: string, at: string): Promise<void> {
  await db
    .insertInto('setup_code')
    .values({ id: 1, code, created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

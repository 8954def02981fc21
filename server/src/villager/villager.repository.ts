import type { VillagerTokenTable } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

export function findToken(db: Db, tokenHash: string): Promise<VillagerTokenTable | undefined> {
  return db.selectFrom('villager_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Binds the token to the person unless it is bound already; answers the binding that stands (the
 * caller compares its person). With `refresh`, a binding to the same person starts again from `at`.
 */
export async function bindToken(
  db: Db,
  tokenHash: string,
  personId: string,
  at: string,
  refresh: boolean,
): Promise<VillagerTokenTable> {
  await db
    .insertInto('villager_token')
    .values({ token_hash: tokenHash, person_id: personId, bound_at: at })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
  if (refresh) {
    await db
      .updateTable('villager_token')
      .set({ bound_at: at })
      .where('token_hash', '=', tokenHash)
      .where('person_id', '=', personId)
      .execute();
  }
  return (await findToken(db, tokenHash))!;
}

/** The person's role in the household now ('head' or 'member'), or undefined when she is not in it. */
export async function householdRole(
  db: Db,
  householdId: string,
  personId: string,
): Promise<'head' | 'member' | undefined> {
  const row = await db
    .selectFrom('household_member')
    .select('role')
    .where('household_id', '=', householdId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return row?.role;
}

/** Whose record an assessment is: its subject kind and id; undefined when there is no such assessment. */
export function assessmentSubject(
  db: Db,
  assessmentId: string,
): Promise<{ subject_kind: string; subject_id: string } | undefined> {
  return db
    .selectFrom('assessment')
    .select(['subject_kind', 'subject_id'])
    .where('id', '=', assessmentId)
    .executeTakeFirst();
}

/** Whether the box holds a household with this id. */
export async function householdExists(db: Db, householdId: string): Promise<boolean> {
  return (await db.selectFrom('household').select('id').where('id', '=', householdId).executeTakeFirst()) !== undefined;
}

/** A person's slip (code and birth year), or undefined when she is not here. */
export function slipOf(db: Db, personId: string): Promise<{ code: string; birth_year: number } | undefined> {
  return db.selectFrom('person').select(['code', 'birth_year']).where('id', '=', personId).executeTakeFirst();
}

import type { VillagerTokenTable } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';

// Every villager request reads its token: built and compiled once (db/prepared.ts).
const tokenByHash = prepared((db, p: { hash: string }) =>
  db.selectFrom('villager_token').selectAll().where('token_hash', '=', p.hash),
);
const insertTokenIfFree = prepared((db, p: { hash: string; personId: string; at: string }) =>
  db
    .insertInto('villager_token')
    .values({ token_hash: p.hash, person_id: p.personId, bound_at: p.at })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .returningAll(),
);

export async function findToken(db: Db, tokenHash: string): Promise<VillagerTokenTable | undefined> {
  return (await tokenByHash(db, { hash: tokenHash })).rows[0];
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
  // A new binding answers itself (one statement); a token bound already is read as it stands.
  const inserted = (await insertTokenIfFree(db, { hash: tokenHash, personId, at })).rows[0];
  if (inserted) return inserted;
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
  return subjectOf(db, { id: assessmentId }).then((r) => r.rows[0]);
}
const subjectOf = prepared((db, p: { id: string }) =>
  db.selectFrom('assessment').select(['subject_kind', 'subject_id']).where('id', '=', p.id),
);

/** Whether the box holds a household with this id. */
export async function householdExists(db: Db, householdId: string): Promise<boolean> {
  return (await db.selectFrom('household').select('id').where('id', '=', householdId).executeTakeFirst()) !== undefined;
}

/** A person's slip (code and birth year), or undefined when she is not here. */
export function slipOf(db: Db, personId: string): Promise<{ code: string; birth_year: number } | undefined> {
  return db.selectFrom('person').select(['code', 'birth_year']).where('id', '=', personId).executeTakeFirst();
}

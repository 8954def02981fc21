import type { Db } from '../db/database.ts';
import type { DigitalAttemptTable, DigitalDraftTable } from '../db/schema.ts';

/** Every query on `digital_draft` (paused self-checks, one per person). */

export function findDraftOf(db: Db, personId: string): Promise<DigitalDraftTable | undefined> {
  return db.selectFrom('digital_draft').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

/** Keeps her paused check, replacing the one she had. */
export async function putDraft(db: Db, row: DigitalDraftTable): Promise<void> {
  const { person_id: _key, ...rest } = row;
  await db
    .insertInto('digital_draft')
    .values(row)
    .onConflict((oc) => oc.column('person_id').doUpdateSet(rest))
    .execute();
}

export async function deleteDraftOf(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('digital_draft').where('person_id', '=', personId).execute();
}

/** Deletes every draft of a check begun at or before `startedBy` (ISO, as stored); answers how many went. */
export async function deleteDraftsStartedBy(db: Db, startedBy: string): Promise<number> {
  const result = await db.deleteFrom('digital_draft').where('started_at', '<=', startedBy).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Her latest finished check, and whether `attemptId` is a finished check already. */
export async function finishedChecks(
  db: Db,
  personId: string,
  attemptId: string,
): Promise<{ last: DigitalAttemptTable | undefined; finished: boolean }> {
  const [last, same] = await Promise.all([
    db
      .selectFrom('digital_attempt')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('digital_attempt').select('id').where('id', '=', attemptId).executeTakeFirst(),
  ]);
  return { last, finished: same !== undefined };
}

import type { Db } from '../db/database.ts';
import type { DigitalAttemptTable } from '../db/schema.ts';

/** Finished digital-skills self-checks (`digital_attempt`). */

export function findAttempt(db: Db, id: string): Promise<DigitalAttemptTable | undefined> {
  return db.selectFrom('digital_attempt').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's latest finished check, if any. */
export function latestAttemptOf(db: Db, personId: string): Promise<DigitalAttemptTable | undefined> {
  return db
    .selectFrom('digital_attempt')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
}

/** A person's checks, newest first. */
export function attemptsOf(db: Db, personId: string): Promise<DigitalAttemptTable[]> {
  return db
    .selectFrom('digital_attempt')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('finished_at', 'desc')
    .execute();
}

export async function insertAttempt(db: Db, row: DigitalAttemptTable): Promise<void> {
  await db.insertInto('digital_attempt').values(row).execute();
}

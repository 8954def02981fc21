import type { Db } from '../db/database.ts';
import type { LearningPlanTable } from '../db/schema.ts';

/** Personal learning plans as the tablets sent them, and the catalog ids they name. */

export function findPlan(db: Db, id: string): Promise<LearningPlanTable | undefined> {
  return db.selectFrom('learning_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlan(db: Db, row: LearningPlanTable): Promise<void> {
  await db.insertInto('learning_plan').values(row).execute();
}

/** Which of these resource ids the catalog holds (retired ones included). */
export async function heldResourceIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  return new Set(
    (
      await db
        .selectFrom('resource')
        .select('id')
        .where('id', 'in', [...ids])
        .execute()
    ).map((r) => r.id),
  );
}

/** A person's plans, the one received last first. */
export function plansOfPerson(db: Db, personId: string): Promise<LearningPlanTable[]> {
  return db
    .selectFrom('learning_plan')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A person's plan of a year received last, if any. */
export function latestPlanOf(db: Db, personId: string, year: number): Promise<LearningPlanTable | undefined> {
  return db
    .selectFrom('learning_plan')
    .selectAll()
    .where('person_id', '=', personId)
    .where('year', '=', year)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

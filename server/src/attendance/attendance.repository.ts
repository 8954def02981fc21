import type { Db } from '../db/database.ts';

/** Who was present at which session of a class; a session is named by its start (ISO instant, UTC). */

export function findClassResource(db: Db, id: string) {
  return db.selectFrom('resource').select(['id', 'retired', 'payload']).where('id', '=', id).executeTakeFirst();
}

/** Everyone marked at any session of a class, with the session's start. */
export function classMarks(db: Db, resourceId: string) {
  return db
    .selectFrom('attendance')
    .innerJoin('person', 'person.id', 'attendance.person_id')
    .select(['attendance.session_starts_at as startsAt', 'person.id', 'person.name', 'person.code', 'person.village'])
    .where('attendance.resource_id', '=', resourceId)
    .execute();
}

/** The people marked present at one session. */
export async function sessionMarks(db: Db, resourceId: string, startsAt: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attendance')
    .select('person_id')
    .where('resource_id', '=', resourceId)
    .where('session_starts_at', '=', startsAt)
    .execute();
  return rows.map((r) => r.person_id);
}

/** Which of these people are registered here. */
export async function knownPeople(db: Db, personIds: readonly string[]): Promise<string[]> {
  return (
    await db
      .selectFrom('person')
      .select('id')
      .where('id', 'in', [...personIds])
      .execute()
  ).map((r) => r.id);
}

export async function unmark(
  db: Db,
  resourceId: string,
  startsAt: string,
  personIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('attendance')
    .where('resource_id', '=', resourceId)
    .where('session_starts_at', '=', startsAt)
    .where('person_id', 'in', [...personIds])
    .execute();
}

export async function mark(
  db: Db,
  resourceId: string,
  startsAt: string,
  personIds: readonly string[],
  by: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('attendance')
    .values(
      personIds.map((person_id) => ({
        resource_id: resourceId,
        session_starts_at: startsAt,
        person_id,
        marked_by: by,
        marked_at: at,
      })),
    )
    .execute();
}

/** The sessions a person attended (starting in [from, before) when given), newest first, with the class's payload. */
export function personSessions(db: Db, personId: string, from?: string, before?: string) {
  let query = db
    .selectFrom('attendance')
    .innerJoin('resource', 'resource.id', 'attendance.resource_id')
    .select([
      'attendance.resource_id as resourceId',
      'attendance.session_starts_at as startsAt',
      'attendance.marked_at as markedAt',
      'resource.payload',
    ])
    .where('attendance.person_id', '=', personId);
  if (from) query = query.where('attendance.session_starts_at', '>=', from);
  if (before) query = query.where('attendance.session_starts_at', '<', before);
  return query.orderBy('attendance.session_starts_at', 'desc').orderBy('attendance.resource_id').execute();
}

/** Whether the person was marked at a session that started after `since`. */
export async function attendedAfter(db: Db, personId: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('attendance')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('session_starts_at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

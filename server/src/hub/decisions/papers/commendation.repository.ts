import type { Db } from '../../../db/database.ts';

/** What the commendation proposal reads (commendation.service.ts): decisions in force, people and subjects. */

/** (subject, year) of every decision in force of `title`, the imported past recognitions among them. */
export function recognizedYears(db: Db, title: string): Promise<{ subject_id: string; year: number }[]> {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_id', 'hub_decision.year'])
    .where('hub_decision.title', '=', title)
    .where('hub_decision.revoked_reason', 'is', null)
    .execute();
}

/** The people of these ids as the centers sent them (name, birth year, village). */
export async function peopleOf(
  db: Db,
  ids: readonly string[],
): Promise<{ person_id: string; name: string; birth_year: number; village: string }[]> {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('hub_person')
        .select(['person_id', 'name', 'birth_year', 'village'])
        .where('person_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** The households, clans, villages or units of these ids (`kind`), with their names and places. */
export async function subjectsOf(
  db: Db,
  kind: string,
  ids: readonly string[],
): Promise<{ id: string; label: string | null; village: string | null }[]> {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('hub_model_subject')
        .select(['id', 'label', 'village'])
        .where('kind', '=', kind)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** The registry records of one kind (household, clan) as sent: the head or the households are read from the payload. */
export async function recordPayloads(
  db: Db,
  kind: 'household' | 'clan',
  ids: readonly string[],
): Promise<{ record_id: string; payload: string }[]> {
  const out = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('hub_record')
        .select(['record_id', 'payload'])
        .where('record_kind', '=', kind)
        .where('record_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

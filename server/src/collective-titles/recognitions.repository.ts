import type { Db } from '../db/database.ts';

/** The recognitions of `title` received for these subjects (through the downward feed), newest year first. */
export function recognitionRows(db: Db, kind: string, title: string, ids: readonly string[]) {
  return db
    .selectFrom('recognition')
    .select(['subject_id', 'year', 'decision_number', 'signed_on'])
    .where('subject_kind', '=', kind)
    .where('title', '=', title)
    .where('subject_id', 'in', [...ids])
    .orderBy('year', 'desc')
    .execute();
}

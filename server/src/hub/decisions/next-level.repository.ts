/** The Kysely code of the wait before a higher level (next-level.ts): a subject's earlier decisions in force. */
import type { ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import type { Db } from '../../db/database.ts';

/** Decisions in force of `title` for years before `year` naming these subjects: subject, year and date signed. */
export function earlierDecisions(db: Db, title: ModelTitle, year: number, subjectIds: readonly string[]) {
  return db
    .selectFrom('hub_decision_subject')
    .innerJoin('hub_decision', 'hub_decision.id', 'hub_decision_subject.decision_id')
    .select(['hub_decision_subject.subject_id', 'hub_decision.year', 'hub_decision.signed_on'])
    .where('hub_decision.title', '=', title)
    .where('hub_decision.year', '<', year)
    .where('hub_decision.revoked_reason', 'is', null)
    .where('hub_decision_subject.subject_id', 'in', [...subjectIds])
    .execute();
}

import { AppError } from '../../../shared/errors.ts';
import type { LearningPlanEvidence, LearningPlanView, PutLearningPlan } from '../../../shared/schemas/learning-plan.ts';
import { assessmentYearNow } from '../assessments/assessment-year.ts';
import type { AssessmentDeps } from '../assessments/assessments.service.ts';
import { isActiveStaff } from '../assessments/assessments.repository.ts';
import type { DB } from '../db/database.ts';
import type { LearningPlanTable } from '../db/schema.ts';
import { findPersonById } from '../people/people.repository.ts';

/**
 * Personal learning plans at the box: stored once under the tablet's id (the same plan again
 * answers what was stored; another plan under that id is refused), listed per person, and the
 * latest of a year stands as evidence for CS02.
 */

type Payload = Pick<PutLearningPlan, 'source' | 'needs' | 'items'>;

function toView(row: LearningPlanTable): LearningPlanView {
  const p = JSON.parse(row.payload) as Payload;
  return {
    id: row.id, personId: row.person_id, year: row.year, source: p.source, needs: p.needs,
    items: p.items.map((i) => ({ ...i, sessions: i.sessions ?? [] })), madeAt: row.made_at, assisted: row.assisted_by !== null,
  };
}

export async function putPlan(deps: AssessmentDeps, id: string, input: PutLearningPlan): Promise<LearningPlanView> {
  const payload = JSON.stringify({ source: input.source, needs: input.needs, items: input.items } satisfies Payload);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('learning_plan').selectAll().where('id', '=', id).executeTakeFirst();
    if (existing) {
      if (existing.person_id !== input.personId || existing.payload !== payload) throw new AppError('plan.id-conflict');
      return toView(existing);
    }
    if (!(await findPersonById(trx, input.personId))) throw new AppError('person.not-found');
    if (input.assistedBy && !(await isActiveStaff(trx, input.assistedBy))) throw new AppError('assessment.assistant-unknown');
    const row: LearningPlanTable = {
      id, person_id: input.personId, year: assessmentYearNow(deps), made_at: input.madeAt, received_at: deps.now().toISOString(),
      payload, assisted_by: input.assistedBy ?? null,
    };
    await trx.insertInto('learning_plan').values(row).execute();
    return toView(row);
  });
}

/** A person's plans, newest first. */
export async function plansOf(db: DB, personId: string): Promise<LearningPlanView[]> {
  const rows = await db.selectFrom('learning_plan').selectAll().where('person_id', '=', personId).orderBy('made_at', 'desc').execute();
  return rows.map(toView);
}

/** The person's latest plan of the year: the evidence for CS02. */
export async function planEvidence(db: DB, personId: string, year: number): Promise<LearningPlanEvidence | null> {
  const row = await db.selectFrom('learning_plan').selectAll().where('person_id', '=', personId).where('year', '=', year)
    .orderBy('made_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const plan = toView(row);
  return { planId: plan.id, madeAt: plan.madeAt, items: plan.items.map(({ title, dueOn }) => ({ title, dueOn })) };
}

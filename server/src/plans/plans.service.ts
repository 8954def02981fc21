import { assessmentYearSpan, currentAssessmentYear, dateIn } from '../../../shared/domain/assessment-year.ts';
import { AppError } from '../../../shared/errors.ts';
import type { LearningPlanEvidence, LearningPlanView, PutLearningPlan } from '../../../shared/schemas/learning-plan.ts';
import { assessmentYearNow } from '../config/assessment-year.ts';
import type { AssessmentDeps } from '../criteria/assessment-deps.ts';
import { isActiveStaff } from '../staff/staff.repository.ts';
import type { Db } from '../db/database.ts';
import type { LearningPlanTable } from '../db/schema.ts';
import { findPersonById } from '../people/people.repository.ts';
import * as repo from './plans.repository.ts';

/**
 * Personal learning plans at the box: stored once under the tablet's id (the same plan again
 * answers what was stored; another plan under that id is refused), listed per person, and the one
 * of a year the box received last stands as evidence for CS02. Which plan is current is decided by
 * the box's clock (`received_at`), never by the tablet's `madeAt`: a tablet with a wrong date (or a
 * forged one) cannot keep an old plan current or push a new one back.
 */

type Payload = Pick<PutLearningPlan, 'source' | 'needs' | 'items'>;

function toView(row: LearningPlanTable): LearningPlanView {
  const p = JSON.parse(row.payload) as Payload;
  return {
    id: row.id,
    personId: row.person_id,
    year: row.year,
    source: p.source,
    needs: p.needs,
    items: p.items.map((i) => ({ ...i, sessions: i.sessions ?? [] })),
    madeAt: row.made_at,
    assisted: row.assisted_by !== null,
  };
}

export async function putPlan(deps: AssessmentDeps, id: string, input: PutLearningPlan): Promise<LearningPlanView> {
  const payload = JSON.stringify({ source: input.source, needs: input.needs, items: input.items } satisfies Payload);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await repo.findPlan(trx, id);
    if (existing) {
      if (existing.person_id !== input.personId || existing.payload !== payload) throw new AppError('plan.id-conflict');
      return toView(existing);
    }
    if (!(await findPersonById(trx, input.personId))) throw new AppError('person.not-found');
    if (input.assistedBy && !(await isActiveStaff(trx, input.assistedBy)))
      throw new AppError('assessment.assistant-unknown');
    checkDates(deps, input);
    await checkResources(trx, input);
    const row: LearningPlanTable = {
      id,
      person_id: input.personId,
      year: assessmentYearNow(deps),
      made_at: input.madeAt,
      received_at: deps.now().toISOString(),
      payload,
      assisted_by: input.assistedBy ?? null,
    };
    await repo.insertPlan(trx, row);
    return toView(row);
  });
}

/** First and last day of the assessment year the box is in now, by the calendar (a fixed year aside): what a plan's dates must lie within. */
export function yearSpanNow(deps: Pick<AssessmentDeps, 'config' | 'now'>): { from: string; to: string } {
  const s = deps.config.settings;
  const rules = { startMonth: s['year.startMonth'], startDay: s['year.startDay'], timeZone: s['year.timeZone'] };
  return assessmentYearSpan(currentAssessmentYear(deps.now(), rules), rules);
}

/**
 * Every date of the plan (the day it was made, each item's day and each class session's day, where
 * the center lives) lies within the assessment year the box is in now, and it was not made later
 * than the box's clock allows (`sync.clockSkewSeconds`, as for signed sync requests). With a fixed
 * year (`year.fixed`) the plan still counts for that year; its dates are checked against the
 * current year by the calendar, as attendance dates its sessions by their own day.
 */
function checkDates(deps: AssessmentDeps, input: PutLearningPlan): void {
  const s = deps.config.settings;
  const now = deps.now();
  const { from, to } = yearSpanNow(deps);
  const dayOf = (instant: string) => dateIn(new Date(instant), s['year.timeZone']);
  const dates: [string, string][] = [
    [input.madeAt, dayOf(input.madeAt)],
    ...input.items.flatMap((i): [string, string][] => [
      [i.dueOn, i.dueOn],
      ...(i.sessions ?? []).map((at): [string, string] => [at, dayOf(at)]),
    ]),
  ];
  const outside = dates.filter(([, day]) => day < from || day > to).map(([given]) => given);
  if (outside.length > 0)
    throw new AppError('plan.date-outside-year', {
      year: assessmentYearNow(deps),
      from,
      to,
      dates: [...new Set(outside)],
    });
  const skewSeconds = s['sync.clockSkewSeconds'];
  if (Date.parse(input.madeAt) > now.getTime() + skewSeconds * 1000)
    throw new AppError('plan.made-in-future', { madeAt: input.madeAt, skewSeconds });
}

/** Every resource the plan names is in the box's catalog (one retired since the tablet fetched it still is). */
async function checkResources(trx: Db, input: PutLearningPlan): Promise<void> {
  const ids = input.items.map((i) => i.resourceId);
  const held = await repo.heldResourceIds(trx, ids);
  const missing = ids.filter((id) => !held.has(id));
  if (missing.length > 0) throw new AppError('plan.resource-unknown', { resourceIds: missing });
}

/** A person's plans, the one the box received last first. */
export async function plansOf(db: Db, personId: string): Promise<LearningPlanView[]> {
  const rows = await repo.plansOfPerson(db, personId);
  return rows.map(toView);
}

/** The plan of the year the box received last: the evidence for CS02. */
export async function planEvidence(db: Db, personId: string, year: number): Promise<LearningPlanEvidence | null> {
  const row = await repo.latestPlanOf(db, personId, year);
  if (!row) return null;
  const plan = toView(row);
  return { planId: plan.id, madeAt: plan.madeAt, items: plan.items.map(({ title, dueOn }) => ({ title, dueOn })) };
}

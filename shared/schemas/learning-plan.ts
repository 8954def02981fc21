import * as v from 'valibot';
import { Uuid7Schema } from './ids.ts';
import { resourceKinds } from './resource.ts';
import { cleanText, OneLineText } from './text.ts';

/**
 * A personal learning plan: after a self-assessment or a digital-skills check the villager picks
 * resources suggested for her weakest indicators and domains, each with a date to learn it by (a
 * class: its sessions). Made on the tablet under its own id and sent once; it is evidence for CS02
 * ("has a personal learning plan for the year").
 */
const realDay = (d: string): boolean => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
};
/** A day (YYYY-MM-DD) that exists: 31 February is refused, not rolled over. */
const DateOnly = v.pipe(v.string(), v.isoDate(), v.check(realDay, 'a day that exists'));

export const PlanItemSchema = v.strictObject({
  resourceId: Uuid7Schema,
  /** Kept as the villager saw them, so the printed plan reads the same if the catalog changes. */
  title: OneLineText(2, 200),
  kind: v.picklist(resourceKinds),
  /** Learn it by this day (for a class, the day of its last chosen session). */
  dueOn: DateOnly,
  sessions: v.optional(v.pipe(v.array(v.pipe(v.string(), v.isoTimestamp())), v.maxLength(50)), []),
});
export type PlanItem = v.InferOutput<typeof PlanItemSchema>;

const NeedId = v.pipe(v.string(), v.maxLength(40), cleanText());

export const PutLearningPlanSchema = v.strictObject({
  personId: Uuid7Schema,
  /** What the plan answers: the self-assessment's weakest indicators or the self-check's domains to learn. */
  source: v.picklist(['assessment', 'digital']),
  needs: v.strictObject({
    indicators: v.pipe(v.array(NeedId), v.maxLength(10)),
    domains: v.pipe(v.array(NeedId), v.maxLength(6)),
  }),
  items: v.pipe(
    v.array(PlanItemSchema),
    v.minLength(1, 'a plan has at least one thing to learn'),
    v.maxLength(20),
    v.check((items) => new Set(items.map((i) => i.resourceId)).size === items.length, 'each resource once'),
  ),
  /**
   * When the tablet saved it, by the tablet's clock: shown on the printed plan, and checked at the
   * box (within the assessment year, not later than the box's clock), but never what decides which
   * plan is current: that is the time the box received it (server/src/plans/plans.service.ts).
   */
  madeAt: v.pipe(v.string(), v.isoTimestamp()),
  /** Staff id of the facilitator who helped, absent when she did it alone. */
  assistedBy: v.optional(Uuid7Schema),
});
export type PutLearningPlan = v.InferOutput<typeof PutLearningPlanSchema>;

export const LearningPlanViewSchema = v.object({
  id: v.string(),
  personId: v.string(),
  year: v.number(),
  source: v.picklist(['assessment', 'digital']),
  needs: v.object({ indicators: v.array(v.string()), domains: v.array(v.string()) }),
  items: v.array(
    v.object({
      resourceId: v.string(),
      title: v.string(),
      kind: v.picklist(resourceKinds),
      dueOn: v.string(),
      sessions: v.array(v.string()),
    }),
  ),
  madeAt: v.string(),
  assisted: v.boolean(),
});
export type LearningPlanView = v.InferOutput<typeof LearningPlanViewSchema>;

/** Evidence for CS02 on an assessment: the plan of the same year the box received last. */
export const LearningPlanEvidenceSchema = v.object({
  planId: v.string(),
  madeAt: v.string(),
  items: v.array(v.object({ title: v.string(), dueOn: v.string() })),
});
export type LearningPlanEvidence = v.InferOutput<typeof LearningPlanEvidenceSchema>;

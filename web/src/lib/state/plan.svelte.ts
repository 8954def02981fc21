import { v7 as uuidv7 } from 'uuid';
import { weakestIndicators } from '../../../../shared/domain/catalog.ts';
import type { PlanItem, PutLearningPlan } from '../../../../shared/schemas/learning-plan.ts';
import type { PlanDraft } from '../../db/db.ts';
import type { SessionCore } from './session.svelte.ts';

/**
 * Her personal learning plan: made from the result of her self-assessment or of her digital-skills
 * check, kept in the session while she picks, then sent to the box (evidence for CS02).
 */
export class LearningPlan {
  constructor(private readonly core: SessionCore) {}

  /**
   * Opens the plan: for the weakest indicators of her self-assessment, or for the domains her
   * digital-skills check says to learn (and CS05, which it is evidence for). A plan she began and
   * has not saved is taken up again.
   */
  start(source: 'assessment' | 'digital'): Promise<void> {
    const session = this.core.session;
    const scores = Object.fromEntries(Object.entries(session.answers).map(([id, a]) => [id, a.score]));
    const min = this.core.info?.criteriaSet?.scoring.minPerIndicator ?? 0;
    const needs =
      source === 'assessment'
        ? { indicators: weakestIndicators(scores, min), domains: [] }
        : { indicators: ['CS05'], domains: [...(session.digital?.result?.toLearn ?? [])] };
    const open = session.plan;
    const plan: PlanDraft =
      open && !open.saved && open.source === source ? open : { planId: uuidv7(), source, needs, picks: {} };
    return this.core.save({ screen: 'plan', plan });
  }

  /** Picks a resource (learn it within `months`: 0 this month, 1 next, 3 within three), or drops it (null). */
  pick(resourceId: string, months: 0 | 1 | 3 | null): Promise<void> {
    return this.core.save((current) => {
      if (!current.plan || current.plan.saved) return {};
      const picks = { ...current.plan.picks };
      if (months === null) delete picks[resourceId];
      else picks[resourceId] = months;
      return { plan: { ...current.plan, picks } };
    });
  }

  /** Saves the plan: to the outbox (the box keeps it as evidence for CS02), and shows it ready to print. */
  async save(items: PlanItem[]): Promise<void> {
    const session = this.core.session;
    const person = session.person;
    const plan = session.plan;
    if (!person || !plan || plan.saved || items.length === 0) return;
    const body: PutLearningPlan = {
      personId: person.id,
      source: plan.source,
      needs: $state.snapshot(plan.needs),
      items,
      madeAt: new Date().toISOString(),
      ...(session.assistedBy ? { assistedBy: session.assistedBy.id } : {}),
    };
    await this.core.send(person.id, { plan: { ...plan, saved: body } }, () => [
      { kind: 'learning-plan', personId: person.id, recordId: plan.planId, body },
    ]);
  }

  /** Back from the plan to the result it was made from. */
  leave(): Promise<void> {
    const session = this.core.session;
    const fromDigital = session.plan?.source === 'digital' && session.digital?.result;
    return this.core.save({ screen: fromDigital ? 'digital-result' : session.submitted ? 'result' : 'welcome' });
  }
}

import { verdict, type Verdict } from '../../../../shared/domain/recognition.ts';
import type { AppraisalCase } from '../../../../shared/schemas/appraisal.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import type { VerdictStage } from '../../components/verdict-stage.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi } from '../api.ts';

/**
 * One person's assessment as the village branch appraises it (AppraisalCase.svelte): the case as
 * the box holds it, the scores and reasons being typed (starting from the appraisal saved, or from
 * her own answers), the verdict they give, and the outcome of the last save, return or reopening.
 */
export class AppraisalCaseState {
  id = $state('');
  data = $state<AppraisalCase | null>(null);
  scores = $state<Record<string, number>>({});
  reasons = $state<Record<string, string>>({});
  message = $state('');
  reopenReason = $state('');
  error = $state<string | null>(null);
  saved = $state(false);

  /** `set`: the criteria set the case is read against (the center's, which may change under it). */
  constructor(private readonly set: () => CriteriaSet) {}

  /** Her own scores by indicator. */
  self = $derived(Object.fromEntries((this.data?.assessment.answers ?? []).map((a) => [a.indicatorId, a.score])));
  /** The verdict the scores as typed give. */
  get live(): Verdict {
    const set = this.set();
    return verdict(
      set.indicators.map((i) => i.id),
      this.scores,
      set.scoring,
    );
  }
  /** Set by a finalized list or a commune decision: shown, not changed. */
  locked = $derived(this.data?.appraisal?.locked === true);
  /** Scores changed on screen since the appraisal was saved: the panel shows a draft, not the saved appraisal. */
  changed = $derived(
    this.data?.appraisal?.status !== 'appraised' ||
      this.data.appraisal.scores.some((s) => this.scores[s.indicatorId] !== s.score),
  );

  /**
   * Where the appraised result stands, one wording per stage: recognized once the commune's decision
   * for her and the year has reached the center; appraised when saved and not changed on screen
   * since; otherwise a draft the panel words as nothing yet (null).
   */
  get stage(): VerdictStage | null {
    if (this.data?.recognized) return 'recognized';
    return this.data?.appraisal?.status === 'appraised' && !this.changed ? 'appraised' : null;
  }

  /** The case of `id` as the box holds it. */
  load(id: string): Promise<void> {
    this.id = id;
    return staffApi.appraisal(id).then(
      (c) => this.take(c),
      (e) => void (this.error = errorCode(e)),
    );
  }

  private take(c: AppraisalCase): void {
    this.data = c;
    const from = c.appraisal?.status === 'appraised' ? c.appraisal.scores : c.assessment.answers;
    this.scores = Object.fromEntries(from.map((s) => [s.indicatorId, s.score]));
    this.reasons = Object.fromEntries(
      (c.appraisal?.scores ?? []).filter((s) => s.reason).map((s) => [s.indicatorId, s.reason!]),
    );
  }

  /** Runs a change; the case shown is the box's answer, and only then is it said to be saved. */
  private async run(work: () => Promise<AppraisalCase>): Promise<void> {
    this.error = null;
    this.saved = false;
    try {
      this.take(await work());
      this.saved = true;
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** Saves the scores as typed, each changed one with its reason. */
  save(): Promise<void> {
    return this.run(() =>
      staffApi.saveAppraisal(this.id, {
        scores: this.set().indicators.map((i) => ({
          indicatorId: i.id,
          score: this.scores[i.id]!,
          ...(this.reasons[i.id]?.trim() ? { reason: this.reasons[i.id]!.trim() } : {}),
        })),
      }),
    );
  }

  /** Returns the assessment to her with the message typed. */
  returnToHer(): Promise<void> {
    return this.run(() => staffApi.returnAppraisal(this.id, this.message));
  }

  /** Reopens a locked appraisal (an admin), with the reason typed. */
  reopen(): Promise<void> {
    return this.run(() => staffApi.reopen(this.id, this.reopenReason));
  }
}

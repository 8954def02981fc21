import type { QueueItem } from '../../../../shared/schemas/appraisal.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type ModelQueueItem } from '../api.ts';

/**
 * The village branch's appraisal queue (Appraisals.svelte): the village and year chosen, the
 * people's assessments waiting in that village, and the households and clans of the year waiting,
 * with the one of them open.
 */
export class AppraisalsState {
  village = $state('');
  year = $state(0);
  queue = $state<QueueItem[] | null>(null);
  models = $state<ModelQueueItem[] | null>(null);
  openModel = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(village: string, year: number) {
    this.village = village;
    this.year = year;
  }

  /**
   * The queue of the village and year chosen (both read before the box answers, so an effect
   * calling this follows them), then the year's households and clans.
   */
  async show(): Promise<void> {
    this.error = null;
    try {
      this.queue = await staffApi.queue(this.village, this.year);
      this.models = await staffApi.modelQueue(this.year);
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** Back from a household's or clan's appraisal: the queues as they are now. */
  closeModel(): Promise<void> {
    this.openModel = null;
    return this.show();
  }
}

/** Where a person's assessment stands with the branch, in the staff's words. */
export function appraisalStatus(item: QueueItem): string {
  if (!item.appraisal) return t.appraise.status.none;
  if (item.appraisal.locked) return t.appraise.status.locked;
  if (item.resubmitted) return t.appraise.status.resubmitted;
  return t.appraise.status[item.appraisal.status];
}

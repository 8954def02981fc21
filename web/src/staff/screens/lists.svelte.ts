import type { ProposalListTitle } from '../../../../shared/schemas/proposal-list.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type ListData, type ListRef } from '../api.ts';

/**
 * The center's proposal lists screen (Lists.svelte): which list is shown (title, village, year,
 * official or public), the list as the box answered last, and the outcome of the last change. A
 * change's outcome is said only once the list has been read again; only the answer to the latest
 * request is shown (the year is typed digit by digit).
 */
export class ListsState {
  village = $state('');
  year = $state(0);
  title = $state<ProposalListTitle>('cdht');
  kind = $state<'official' | 'public'>('official');
  list = $state<ListData | null>(null);
  error = $state<string | null>(null);
  done = $state<string | null>(null);
  /** Reasons typed for reopening an entry, by assessment. */
  reasons = $state<Record<string, string>>({});
  #asked = 0;

  constructor(village: string, year: number) {
    this.village = village;
    this.year = year;
  }

  ref(): ListRef {
    return { title: this.title, village: this.village, year: this.year };
  }

  /** Runs a change (or a read) that answers the list; shows it, then says `done` when given. */
  async attempt(work: () => Promise<ListData>, done: (() => string) | null = null): Promise<void> {
    const mine = ++this.#asked;
    this.error = null;
    try {
      const next = await work();
      if (mine !== this.#asked) return;
      this.list = next;
      if (done) this.done = done();
    } catch (e) {
      if (mine === this.#asked) this.error = errorCode(e);
    }
  }

  show(): Promise<void> {
    return this.attempt(() => staffApi.list(this.ref(), this.kind));
  }

  choose(next: ProposalListTitle): void {
    if (next === this.title) return;
    this.list = null;
    this.done = null;
    this.title = next;
  }

  finalize(): Promise<void> {
    this.done = null;
    return this.attempt(() => staffApi.finalize(this.ref()));
  }

  /** The administrator reopens one entry with a reason; the list is read again before it is said. */
  reopen(assessmentId: string, name: string): Promise<void> {
    const reason = (this.reasons[assessmentId] ?? '').trim();
    this.done = null;
    return this.attempt(
      async () => {
        await staffApi.reopenListed(assessmentId, reason);
        this.reasons[assessmentId] = '';
        return staffApi.list(this.ref(), this.kind);
      },
      () => fill(t.lists.reopened, { name }),
    );
  }
}

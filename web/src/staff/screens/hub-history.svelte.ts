import type { HistoryRowProblems, HistoryRowView } from '../../../../shared/schemas/history.ts';
import { fill } from '../../../../shared/i18n/vi.ts';
import { ApiError, errorCode } from '../../lib/api.ts';
import { staffApi } from '../api.ts';
import { historyText as t } from '../history-text.ts';

/**
 * The commune's screen of past recognitions (issue 24): the rows imported so far, read again after
 * every change, and the last change's outcome (what it did, or the refusal with each bad row's codes).
 */
export class HubHistoryState {
  rows = $state<HistoryRowView[]>([]);
  done = $state<string | null>(null);
  error = $state<string | null>(null);
  rowProblems = $state<HistoryRowProblems[]>([]);

  get waiting(): HistoryRowView[] {
    return this.rows.filter((r) => r.status === 'review');
  }

  async load(): Promise<void> {
    this.rows = await staffApi.historyRows();
  }

  /** Runs a change, reads the rows again, then says what the change did. */
  async attempt(work: () => Promise<string>): Promise<void> {
    this.error = null;
    this.done = null;
    this.rowProblems = [];
    let done: string | null = null;
    try {
      done = await work();
    } catch (e) {
      this.error = errorCode(e);
      if (e instanceof ApiError && Array.isArray(e.details?.rows))
        this.rowProblems = e.details.rows as HistoryRowProblems[];
    }
    await this.load().catch(() => {});
    this.done = done;
  }

  upload(file: File): Promise<void> {
    return this.attempt(async () => {
      const r = await staffApi.importHistory(file);
      return r.added === 0 ? fill(t.nothingNew, { rows: r.rows }) : fill(t.imported, r);
    });
  }

  review(row: HistoryRowView, accept: boolean): Promise<void> {
    return this.attempt(async () => {
      await staffApi.reviewHistory(row.id, accept);
      return fill(accept ? t.accepted : t.rejected, { name: row.name, year: row.year });
    });
  }
}

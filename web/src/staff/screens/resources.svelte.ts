import type { ResourceView } from '../../../../shared/schemas/resource.ts';
import { ApiError, errorCode } from '../../lib/api.ts';
import { staffApi } from '../api.ts';

/** A row of an import the box refused, with what is wrong with it. */
export interface RowProblem {
  row: number;
  problems: string[];
}

/**
 * The catalog screen's data: the resources as the box holds them, read again after every change,
 * with the last change's outcome (what was done, or the refusal and the import's bad rows).
 */
export class ResourceCatalogState {
  items = $state<ResourceView[]>([]);
  done = $state<string | null>(null);
  error = $state<string | null>(null);
  rowProblems = $state<RowProblem[]>([]);

  /** Runs a change, reads the catalog again, then says what the change did. */
  async attempt(work: () => Promise<string | null>): Promise<void> {
    this.error = null;
    this.done = null;
    this.rowProblems = [];
    let done: string | null = null;
    try {
      done = await work();
    } catch (e) {
      this.error = errorCode(e);
      if (e instanceof ApiError && Array.isArray(e.details?.rows)) this.rowProblems = e.details.rows as RowProblem[];
    }
    // The list is read again before the outcome is said, so "Đã nhập 2 tài liệu." never sits above the old list.
    this.items = await staffApi.resources().catch(() => this.items);
    this.done = done;
  }
}

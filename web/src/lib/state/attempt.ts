import { ApiError, errorCode } from '../api.ts';

/** A screen's state that shows work under way and the last failure's stable code. */
export interface Busy {
  busy: boolean;
  error: string | null;
}

/**
 * Runs one piece of work for a screen: busy while it runs, its failure kept as the box's stable
 * code (shown in Vietnamese by ErrorNote); anything that is not a refusal from the box is logged.
 */
export async function attempt(state: Busy, work: () => Promise<void>): Promise<void> {
  state.busy = true;
  state.error = null;
  try {
    await work();
  } catch (e) {
    if (!(e instanceof ApiError)) console.error(e);
    state.error = errorCode(e);
  } finally {
    state.busy = false;
  }
}

import { fill } from '../../../../shared/i18n/vi.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi, type ClosedListView } from '../api.ts';

/**
 * The lists the centers closed (chốt) and sent up, on the commune's decisions screen (issue 24):
 * the Hội Khuyến học returns one with a reason. After a return the lists (and, through `after`,
 * the proposals beside them) are read again before the outcome is said.
 */
export class HubListReturnsState {
  year = $state(0);
  lists = $state<ClosedListView[]>([]);
  /** Reasons typed, by list id. */
  reasons = $state<Record<string, string>>({});
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  async load(year: number): Promise<void> {
    this.year = year;
    const lists = await staffApi.closedLists(year);
    if (year === this.year) this.lists = lists;
  }

  /** How a list is named on the screen: its title, village (or the whole center) and center. */
  static nameOf(list: ClosedListView): { title: string; scope: string; center: string } {
    return { title: t.lists.titles[list.title], scope: list.village ?? t.lists.wholeCenter, center: list.center };
  }

  reasonOf(list: ClosedListView): string {
    return (this.reasons[list.listId] ?? '').trim();
  }

  async giveBack(list: ClosedListView, after: () => Promise<void> = async () => {}): Promise<void> {
    this.error = null;
    this.done = null;
    try {
      await staffApi.returnList({ nodeId: list.nodeId, listId: list.listId, reason: this.reasonOf(list) });
    } catch (e) {
      this.error = errorCode(e);
      await this.load(this.year).catch(() => {});
      return;
    }
    this.reasons[list.listId] = '';
    await this.load(this.year).catch(() => {});
    await after();
    this.done = fill(t.decisions.returned, HubListReturnsState.nameOf(list));
  }
}

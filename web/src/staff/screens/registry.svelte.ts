import type { ClanView, HouseholdView, UnitView } from '../../../../shared/schemas/registry.ts';
import { errorCode } from '../../lib/api.ts';
import { staffApi } from '../api.ts';

export type RegistryTab = 'households' | 'clans' | 'units' | 'communities';

/**
 * The registry screen's data: the households (of one village, or all), clans and units as the box
 * holds them, read again after every change made from the screen.
 */
export class RegistryState {
  tab = $state<RegistryTab>('households');
  /** The village whose households are listed ('' for all). */
  village = $state('');
  households = $state<HouseholdView[]>([]);
  clans = $state<ClanView[]>([]);
  units = $state<UnitView[]>([]);
  error = $state<string | null>(null);

  /** Reads the list the tab shows. */
  async load(): Promise<void> {
    if (this.tab === 'households') this.households = await staffApi.households(this.village || undefined);
    else if (this.tab === 'clans') this.clans = await staffApi.clans();
    else if (this.tab === 'units') this.units = await staffApi.units();
  }

  /** Runs a change, then reads the list again; a refusal is kept as its code. */
  async attempt(work: () => Promise<unknown>): Promise<void> {
    this.error = null;
    try {
      await work();
      await this.load();
    } catch (e) {
      this.error = errorCode(e);
    }
  }
}

import type { Dashboard } from '../../../../shared/schemas/dashboard.ts';
import { viStaff as t } from '../../lib/i18n/vi-staff.ts';
import { errorCode } from '../../lib/api.ts';
import type { PopulationTotalKind } from '../../../../shared/schemas/commune.ts';
import { staffApi, type PopulationRow, type UnitChangeRow } from '../api.ts';

type VillageEdit = { kind: 'village' | 'households'; count: number };

/**
 * The commune's figures screen: the year's population figures and unit changes as the hub holds
 * them, the counts being typed per village (filled from what is entered), and each change's outcome.
 */
export class HubFiguresState {
  year = $state(0);
  board = $state<Dashboard | null>(null);
  rows = $state<PopulationRow[]>([]);
  changes = $state<UnitChangeRow[]>([]);
  /** Adults and households per village as typed, starting from what is entered. */
  adults = $state<Record<string, number | undefined>>({});
  households = $state<Record<string, number | undefined>>({});
  /** The commune's totals of the year as typed (all clans; all agencies, schools, enterprises, organisations). */
  totals = $state<Record<PopulationTotalKind, number | undefined>>({
    'clans-total': undefined,
    'units-total': undefined,
  });
  done = $state<string | null>(null);
  error = $state<string | null>(null);

  constructor(year: number) {
    this.year = year;
  }

  /** The villages the officer may enter adults and households for: every current village name, and any entered. */
  get villages(): string[] {
    const names = [
      ...(this.board?.byPlace.map((r) => r.name) ?? []),
      ...this.rows.filter((r) => r.kind === 'village' || r.kind === 'households').map((r) => r.name),
    ];
    return [...new Set(names)].sort((a, b) => a.localeCompare(b, 'vi'));
  }

  get units(): PopulationRow[] {
    return this.rows.filter((r) => r.kind === 'unit');
  }

  async load(): Promise<void> {
    const y = this.year;
    [this.board, this.rows, this.changes] = await Promise.all([
      staffApi.dashboard(y),
      staffApi.population(y),
      staffApi.unitChanges(),
    ]);
    const counts = (kind: PopulationRow['kind']) =>
      Object.fromEntries(this.rows.filter((r) => r.kind === kind).map((r) => [r.name, r.count]));
    this.adults = counts('village');
    this.households = counts('households');
    this.totals = { 'clans-total': this.total('clans-total')?.count, 'units-total': this.total('units-total')?.count };
  }

  /** The commune's total of one kind as entered for the year, if any. */
  total(kind: PopulationTotalKind): PopulationRow | undefined {
    return this.rows.find((r) => r.kind === kind);
  }

  /** The totals the officer changed. */
  get totalEdits(): { kind: PopulationTotalKind; count: number }[] {
    return (['clans-total', 'units-total'] as const).flatMap((kind) => {
      const count = this.totals[kind];
      return given(count) && Number(count) !== this.total(kind)?.count ? [{ kind, count: Number(count) }] : [];
    });
  }

  async saveTotals(): Promise<void> {
    for (const e of this.totalEdits) await staffApi.setPopulation({ kind: e.kind, year: this.year, count: e.count });
  }

  /** Runs a change, reads the figures again and says it is saved; a refusal is kept as its code. */
  async attempt(work: () => Promise<unknown>): Promise<void> {
    this.error = null;
    this.done = null;
    try {
      await work();
      await this.load();
      this.done = t.figures.saved;
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** What the officer changed on a village's row: adults, households, or both. */
  edits(name: string): VillageEdit[] {
    const entered = (kind: VillageEdit['kind']) => this.rows.find((r) => r.kind === kind && r.name === name)?.count;
    const typed = [
      { kind: 'village' as const, count: this.adults[name] },
      { kind: 'households' as const, count: this.households[name] },
    ];
    return typed.filter((c): c is VillageEdit => given(c.count) && Number(c.count) !== entered(c.kind));
  }

  async saveVillage(name: string): Promise<void> {
    for (const c of this.edits(name)) {
      await staffApi.setPopulation({ kind: c.kind, name, year: this.year, count: Number(c.count) });
    }
  }
}

export const given = (n: number | undefined | null): n is number => n !== undefined && n !== null;

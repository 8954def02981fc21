import { foldVietnamese } from '../../../../shared/domain/search.ts';
import type { BoxKind, CenterSetup, SetupField, SetupView } from '../../../../shared/schemas/center-setup.ts';
import type { VillageKind } from '../../../../shared/schemas/village.ts';
import { errorCode } from '../../lib/api.ts';
import { setupApi } from '../setup-api.ts';

type Unit = { code: string; name: string };
type Row = { kind: VillageKind; name: string };

/** Years the screen offers a criteria set and targets for. */
export const SETUP_YEARS = [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030] as const;
export const MEASURES = ['cdht', 'digital', 'proficient'] as const;

/**
 * The setup screen's state: what the box is, the province and commune from the 2025 list (with a
 * search that ignores accents), the center's name and villages with their kinds, the criteria set
 * per year and the commune's own targets; saved with PUT /api/setup.
 */
export class SetupState {
  view = $state<SetupView | null>(null);
  provinces = $state<Unit[]>([]);
  communes = $state<Unit[]>([]);
  kind = $state<BoxKind>('center');
  provinceCode = $state('');
  communeCode = $state<string | null>(null);
  communeQuery = $state('');
  name = $state('');
  villages = $state<Row[]>([{ kind: 'thon', name: '' }]);
  byYear = $state<Record<string, string>>({});
  /** Own targets as typed, in per cent ('' = none), by measure and year. */
  targets = $state<Record<string, Record<string, string>>>({});
  error = $state<string | null>(null);
  saved = $state(false);
  busy = $state(false);

  /** The communes matching the search, accents or not. */
  get matches(): Unit[] {
    const q = foldVietnamese(this.communeQuery);
    return (q ? this.communes.filter((c) => foldVietnamese(c.name).includes(q)) : this.communes).slice(0, 30);
  }
  get chosenCommune(): Unit | undefined {
    return this.communes.find((c) => c.code === this.communeCode);
  }
  get kindLocked(): boolean {
    return this.view?.stored != null || this.overridden('kind');
  }
  overridden(field: SetupField): boolean {
    return this.view?.overridden.includes(field) ?? false;
  }

  async load(): Promise<void> {
    try {
      const [view, provinces] = await Promise.all([setupApi.view(), setupApi.provinces()]);
      this.view = view;
      this.provinces = provinces;
      const s = view.stored;
      this.kind = s?.kind ?? view.effective.kind;
      this.name = s?.name ?? (view.needed ? '' : view.effective.name);
      const rows = s?.villages ?? view.effective.villages;
      this.villages = rows.length > 0 ? rows.map((r) => ({ ...r })) : [{ kind: 'thon', name: '' }];
      // The box's choice as it stands: its defaults (the 2023 four-group set from 2024 on, the 2022 one
      // before) until the administrator has saved one.
      const { current, byYear: given } = s?.criteria ?? view.effective.criteria;
      this.byYear = Object.fromEntries(SETUP_YEARS.map((y) => [String(y), given[String(y)] ?? current]));
      const own = s?.targets ?? (view.needed ? {} : view.effective.targets);
      this.targets = Object.fromEntries(
        MEASURES.map((m) => [m, Object.fromEntries(SETUP_YEARS.map((y) => [String(y), pct(own[m]?.[String(y)])]))]),
      );
      if (s) {
        await this.chooseProvince(s.provinceCode);
        this.communeCode = s.communeCode;
      }
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  async chooseProvince(code: string): Promise<void> {
    this.provinceCode = code;
    this.communeCode = null;
    this.communeQuery = '';
    this.communes = code ? await setupApi.communes(code).catch(() => []) : [];
  }

  addVillage(): void {
    const last = this.villages.at(-1);
    this.villages.push({ kind: last?.kind ?? 'thon', name: '' });
  }
  removeVillage(i: number): void {
    this.villages.splice(i, 1);
  }

  /** What is sent: empty village rows left out; the per-year choice as the year 2030's set plus the years that differ. */
  body(): CenterSetup {
    const current = this.byYear['2030'] ?? this.view?.effective.criteria.current ?? '';
    const byYear = Object.fromEntries(Object.entries(this.byYear).filter(([, ref]) => ref !== current));
    const targets: Record<string, Record<string, number>> = {};
    for (const m of MEASURES)
      for (const [y, typed] of Object.entries(this.targets[m] ?? {}))
        if (typed.trim() !== '') (targets[m] ??= {})[y] = Number(typed.replace(',', '.')) / 100;
    return {
      kind: this.kind,
      provinceCode: this.provinceCode,
      communeCode: this.kind === 'province-hub' ? null : this.communeCode,
      name: this.kind === 'center' ? this.name : '',
      villages: this.kind === 'center' ? this.villages.filter((r) => r.name.trim() !== '') : [],
      criteria: { current, byYear },
      targets,
    };
  }

  /** Saves; on success the caller reads the kiosk info again (the villager screens show the villages). */
  async save(): Promise<boolean> {
    this.error = null;
    this.saved = false;
    this.busy = true;
    try {
      this.view = await setupApi.save(this.body());
      this.saved = true;
      return true;
    } catch (e) {
      this.error = errorCode(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

const pct = (share: number | undefined): string => (share === undefined ? '' : String(Math.round(share * 1000) / 10));

import { kindFromName, type Village } from '../../../shared/domain/places.ts';
import type { SetupField, StoredSetup } from '../../../shared/schemas/center-setup.ts';
import type { TargetTable } from '../../../shared/domain/targets.ts';
import type { Settings } from '../../../kiosk-config/options.ts';

/**
 * The effective configuration: the center file (kiosk-config/centers/, for automated installs) over
 * the setup the administrator made in the browser (stored in the database), field by field. Every
 * reader of `config.center`, `config.targets` and the settings the setup chooses (role, hub.level,
 * the criteria set per year) reads through the getters made here, so a saved setup is in force
 * for the next request without a restart.
 */

/** A center (or hub) as the program reads it. */
export interface Center {
  readonly id: string;
  readonly name: string;
  readonly commune: string;
  readonly province: string;
  readonly demo: boolean;
  /** The villages' names, as people's records carry them. */
  readonly villages: readonly string[];
  /** The same villages with their kinds (the place word each is called by). */
  readonly places: readonly Village[];
  /** Official statistics codes (2025 list), when the setup chose them. */
  readonly provinceCode: string | null;
  readonly communeCode: string | null;
}

export interface TargetLayers {
  national: TargetTable;
  province: TargetTable;
  commune: TargetTable;
}

/** What the file and environment said, and which setup fields they fix. */
export interface FileLayer {
  center: Center | null;
  targets: { province: TargetTable; commune: TargetTable };
  fixed: ReadonlySet<SetupField>;
}

/** The settings a setup decides: each is the file's or environment's when fixed there. */
const SETUP_SETTINGS = ['role', 'hub.level', 'cdht.criteriaSet', 'cdht.criteriaSetByYear'] as const;

interface Layers {
  file: FileLayer;
  setup: StoredSetup | null;
}
const layersOf = new WeakMap<object, Layers>();

/** No center yet: a box installed without a center file, before its setup. */
const UNSET: Center = Object.freeze({
  id: 'unset',
  name: '',
  commune: '',
  province: '',
  demo: false,
  villages: Object.freeze([]),
  places: Object.freeze([]),
  provinceCode: null,
  communeCode: null,
});

/** The center a stored setup describes. */
function centerOf(s: StoredSetup): Center {
  const province = s.provinceName;
  const commune = s.communeName ?? '';
  const fallback = s.kind === 'province-hub' ? province : commune;
  const places = s.villages.map((v) => Object.freeze({ name: v.name, kind: v.kind }));
  return Object.freeze({
    id: `${s.kind}-${s.communeCode ?? s.provinceCode}`,
    name: s.name || fallback,
    commune,
    province,
    demo: false,
    villages: Object.freeze(places.map((v) => v.name)),
    places: Object.freeze(places),
    provinceCode: s.provinceCode,
    communeCode: s.communeCode,
  });
}

/** Villages of a center file: names ("Thôn Đồng Chằm", kind from the word) or {name, kind}. */
export function placesOf(villages: readonly (string | Village)[]): Village[] {
  return villages.map((v) => (typeof v === 'string' ? { name: v, kind: kindFromName(v) } : { ...v }));
}

const setupSettings = (s: StoredSetup): Pick<Settings, (typeof SETUP_SETTINGS)[number]> => ({
  role: s.kind === 'center' ? 'center' : 'hub',
  'hub.level': s.kind === 'province-hub' ? 'province' : 'commune',
  'cdht.criteriaSet': s.criteria.current,
  'cdht.criteriaSetByYear': Object.freeze({ ...s.criteria.byYear }),
});

const fieldOfSetting = (key: (typeof SETUP_SETTINGS)[number]): SetupField =>
  key === 'role' || key === 'hub.level' ? 'kind' : 'criteria';

/**
 * The config object with its center, targets and setup-chosen settings read through the layers.
 * `rest` holds the parts no setup changes.
 */
export function layered<T extends object>(
  rest: T,
  settings: Settings,
  file: FileLayer,
  national: TargetTable,
): T & { readonly settings: Settings; readonly center: Center; readonly targets: TargetLayers } {
  const layers: Layers = { file, setup: null };
  const liveSettings = { ...settings } as Record<string, unknown>;
  for (const key of SETUP_SETTINGS) {
    Object.defineProperty(liveSettings, key, {
      enumerable: true,
      get: () =>
        layers.setup && !file.fixed.has(fieldOfSetting(key)) ? setupSettings(layers.setup)[key] : settings[key],
    });
  }
  const config = Object.defineProperties(
    { ...rest },
    {
      settings: { enumerable: true, value: Object.freeze(liveSettings) },
      center: {
        enumerable: true,
        get: () => file.center ?? (layers.setup ? centerOf(layers.setup) : UNSET),
      },
      targets: {
        enumerable: true,
        get: (): TargetLayers => {
          const own = layers.setup && !file.fixed.has('targets') ? (layers.setup.targets as TargetTable) : null;
          if (!own) return { national, ...file.targets };
          return layers.setup?.kind === 'province-hub'
            ? { national, province: own, commune: file.targets.commune }
            : { national, province: file.targets.province, commune: own };
        },
      },
    },
  ) as T & { readonly settings: Settings; readonly center: Center; readonly targets: TargetLayers };
  layersOf.set(config, layers);
  return config;
}

function layersFor(config: object): Layers {
  const layers = layersOf.get(config);
  if (!layers) throw new Error('not a config made by loadConfig');
  return layers;
}

/** Puts the stored setup under the file's layer (at start, and when the administrator saves it). */
export function applyCenterSetup(config: object, setup: StoredSetup | null): void {
  layersFor(config).setup = setup;
}

/** The setup fields the center file or the environment fixes (the screen says so for each). */
export function overriddenFields(config: object): SetupField[] {
  return [...layersFor(config).file.fixed];
}

/** True while the box has neither a center file nor a stored setup: the staff app opens the setup. */
export function setupNeeded(config: object): boolean {
  const layers = layersFor(config);
  return layers.file.center === null && layers.setup === null;
}

/** The setup stored in the database, as applied (null before the first). */
export function storedSetupOf(config: object): StoredSetup | null {
  return layersFor(config).setup;
}

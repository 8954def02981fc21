import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { ConfigError, readJson, rel } from './config-error.ts';
import { loadModelSets } from './model-set-files.ts';
import { options, type OptionKey, type OptionSpec, type Settings } from '../../../kiosk-config/options.ts';
import { CriteriaSetSchema, type CriteriaSet } from '../../../shared/schemas/criteria-set.ts';
import { isModelCriteriaSetData, type ModelCriteriaSet } from '../../../shared/schemas/model-criteria-set.ts';
import { targetMeasures } from '../../../shared/schemas/dashboard.ts';
import { DigitalBankSchema, type DigitalBank } from '../../../shared/schemas/digital-bank.ts';
import { OneLineText, TEXT_INVALID } from '../../../shared/schemas/text.ts';
import type { TargetTable } from '../../../shared/domain/targets.ts';
import { VillageSchema, type SetupField } from '../../../shared/schemas/center-setup.ts';
import { layered, placesOf, type Center, type FileLayer, type TargetLayers } from './effective.ts';
import { modelTargetMeasures, type ModelTargetTable } from '../../../shared/domain/collective-titles/targets.ts';

/** Re-exported: callers import it from here. */
export { ConfigError };

const CenterSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  // Names printed on every slip, list and decision: one line under the shared text rule (shared/schemas/text.ts).
  name: OneLineText(1, 200),
  commune: OneLineText(1, 200),
  province: OneLineText(1, 200),
  demo: v.optional(v.boolean(), false),
  // A name with its place word ("Ấp 3": its kind read from the word) or {name, kind}.
  villages: v.pipe(
    v.array(v.union([OneLineText(1, 120), VillageSchema])),
    v.minLength(1),
    v.check(
      (a) => new Set(a.map((x) => (typeof x === 'string' ? x : x.name))).size === a.length,
      'villages must be unique',
    ),
  ),
});

/** Targets of one source: per measure, year → share 0..1 (straight line between anchor years). */
const TargetTableSchema = v.record(
  v.picklist(targetMeasures),
  v.record(
    v.pipe(v.string(), v.regex(/^\d{4}$/, 'years are written as four digits')),
    v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  ),
);

const CenterFileSchema = v.strictObject({
  center: CenterSchema,
  settings: v.optional(v.record(v.string(), v.unknown()), {}),
  /** A hub's province overrides and the commune's own year-by-year table (national defaults in targets/). */
  targets: v.optional(
    v.strictObject({ province: v.optional(TargetTableSchema, {}), commune: v.optional(TargetTableSchema, {}) }),
    {},
  ),
});

/** Targets of the four other titles (families, clans, communities, units, workers, unit staff), same shape. */
const ModelTargetTableSchema = v.record(
  v.picklist(modelTargetMeasures),
  v.record(
    v.pipe(v.string(), v.regex(/^\d{4}$/, 'years are written as four digits')),
    v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  ),
);

const NationalTargetsSchema = v.strictObject({
  source: v.string(),
  measures: TargetTableSchema,
  models: v.optional(ModelTargetTableSchema, {}),
});

/** Everything the kiosk runs on, validated and frozen. */
export interface KioskConfig {
  readonly settings: Settings;
  /** The effective center: the center file's, else the setup's (config/effective.ts). */
  readonly center: Center;
  readonly criteriaSets: readonly CriteriaSet[];
  readonly targets: TargetLayers;
  /** National targets of the four other titles (targets/national.json, "models"). */
  readonly modelTargets: { readonly national: ModelTargetTable };
  /** Criteria sets of the four other titles (server/src/criteria/model-sets.ts picks among them). */
  readonly modelSets: readonly ModelCriteriaSet[];
  /** Digital-skills question banks (kiosk-config/digital/), each validated; `digital.bank` picks one. */
  readonly digitalBanks: readonly DigitalBank[];
  /** The folder the configuration was read from. */
  readonly configDir: string;
}

export interface LoadOptions {
  configDir: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads kiosk-config once: defaults, then the center file, then the environment; the setup stored in
 * the database goes under the file's layer (applyCenterSetup). KIOSK_CENTER names the center file
 * (the demo's when unset, as `npm start` runs); empty, as install.sh writes it, means none: the
 * box starts in setup. Throws ConfigError.
 */
export function loadConfig({ configDir, env = process.env }: LoadOptions): KioskConfig {
  const centerName = env.KIOSK_CENTER ?? 'demo';
  const centerPath = join(configDir, 'centers', `${centerName}.json`);
  const centerFile =
    centerName === ''
      ? { center: null, settings: {}, targets: {} as { province?: TargetTable; commune?: TargetTable } }
      : parseWith(CenterFileSchema, readJson(centerPath), rel(centerPath));

  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(options) as [OptionKey, OptionSpec][]) {
    values[key] = spec.default;
  }
  for (const [key, raw] of Object.entries(centerFile.settings)) {
    if (!Object.hasOwn(options, key))
      throw new ConfigError(rel(centerPath), `settings.${key}`, 'no such option (see kiosk-config/options.ts)');
    values[key] = checkValue(options[key as OptionKey], raw, rel(centerPath), `settings.${key}`);
  }
  for (const [key, spec] of Object.entries(options) as [OptionKey, OptionSpec][]) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '')
      values[key] = checkValue(spec, fromEnv(spec, raw, key), `environment variable ${spec.env}`, key);
  }
  const settings = values as Settings;

  const criteriaDir = join(configDir, 'criteria');
  const criteriaSets = readdirSync(criteriaDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const path = join(criteriaDir, file);
      const data = readJson(path);
      return isModelCriteriaSetData(data) ? [] : [parseWith(CriteriaSetSchema, data, rel(path))];
    });
  // The four other titles (gia đình, dòng họ, cộng đồng, đơn vị) have their own format: checked
  // here too, so a broken set of either kind stops the start naming its file and item.
  const modelSets = loadModelSets(criteriaDir);
  const refs = [settings['cdht.criteriaSet'], ...Object.values(settings['cdht.criteriaSetByYear'])];
  for (const ref of refs) {
    if (!criteriaSets.some((s) => `${s.id}@${s.version}` === ref)) {
      throw new ConfigError('settings', 'cdht.criteriaSet', `criteria set "${ref}" is not in ${rel(criteriaDir)}`);
    }
  }
  for (const key of [
    'calendar.centerDeadline',
    'calendar.communeDeadline',
    'calendar.communeReportDeadline',
    'calendar.provinceReportDeadline',
    'calendar.emulationReportDeadline',
  ] as const) {
    const [month = 0, day = 0] = settings[key].split('-').map(Number);
    if (!/^\d{2}-\d{2}$/.test(settings[key]) || month < 1 || month > 12 || day < 1 || day > 31) {
      throw new ConfigError('settings', key, `"${settings[key]}" is not a month and day written MM-DD`);
    }
  }
  const verifyUrl = settings['documents.verifyUrl'];
  if (verifyUrl !== null && !/^https?:\/\/[^/?#\s]+\/?$/.test(verifyUrl))
    throw new ConfigError(
      'settings',
      'documents.verifyUrl',
      `"${verifyUrl}" is not an http:// or https:// address with no path`,
    );
  const digitalDir = join(configDir, 'digital');
  const digitalBanks = readdirSync(digitalDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(digitalDir, file);
      return parseWith(DigitalBankSchema, readJson(path), rel(path));
    });
  if (!digitalBanks.some((b) => `${b.id}@${b.version}` === settings['digital.bank'])) {
    throw new ConfigError(
      'settings',
      'digital.bank',
      `question bank "${settings['digital.bank']}" is not in ${rel(digitalDir)}`,
    );
  }
  const nationalPath = join(configDir, 'targets', 'national.json');
  const nationalFile = parseWith(NationalTargetsSchema, readJson(nationalPath), rel(nationalPath));
  const national = nationalFile.measures as TargetTable;
  const fileTargets = {
    province: (centerFile.targets.province ?? {}) as TargetTable,
    commune: (centerFile.targets.commune ?? {}) as TargetTable,
  };
  const modelTargets = { national: nationalFile.models as ModelTargetTable };
  const file: FileLayer = {
    center: centerFile.center && {
      ...centerFile.center,
      villages: centerFile.center.villages.map((x) => (typeof x === 'string' ? x : x.name)),
      places: placesOf(centerFile.center.villages),
      provinceCode: null,
      communeCode: null,
    },
    targets: fileTargets,
    fixed: fixedFields(centerFile, env),
  };
  return deepFreeze(
    layered({ criteriaSets, modelSets, modelTargets, digitalBanks, configDir }, settings, file, national),
  );
}

/** The setup fields the center file or the environment decides (the screen shows them as overridden). */
function fixedFields(
  centerFile: { center: unknown; settings: Record<string, unknown>; targets: { province?: object; commune?: object } },
  env: Readonly<Record<string, string | undefined>>,
): Set<SetupField> {
  const fixed = new Set<SetupField>();
  if (centerFile.center) for (const f of ['place', 'name', 'villages'] as const) fixed.add(f);
  const given = (key: OptionKey) => Object.hasOwn(centerFile.settings, key) || !!env[options[key].env];
  if (given('role') || given('hub.level')) fixed.add('kind');
  if (given('cdht.criteriaSet') || given('cdht.criteriaSetByYear')) fixed.add('criteria');
  const t = centerFile.targets;
  if (Object.keys(t.commune ?? {}).length > 0 || Object.keys(t.province ?? {}).length > 0) fixed.add('targets');
  return fixed;
}

function parseWith<S extends v.GenericSchema>(schema: S, data: unknown, source: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  // The free-text rule's issue first, named by its code, whatever else is wrong beside it.
  // A union (a village as a name or as {name, kind}) keeps its members' issues inside its own.
  const all = (issues: readonly v.BaseIssue<unknown>[]): v.BaseIssue<unknown>[] =>
    issues.flatMap((i) => [i, ...all(i.issues ?? [])]);
  const issue = all(result.issues).find((i) => i.message === TEXT_INVALID) ?? result.issues[0];
  const message =
    issue.message === TEXT_INVALID ? `holds hidden control or direction characters (${TEXT_INVALID})` : issue.message;
  throw new ConfigError(source, v.getDotPath(issue) ?? '(root)', message);
}

function fromEnv(spec: OptionSpec, raw: string, key: string): unknown {
  if (spec.type === 'integer' || spec.type === 'optional-integer') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (spec.type === 'map') {
    try {
      return JSON.parse(raw);
    } catch {
      throw new ConfigError(`environment variable ${spec.env}`, key, 'must be a JSON object');
    }
  }
  return raw;
}

function checkValue(spec: OptionSpec, raw: unknown, source: string, key: string): unknown {
  switch (spec.type) {
    case 'string':
      if (typeof raw === 'string' && raw.length > 0) return raw;
      throw new ConfigError(source, key, 'must be a non-empty string');
    case 'optional-string':
      if (raw === null || (typeof raw === 'string' && raw.length > 0)) return raw;
      throw new ConfigError(source, key, 'must be a non-empty string or null');
    case 'enum':
      if (typeof raw === 'string' && spec.values.includes(raw)) return raw;
      throw new ConfigError(source, key, `must be one of ${spec.values.join(', ')}`);
    case 'optional-integer':
    case 'integer':
      if (raw === null && spec.type === 'optional-integer') return null;
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= spec.min && raw <= spec.max) return raw;
      throw new ConfigError(source, key, `must be a whole number from ${spec.min} to ${spec.max}`);
    case 'map':
      if (
        typeof raw === 'object' &&
        raw !== null &&
        !Array.isArray(raw) &&
        Object.values(raw).every((x) => typeof x === 'string')
      )
        return raw;
      throw new ConfigError(source, key, 'must be an object of strings');
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { foldVietnamese } from '../../../shared/domain/search.ts';
import { villageName } from '../../../shared/domain/places.ts';
import {
  CenterSetupSchema,
  type CenterSetup,
  type SetupField,
  type SetupView,
  type StoredSetup,
} from '../../../shared/schemas/center-setup.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { KioskConfig } from '../config/load.ts';
import { findProvince } from '../config/admin-units.ts';
import { applyCenterSetup, overriddenFields, setupNeeded, storedSetupOf } from '../config/effective.ts';
import type { Db } from '../db/database.ts';
import { ensureFacts } from '../hub/ingest/facts.ts';
import { readSetupRow, writeSetupRow } from './setup.repository.ts';

export interface SetupDeps {
  db: Db;
  config: KioskConfig;
  now: () => Date;
}

/** The configs whose stored setup has been read (at start by main.ts, else at the first request). */
const loaded = new WeakSet<KioskConfig>();

/** Reads the stored setup into the effective config once per config. */
export async function loadStoredSetup(db: Db, config: KioskConfig): Promise<void> {
  if (loaded.has(config)) return;
  const row = await readSetupRow(db);
  const stored = row ? (JSON.parse(row.data) as StoredSetup) : null;
  // Stored only after the checks below: a row that no longer parses is a bug, not input.
  if (stored) v.parse(CenterSetupSchema, withoutNames(stored));
  applyCenterSetup(config, stored);
  loaded.add(config);
}

const withoutNames = ({ provinceName: _p, communeName: _c, ...rest }: StoredSetup): CenterSetup => rest;

/** What the setup screen shows. */
export function setupView(config: KioskConfig): SetupView {
  const c = config.center;
  const s = config.settings;
  return {
    needed: setupNeeded(config),
    effective: {
      kind: s.role === 'center' ? 'center' : s['hub.level'] === 'province' ? 'province-hub' : 'commune-hub',
      province: c.province,
      commune: c.commune,
      name: c.name,
      villages: c.places.map((p) => ({ ...p })),
      criteria: { current: s['cdht.criteriaSet'], byYear: { ...s['cdht.criteriaSetByYear'] } },
      targets: structuredClone(
        (s.role === 'hub' && s['hub.level'] === 'province'
          ? config.targets.province
          : config.targets.commune) as Record<string, Record<string, number>>,
      ),
    },
    stored: storedSetupOf(config),
    overridden: overriddenFields(config),
    criteriaSets: config.criteriaSets
      .filter((x) => x.title === 'cdht' && x.subjectKind === 'person')
      .map((x) => ({ ref: `${x.id}@${x.version}`, title: x.name })),
    national: structuredClone(config.targets.national as Record<string, Record<string, number>>),
  };
}

/** Checks the setup against the 2025 list and what the box knows; throws a stable code, changes nothing. */
export function checkedSetup(config: KioskConfig, input: CenterSetup): StoredSetup {
  const stored = storedSetupOf(config);
  if (stored && stored.kind !== input.kind) throw new AppError('setup.kind-locked');
  const province = findProvince(config.configDir, input.provinceCode);
  if (!province) throw new AppError('setup.province-unknown', { provinceCode: input.provinceCode });
  if (input.kind !== 'province-hub' && input.communeCode === null) throw new AppError('setup.commune-required');
  const commune = input.kind === 'province-hub' ? null : province.communes.find((c) => c.code === input.communeCode);
  if (commune === undefined) throw new AppError('setup.commune-unknown', { communeCode: input.communeCode });
  const fixed = new Set<SetupField>(overriddenFields(config));
  if (input.kind === 'center' && input.name === '' && !fixed.has('name')) throw new AppError('setup.name-required');
  const villages = input.villages.map((x) => ({ name: villageName(x.kind, x.name), kind: x.kind }));
  if (input.kind === 'center' && villages.length === 0 && !fixed.has('villages'))
    throw new AppError('setup.villages-required');
  const seen = new Set<string>();
  for (const x of villages) {
    const key = foldVietnamese(x.name);
    if (seen.has(key)) throw new AppError('setup.village-duplicate', { name: x.name });
    seen.add(key);
  }
  const known = new Set(config.criteriaSets.filter((x) => x.title === 'cdht').map((x) => `${x.id}@${x.version}`));
  for (const ref of [input.criteria.current, ...Object.values(input.criteria.byYear)])
    if (!known.has(ref)) throw new AppError('setup.criteria-set-unknown', { ref });
  return {
    ...input,
    communeCode: commune?.code ?? null,
    villages: input.kind === 'center' ? villages : [],
    provinceName: province.name,
    communeName: commune?.name ?? null,
  };
}

/** The fields whose value differs between two setups (for the audit). */
function changedFields(before: StoredSetup | null, after: StoredSetup): SetupField[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const parts: Record<SetupField, (s: StoredSetup) => unknown> = {
    kind: (s) => s.kind,
    place: (s) => [s.provinceCode, s.communeCode],
    name: (s) => s.name,
    villages: (s) => s.villages,
    criteria: (s) => s.criteria,
    targets: (s) => s.targets,
  };
  return (Object.keys(parts) as SetupField[]).filter((f) => !before || !same(parts[f](before), parts[f](after)));
}

/** Saves the setup (audited) and puts it in force; the file still decides the fields it fixes. */
export async function saveSetup(deps: SetupDeps, actor: Actor, input: CenterSetup): Promise<SetupView> {
  await loadStoredSetup(deps.db, deps.config);
  const next = checkedSetup(deps.config, input);
  const before = storedSetupOf(deps.config);
  const fields = changedFields(before, next);
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await writeSetupRow(trx, JSON.stringify(next), at, actor.id);
    await audit(
      trx,
      actor,
      {
        action: before ? 'setup.change' : 'setup.create',
        subjectKind: 'setup',
        subjectId: next.kind,
        details: {
          fields,
          overridden: overriddenFields(deps.config).filter((f) => fields.includes(f)),
          ...(fields.includes('place') ? { provinceCode: next.provinceCode, communeCode: next.communeCode } : {}),
          ...(fields.includes('villages') ? { villages: next.villages.map((x) => x.name) } : {}),
        },
      },
      at,
    );
  });
  applyCenterSetup(deps.config, next);
  // A box that became a hub gets its dashboard's projection made now, as main.ts does at start.
  if (deps.config.settings.role === 'hub') await ensureFacts(deps.db);
  return setupView(deps.config);
}

import { AppError } from '../../../shared/errors.ts';
import { vietnamYear } from '../../../shared/domain/vietnam-time.ts';
import type { CreateUnit, UnitView, UpdateUnit } from '../../../shared/schemas/registry.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { personBySlip, type RegistryDeps } from './households.service.ts';
import { unitChanged } from './registry.outbox.ts';
import * as units from './units.repository.ts';

/**
 * Units (đơn vị: an agency, school, enterprise, cooperative or production unit): the staff count
 * its leader enters per year and the staff registered here linked to it. Every change goes up as the
 * unit's next revision (registry.outbox.ts); a retry that changes nothing sends nothing.
 */

export async function createUnit(deps: RegistryDeps, actor: Actor, input: CreateUnit): Promise<UnitView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await units.findUnit(trx, input.id);
    if (existing) {
      if (existing.name !== input.name || existing.kind !== input.kind || existing.village !== input.village)
        throw new AppError('unit.id-conflict');
      return unitView(trx, input.id);
    }
    await units.insertUnit(trx, input, at);
    await unitChanged(trx, input.id, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.unit',
        subjectKind: 'unit',
        subjectId: input.id,
        details: { name: input.name, kind: input.kind },
      },
      at,
    );
    return unitView(trx, input.id);
  });
}

/** A unit's name, kind or village corrected; the same values again change nothing. */
export async function updateUnit(deps: RegistryDeps, actor: Actor, id: string, input: UpdateUnit): Promise<UnitView> {
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const before = await unitRow(trx, id);
    if (before.name === input.name && before.kind === input.kind && before.village === input.village)
      return unitView(trx, id);
    await units.updateUnitRow(trx, id, { name: input.name, kind: input.kind, village: input.village });
    await unitChanged(trx, id, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.unit',
        subjectKind: 'unit',
        subjectId: id,
        details: { name: input.name, kind: input.kind, village: input.village },
      },
      at,
    );
    return unitView(trx, id);
  });
}

/** The leader's staff count for a year; never below the staff already linked (they are staff too). The same count again changes nothing. */
export async function setStaffCount(
  deps: RegistryDeps,
  actor: Actor,
  unitId: string,
  year: number,
  count: number,
): Promise<UnitView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    const linked = await units.linkedCount(trx, unitId);
    if (count < linked) throw new AppError('unit.staff-count-below-linked', { count, linked });
    if ((await units.findStaffCount(trx, unitId, year)) === count) return unitView(trx, unitId);
    const row = { count, entered_by: actor.name, entered_at: at };
    await units.upsertStaffCount(trx, unitId, year, row);
    await unitChanged(trx, unitId, at);
    await audit(
      trx,
      actor,
      { action: 'registry.unit', subjectKind: 'unit', subjectId: unitId, details: { year, staffCount: count } },
      at,
    );
    return unitView(trx, unitId);
  });
}

/** Links a registered person as the unit's staff; refused when it would pass this year's staff count. */
export async function linkUnitMember(
  deps: RegistryDeps,
  actor: Actor,
  unitId: string,
  code: string,
  birthYear: number,
): Promise<UnitView> {
  const at = deps.now().toISOString();
  const year = vietnamYear(at);
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    const person = await personBySlip(trx, code, birthYear);
    if (await units.isCurrentMember(trx, unitId, person.id)) return unitView(trx, unitId);
    const declared = await units.findStaffCount(trx, unitId, year);
    const linked = await units.linkedCount(trx, unitId);
    if (declared !== undefined && linked + 1 > declared) {
      throw new AppError('unit.staff-count-below-linked', { count: declared, linked: linked + 1 });
    }
    await units.insertUnitMember(trx, unitId, person.id, at);
    await unitChanged(trx, unitId, at);
    await audit(
      trx,
      actor,
      {
        action: 'registry.unit',
        subjectKind: 'unit',
        subjectId: unitId,
        details: { personId: person.id, joined: true },
      },
      at,
    );
    return unitView(trx, unitId);
  });
}

export async function leaveUnit(deps: RegistryDeps, actor: Actor, unitId: string, personId: string): Promise<UnitView> {
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await unitRow(trx, unitId);
    if (!(await units.closeUnitMember(trx, unitId, personId, at))) throw new AppError('unit.member-not-found');
    await unitChanged(trx, unitId, at);
    await audit(
      trx,
      actor,
      { action: 'registry.unit', subjectKind: 'unit', subjectId: unitId, details: { personId, joined: false } },
      at,
    );
    return unitView(trx, unitId);
  });
}

export async function listUnits(db: Db): Promise<UnitView[]> {
  const ids = await units.unitIds(db);
  return Promise.all(ids.map((id) => unitView(db, id)));
}

export async function getUnit(db: Db, id: string): Promise<UnitView> {
  await unitRow(db, id);
  return unitView(db, id);
}

async function unitRow(db: Db, id: string) {
  const row = await units.findUnit(db, id);
  if (!row) throw new AppError('unit.not-found');
  return row;
}

async function unitView(db: Db, id: string): Promise<UnitView> {
  const unit = await unitRow(db, id);
  const { counts, members } = await units.unitDetails(db, id);
  return {
    id,
    name: unit.name,
    kind: unit.kind as UnitView['kind'],
    village: unit.village,
    members,
    staffCounts: Object.fromEntries(counts.map((c) => [String(c.year), c.count])),
  };
}

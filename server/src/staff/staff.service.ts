import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors.ts';
import type { CreateStaff, SignIn, StaffView } from '../../../shared/schemas/staff.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { DB } from '../db/database.ts';
import type { StaffRow } from '../db/schema.ts';
import { hashPin, verifyPin } from './pin.ts';
import * as repo from './staff.repository.ts';

export interface StaffDeps {
  db: DB;
  now: () => Date;
  sessionHours: number;
  lockoutSeconds: number;
}

/** Wrong PINs allowed before the account locks. */
export const MAX_ATTEMPTS = 5;
const MAX_LOCK_SECONDS = 3600;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toStaffView(row: StaffRow): StaffView {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1 };
}

async function newRow(input: CreateStaff, at: string): Promise<StaffRow> {
  return {
    id: uuidv7(), name: input.name, name_key: repo.nameKey(input.name), role: input.role,
    pin_hash: await hashPin(input.pin), failed_attempts: 0, locked_until: null, active: 1, created_at: at,
  };
}

async function openSession(deps: StaffDeps, staff: StaffRow, at: Date): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  const maxAgeSeconds = deps.sessionHours * 3600;
  await repo.insertSession(deps.db, tokenHash(token), staff.id, at.toISOString(), new Date(at.getTime() + maxAgeSeconds * 1000).toISOString());
  return { token, maxAgeSeconds };
}

/** First start: the center administrator, only while no staff account exists. */
export async function setupAdmin(deps: StaffDeps, input: { name: string; pin: string }) {
  const now = deps.now();
  const row = await newRow({ ...input, role: 'admin' }, now.toISOString());
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.countStaff(trx)) > 0) throw new AppError('auth.setup-done');
    await repo.insertStaff(trx, row);
    await audit(trx, row, { action: 'staff.setup', subjectKind: 'staff', subjectId: row.id }, now.toISOString());
  });
  return { staff: toStaffView(row), ...(await openSession(deps, row, now)) };
}

/**
 * Signs in by name and PIN. After 5 wrong PINs the account locks for `lockoutSeconds`, doubling
 * with each further wrong PIN (up to an hour); while locked, no PIN is even checked.
 */
export async function signIn(deps: StaffDeps, input: SignIn) {
  const now = deps.now();
  const at = now.toISOString();
  const staff = await repo.findStaffByName(deps.db, input.name);
  if (!staff || staff.active !== 1) {
    await audit(deps.db, null, { action: 'staff.sign-in-failed', details: { reason: 'unknown-name' } }, at);
    throw new AppError('auth.invalid');
  }
  if (staff.locked_until && staff.locked_until > at) {
    const retryAfterSeconds = Math.ceil((Date.parse(staff.locked_until) - now.getTime()) / 1000);
    throw new AppError('auth.locked', { retryAfterSeconds });
  }
  if (!(await verifyPin(input.pin, staff.pin_hash))) {
    const failed = staff.failed_attempts + 1;
    const lockSeconds = failed >= MAX_ATTEMPTS ? Math.min(deps.lockoutSeconds * 2 ** (failed - MAX_ATTEMPTS), MAX_LOCK_SECONDS) : 0;
    const lockedUntil = lockSeconds > 0 ? new Date(now.getTime() + lockSeconds * 1000).toISOString() : null;
    await repo.recordFailure(deps.db, staff.id, failed, lockedUntil);
    await audit(deps.db, null, { action: 'staff.sign-in-failed', subjectKind: 'staff', subjectId: staff.id, details: { failedAttempts: failed, lockedSeconds: lockSeconds } }, at);
    if (lockSeconds > 0) throw new AppError('auth.locked', { retryAfterSeconds: lockSeconds });
    throw new AppError('auth.invalid');
  }
  await repo.recordFailure(deps.db, staff.id, 0, null);
  await audit(deps.db, staff, { action: 'staff.sign-in', subjectKind: 'staff', subjectId: staff.id }, at);
  return { staff: toStaffView(staff), ...(await openSession(deps, staff, now)) };
}

export async function signOut(deps: StaffDeps, token: string, actor: Actor): Promise<void> {
  await repo.deleteSession(deps.db, tokenHash(token));
  await audit(deps.db, actor, { action: 'staff.sign-out', subjectKind: 'staff', subjectId: actor.id }, deps.now().toISOString());
}

export async function staffForToken(deps: Pick<StaffDeps, 'db' | 'now'>, token: string): Promise<StaffRow | undefined> {
  return repo.findSessionStaff(deps.db, tokenHash(token), deps.now().toISOString());
}

export async function createStaff(deps: StaffDeps, actor: Actor, input: CreateStaff): Promise<StaffView> {
  const at = deps.now().toISOString();
  const row = await newRow(input, at);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.findStaffByName(trx, input.name)) throw new AppError('staff.name-taken');
    await repo.insertStaff(trx, row);
    await audit(trx, actor, { action: 'staff.create', subjectKind: 'staff', subjectId: row.id, details: { role: row.role } }, at);
  });
  return toStaffView(row);
}

export async function deactivateStaff(deps: StaffDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.findStaffById(trx, id))) throw new AppError('staff.not-found');
    await repo.deactivate(trx, id);
    await audit(trx, actor, { action: 'staff.deactivate', subjectKind: 'staff', subjectId: id }, deps.now().toISOString());
  });
}

import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors.ts';
import type { Throttle } from '../http/throttle.ts';
import type { CreateStaff, Setup, SignIn, StaffView } from '../../../shared/schemas/staff.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { StaffRow } from '../db/schema.ts';
import { MAX_ATTEMPTS, MAX_LOCK_SECONDS, type StaffGuards } from './guards.ts';
import { hashPin, verifyPin } from './pin.ts';
import { assertStrongPin } from './pin-strength.ts';
import { hasActiveAdmin, removeSetupCode, storedSetupCode } from './setup-code.repository.ts';
import { setupCodeMatches } from './setup-code.ts';
import * as repo from './staff.repository.ts';

export interface StaffDeps {
  db: Db;
  now: () => Date;
  sessionHours: number;
  lockoutSeconds: number;
  guards: StaffGuards;
}

/**
 * A hash of a PIN nobody knows, checked for a name with no active account so that its answer takes
 * as long as a real account's (the same scrypt parameters as hashPin).
 */
const DUMMY_HASH = 'scrypt$16384$8$1$ppIjqpJyS2D3C05sR6j0ag==$glP3lweP1Oh8/rCLeJNup6Z+YYxPmu0x5NgRttm/9MM=';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toStaffView(row: StaffRow): StaffView {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1 };
}

async function newRow(input: CreateStaff, at: string): Promise<StaffRow> {
  return {
    id: uuidv7(),
    name: input.name,
    name_key: repo.nameKey(input.name),
    role: input.role,
    pin_hash: await hashPin(input.pin),
    failed_attempts: 0,
    locked_until: null,
    active: 1,
    created_at: at,
  };
}

async function openSession(
  deps: StaffDeps,
  staff: StaffRow,
  at: Date,
): Promise<{ token: string; maxAgeSeconds: number }> {
  const token = randomBytes(32).toString('base64url');
  const maxAgeSeconds = deps.sessionHours * 3600;
  await repo.insertSession(
    deps.db,
    tokenHash(token),
    staff.id,
    at.toISOString(),
    new Date(at.getTime() + maxAgeSeconds * 1000).toISOString(),
  );
  return { token, maxAgeSeconds };
}

/**
 * First start: the center administrator, only while no active administrator exists, and only with
 * the one-time setup code printed on the box's console (removed in the same transaction). Wrong
 * codes are throttled per client; one client's attempts run one after the other, so attempts sent
 * at once meet the wait too.
 */
export function setupAdmin(deps: StaffDeps, input: Setup, client: string) {
  return guarded(deps, deps.guards.setup, client, ['auth.setup-code-invalid'], (now) =>
    createFirstAdmin(deps, input, now),
  );
}

/**
 * One client's attempt, after its earlier ones (so attempts sent at once meet the wait too),
 * refused while the client's wait runs; a refusal with one of the `counted` codes counts.
 */
function guarded<T>(
  deps: StaffDeps,
  throttle: Throttle,
  client: string,
  counted: readonly string[],
  attempt: (now: Date) => Promise<T>,
): Promise<T> {
  return deps.guards.queue.run(client, async () => {
    const now = deps.now();
    const wait = throttle.wait(client, now.getTime());
    if (wait > 0) throw new AppError('auth.throttled', { retryAfterSeconds: wait });
    try {
      return await attempt(now);
    } catch (e) {
      if (e instanceof AppError && counted.includes(e.code)) throttle.fail(client, now.getTime());
      throw e;
    }
  });
}

async function createFirstAdmin(deps: StaffDeps, input: Setup, now: Date) {
  const { setupCode, ...admin } = input;
  const allowed = async (db: Parameters<typeof hasActiveAdmin>[0]) => {
    if (await hasActiveAdmin(db)) throw new AppError('auth.setup-done');
    if (!setupCodeMatches(setupCode, await storedSetupCode(db))) throw new AppError('auth.setup-code-invalid');
  };
  // Checked before the PIN is hashed (a stranger's attempts cost no scrypt), and again in the
  // transaction, where two setups sent at once meet: the second finds an administrator.
  await allowed(deps.db);
  assertStrongPin(admin.pin);
  const row = await newRow({ ...admin, role: 'admin' }, now.toISOString());
  await deps.db.transaction().execute(async (trx) => {
    await allowed(trx);
    if (await repo.findStaffByName(trx, admin.name)) throw new AppError('staff.name-taken');
    await repo.insertStaff(trx, row);
    await removeSetupCode(trx);
    await audit(trx, row, { action: 'staff.setup', subjectKind: 'staff', subjectId: row.id }, now.toISOString());
  });
  return { staff: toStaffView(row), ...(await openSession(deps, row, now)) };
}

/**
 * Signs in by name and PIN. One client's sign-ins run one at a time, and a client with more than 10
 * failures waits (`auth.throttled`). After 5 wrong PINs the account locks for `lockoutSeconds`,
 * doubling with each further wrong PIN (up to an hour); while locked, no PIN is even checked.
 */
export function signIn(deps: StaffDeps, input: SignIn, client: string) {
  return guarded(deps, deps.guards.client, client, ['auth.invalid', 'auth.locked'], (now) =>
    checkPin(deps, input, now),
  );
}

const lockedFor = (seconds: number) => new AppError('auth.locked', { retryAfterSeconds: seconds });
const secondsUntil = (until: string, now: Date) => Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));

async function checkPin(deps: StaffDeps, input: SignIn, now: Date) {
  const at = now.toISOString();
  const staff = await repo.findStaffByName(deps.db, input.name);
  if (!staff || staff.active !== 1) return unknownName(deps, input, now);
  if (staff.locked_until && staff.locked_until > at) throw lockedFor(secondsUntil(staff.locked_until, now));
  // Counted before the PIN is checked: the count, not the checks, decides how many get checked.
  const provisionalLock = new Date(now.getTime() + MAX_LOCK_SECONDS * 1000).toISOString();
  const attempt = await repo.reserveAttempt(deps.db, staff.id, at, provisionalLock, MAX_ATTEMPTS);
  if (attempt === undefined) {
    const again = await repo.findStaffById(deps.db, staff.id);
    throw again?.locked_until && again.locked_until > at
      ? lockedFor(secondsUntil(again.locked_until, now))
      : new AppError('auth.invalid');
  }
  if (await verifyPin(input.pin, staff.pin_hash)) {
    await repo.clearFailures(deps.db, staff.id);
    await audit(deps.db, staff, { action: 'staff.sign-in', subjectKind: 'staff', subjectId: staff.id }, at);
    return { staff: toStaffView(staff), ...(await openSession(deps, staff, now)) };
  }
  const lockSeconds =
    attempt >= MAX_ATTEMPTS ? Math.min(deps.lockoutSeconds * 2 ** (attempt - MAX_ATTEMPTS), MAX_LOCK_SECONDS) : 0;
  if (lockSeconds > 0)
    await repo.setLock(deps.db, staff.id, attempt, new Date(now.getTime() + lockSeconds * 1000).toISOString());
  await audit(
    deps.db,
    null,
    {
      action: 'staff.sign-in-failed',
      subjectKind: 'staff',
      subjectId: staff.id,
      details: { failedAttempts: attempt, lockedSeconds: lockSeconds },
    },
    at,
  );
  throw lockSeconds > 0 ? lockedFor(lockSeconds) : new AppError('auth.invalid');
}

/**
 * A name with no active account answers as an account would: a PIN checked (against a hash no PIN
 * matches, so it takes as long), `auth.invalid` four times, then `auth.locked` with the same waits.
 */
async function unknownName(deps: StaffDeps, input: SignIn, now: Date): Promise<never> {
  const key = repo.nameKey(input.name);
  const wait = deps.guards.unknownNames.wait(key, now.getTime());
  if (wait > 0) throw lockedFor(wait);
  const lockSeconds = deps.guards.unknownNames.fail(key, now.getTime());
  await verifyPin(input.pin, DUMMY_HASH);
  await audit(
    deps.db,
    null,
    { action: 'staff.sign-in-failed', details: { reason: 'unknown-name' } },
    now.toISOString(),
  );
  throw lockSeconds > 0 ? lockedFor(lockSeconds) : new AppError('auth.invalid');
}

export async function signOut(deps: StaffDeps, token: string, actor: Actor): Promise<void> {
  await repo.deleteSession(deps.db, tokenHash(token));
  await audit(
    deps.db,
    actor,
    { action: 'staff.sign-out', subjectKind: 'staff', subjectId: actor.id },
    deps.now().toISOString(),
  );
}

export async function staffForToken(deps: Pick<StaffDeps, 'db' | 'now'>, token: string): Promise<StaffRow | undefined> {
  return repo.findSessionStaff(deps.db, tokenHash(token), deps.now().toISOString());
}

export async function createStaff(deps: StaffDeps, actor: Actor, input: CreateStaff): Promise<StaffView> {
  const at = deps.now().toISOString();
  assertStrongPin(input.pin);
  const row = await newRow(input, at);
  await deps.db.transaction().execute(async (trx) => {
    if (await repo.findStaffByName(trx, input.name)) throw new AppError('staff.name-taken');
    await repo.insertStaff(trx, row);
    await audit(
      trx,
      actor,
      { action: 'staff.create', subjectKind: 'staff', subjectId: row.id, details: { role: row.role } },
      at,
    );
  });
  return toStaffView(row);
}

export async function deactivateStaff(deps: StaffDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const target = await repo.findStaffById(trx, id);
    if (!target) throw new AppError('staff.not-found');
    // The box always keeps an administrator: without one, nobody could add staff, and setup is closed.
    if (target.role === 'admin' && target.active === 1 && (await repo.lockActiveAdmins(trx)) <= 1)
      throw new AppError('staff.last-admin');
    await repo.deactivate(trx, id);
    await audit(
      trx,
      actor,
      { action: 'staff.deactivate', subjectKind: 'staff', subjectId: id },
      deps.now().toISOString(),
    );
  });
}

import type { StaffRow } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

/** The key a name signs in by: trimmed, NFC, lower case, inner spaces collapsed. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

export function findStaffByName(db: Db, name: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('name_key', '=', nameKey(name)).executeTakeFirst();
}

export function findStaffById(db: Db, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('created_at').execute();
}

export async function insertStaff(db: Db, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

/**
 * Counts one PIN check before the PIN is verified, in one statement, and only while the account is
 * not locked: attempts sent at once each take their own number, and none is checked once the count
 * reaches `maxAttempts`, because the attempt that reaches it locks the account (until
 * `provisionalLock`, shortened by `setLock` once its PIN proved wrong). Undefined when locked.
 */
export async function reserveAttempt(
  db: Db,
  id: string,
  at: string,
  provisionalLock: string,
  maxAttempts: number,
): Promise<number | undefined> {
  const row = await db
    .updateTable('staff')
    .set((eb) => ({
      failed_attempts: eb('failed_attempts', '+', 1),
      locked_until: eb
        .case()
        .when('failed_attempts', '>=', maxAttempts - 1)
        .then(provisionalLock)
        .else(null)
        .end(),
    }))
    .where('id', '=', id)
    .where('active', '=', 1)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row?.failed_attempts;
}

/** The lock that a wrong PIN earned, unless the count moved on since (a right PIN cleared it). */
export async function setLock(db: Db, id: string, failedAttempts: number, lockedUntil: string): Promise<void> {
  await db
    .updateTable('staff')
    .set({ locked_until: lockedUntil })
    .where('id', '=', id)
    .where('failed_attempts', '=', failedAttempts)
    .execute();
}

export async function clearFailures(db: Db, id: string): Promise<void> {
  await db.updateTable('staff').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
}

/** A new PIN from the box's console: unlocked, and every session of the old one ended. */
export async function resetPin(db: Db, id: string, pinHash: string): Promise<void> {
  await db
    .updateTable('staff')
    .set({ pin_hash: pinHash, failed_attempts: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('staff_session').where('staff_id', '=', id).execute();
}

/**
 * The active administrators, their rows written to (to no effect) first: on PostgreSQL this holds
 * them until the transaction ends, so two administrators deactivating each other at once cannot
 * both see the other still active. SQLite runs one writing transaction at a time anyway.
 */
export async function lockActiveAdmins(db: Db): Promise<number> {
  await db
    .updateTable('staff')
    .set((eb) => ({ active: eb.ref('active') }))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .execute();
  const r = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSession(
  db: Db,
  tokenHash: string,
  staffId: string,
  createdAt: string,
  expiresAt: string,
): Promise<void> {
  await db
    .insertInto('staff_session')
    .values({ token_hash: tokenHash, staff_id: staffId, created_at: createdAt, expires_at: expiresAt })
    .execute();
}

/** The active staff member behind a session that has not expired. */
export function findSessionStaff(db: Db, tokenHash: string, now: string): Promise<StaffRow | undefined> {
  return db
    .selectFrom('staff_session')
    .innerJoin('staff', 'staff.id', 'staff_session.staff_id')
    .selectAll('staff')
    .where('staff_session.token_hash', '=', tokenHash)
    .where('staff_session.expires_at', '>', now)
    .where('staff.active', '=', 1)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('token_hash', '=', tokenHash).execute();
}

export async function deactivate(db: Db, id: string): Promise<void> {
  await db.updateTable('staff').set({ active: 0 }).where('id', '=', id).execute();
  await db.deleteFrom('staff_session').where('staff_id', '=', id).execute();
}

/** Whether `staffId` names an active staff member (the facilitator an assisted answer names). */
export async function isActiveStaff(db: Db, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

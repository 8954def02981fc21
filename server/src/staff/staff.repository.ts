import type { Kysely, Transaction } from 'kysely';
import type { Database, StaffRow } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

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

export async function countStaff(db: Db): Promise<number> {
  const r = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function listStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('created_at').execute();
}

export async function insertStaff(db: Db, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function recordFailure(db: Db, id: string, failedAttempts: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('staff').set({ failed_attempts: failedAttempts, locked_until: lockedUntil }).where('id', '=', id).execute();
}

export async function insertSession(db: Db, tokenHash: string, staffId: string, createdAt: string, expiresAt: string): Promise<void> {
  await db.insertInto('staff_session').values({ token_hash: tokenHash, staff_id: staffId, created_at: createdAt, expires_at: expiresAt }).execute();
}

/** The active staff member behind a session that has not expired. */
export function findSessionStaff(db: Db, tokenHash: string, now: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff_session').innerJoin('staff', 'staff.id', 'staff_session.staff_id')
    .selectAll('staff')
    .where('staff_session.token_hash', '=', tokenHash).where('staff_session.expires_at', '>', now).where('staff.active', '=', 1)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_session').where('token_hash', '=', tokenHash).execute();
}

export async function deactivate(db: Db, id: string): Promise<void> {
  await db.updateTable('staff').set({ active: 0 }).where('id', '=', id).execute();
  await db.deleteFrom('staff_session').where('staff_id', '=', id).execute();
}

import type { Transaction } from 'kysely';
import type { Database, PersonRow } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import { prepared, preparedRows } from '../db/prepared.ts';

export interface ConsentRecord {
  purpose: string;
  granted: boolean;
  at: string;
}

// The statements of a registration and of every assessment saved, built and compiled once (db/prepared.ts).
const personById = prepared((db, p: { id: string }) => db.selectFrom('person').selectAll().where('id', '=', p.id));
const insertPersonRow = prepared((db, p: PersonRow) =>
  db
    .insertInto('person')
    .values(p)
    .onConflict((oc) => oc.doNothing()),
);
type ConsentValues = { person_id: string; purpose: string; granted: number; at: string };
const insertConsentRows = preparedRows((db, rows: ConsentValues[]) => db.insertInto('consent').values(rows));

export async function findPersonById(db: Db, id: string): Promise<PersonRow | undefined> {
  return (await personById(db, { id })).rows[0];
}

/** A person's slip is unique as (code, birth year): two people may share a code with different years. */
export function findPersonBySlip(db: Db, code: string, birthYear: number): Promise<PersonRow | undefined> {
  return db
    .selectFrom('person')
    .selectAll()
    .where('code', '=', code)
    .where('birth_year', '=', birthYear)
    .executeTakeFirst();
}

/** Inserts the person unless their id or (code, birth year) is taken already; answers whether it did. */
export async function insertPersonIfFree(trx: Transaction<Database>, row: PersonRow): Promise<boolean> {
  const r = await insertPersonRow(trx, row);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function insertConsents(
  trx: Transaction<Database>,
  personId: string,
  consents: ConsentRecord[],
): Promise<void> {
  await insertConsentRows(
    trx,
    consents.map((c) => ({ person_id: personId, purpose: c.purpose, granted: c.granted ? 1 : 0, at: c.at })),
  );
}

/**
 * The answers given at registration: the first per purpose. A resent registration is compared with
 * these, not with the latest, so a later change at the center does not make a resend a conflict.
 */
export async function registeredConsents(db: Db, personId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consent')
    .select(['purpose', 'granted', 'at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  const first = new Map<string, ConsentRecord>();
  for (const r of rows)
    if (!first.has(r.purpose)) first.set(r.purpose, { purpose: r.purpose, granted: r.granted === 1, at: r.at });
  return [...first.values()];
}

export interface GuardianRecord {
  name: string;
  relation: string;
  assistedBy: string;
  at: string;
}

export async function insertGuardianConsent(
  trx: Transaction<Database>,
  personId: string,
  g: GuardianRecord,
): Promise<void> {
  await trx
    .insertInto('guardian_consent')
    .values({ person_id: personId, guardian_name: g.name, relation: g.relation, assisted_by: g.assistedBy, at: g.at })
    .execute();
}

/** A child's guardian's consent as given at registration (written once, with her registration). */
export async function guardianConsentOf(db: Db, personId: string): Promise<GuardianRecord | undefined> {
  const r = await db
    .selectFrom('guardian_consent')
    .select(['guardian_name', 'relation', 'assisted_by', 'at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .executeTakeFirst();
  return r && { name: r.guardian_name, relation: r.relation, assistedBy: r.assisted_by, at: r.at };
}

/** The latest answer per purpose (the log keeps every answer). */
export async function currentConsents(db: Db, personId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consent')
    .select(['purpose', 'granted', 'at'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
  const latest = new Map<string, ConsentRecord>();
  for (const r of rows) latest.set(r.purpose, { purpose: r.purpose, granted: r.granted === 1, at: r.at });
  return [...latest.values()];
}

/** The person's recognitions as decided above (received through the downward feed), newest first. */
export async function recognitions(
  db: Db,
  personId: string,
): Promise<{ title: string; year: number; decisionNumber: string; signedOn: string }[]> {
  const rows = await db
    .selectFrom('recognition')
    .select(['title', 'year', 'decision_number', 'signed_on'])
    .where('subject_kind', '=', 'person')
    .where('subject_id', '=', personId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({ title: r.title, year: r.year, decisionNumber: r.decision_number, signedOn: r.signed_on }));
}

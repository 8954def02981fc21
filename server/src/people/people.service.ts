import { AppError } from '../../../shared/errors.ts';
import { birthYearRange, isChild, registrationAgeProblem, type AgeRules } from '../../../shared/domain/age.ts';
import { randomPersonCode } from '../../../shared/domain/person-code.ts';
import {
  consentPurposes,
  type ConsentPurpose,
  type GuardianRelation,
  type PersonView,
  type RegisterPerson,
} from '../../../shared/schemas/person.ts';
import type { StaffRole } from '../../../shared/schemas/staff.ts';
import type { PersonUpsertV1 } from '../../../shared/sync/messages.ts';
import { assessmentYearNow } from '../config/assessment-year.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import type { Database, PersonRow } from '../db/schema.ts';
import type { Transaction } from 'kysely';
import { appendChange } from '../outbox/outbox.repository.ts';
import * as repo from './people.repository.ts';
import { bindToken, findToken } from '../villager/villager.repository.ts';

export interface PeopleDeps {
  db: Db;
  config: Pick<KioskConfig, 'settings' | 'center'>;
  now: () => Date;
}

/** What the registration's session brings: the tablet's token and what the slip guard allows. */
export interface RegistrationSession {
  /** SHA-256 of the tablet's token, bound to the new person in the same transaction; null for staff. */
  tokenHash: string | null;
  /** False while the client or the code is under a wait: the box then picks the code itself. */
  keepCode: boolean;
  /** The tablet's code and birth year are someone else's slip: a failed look-up for the guard. */
  onCollision: () => void;
  /** The staff member signed in on the request (assisted mode), if any: a child's facilitator. */
  staff: { id: string; role: StaffRole } | null;
}

/** Who may stand beside a child as she registers: those who run assisted mode. */
const ASSISTING: readonly StaffRole[] = ['facilitator', 'admin'];

/** The configured age rules (kiosk-config/options.ts), as the box applies them and tells the tablet. */
export function ageRules(settings: KioskConfig['settings']): AgeRules {
  return {
    minAge: settings['person.minAge'],
    maxAge: settings['person.maxAge'],
    guardianUnder: settings['person.guardianUnder'],
    minors: settings['person.minors'] === 'off' ? 'off' : 'assisted',
  };
}

/**
 * A person's record for the commune. The phone number stays at the center: the commune has no use
 * for it (it is for the center to reach her), so it is not in the message. Nor is a child's
 * guardian, whose consent is kept here.
 */
export function personMessage(row: PersonRow, revision: number, consents: repo.ConsentRecord[]): PersonUpsertV1 {
  return {
    type: 'PersonUpsertV1',
    id: row.id,
    revision,
    code: row.code,
    name: row.name,
    birthYear: row.birth_year,
    village: row.village,
    consents,
  };
}

/**
 * Registers a person under the tablet's id. A retry with the same id, the same details and the same
 * token is a no-op that answers the stored person; the same id with other details or another token
 * is refused. The tablet's code is kept unless that code with that birth year is someone's slip, so
 * the answer says no more about a code than a look-up with both would (and counts as one).
 *
 * The birth year must give an age within person.minAge..person.maxAge in the assessment year. A
 * child (under person.guardianUnder) is registered only where the center takes children, with a
 * facilitator signed in on this very request (named as `assistedBy`) and her guardian's consent,
 * which is kept here with the facilitator and the time.
 *
 * The same id with other consents (or another guardian) is refused (409 person.consents-differ),
 * not taken as a change of mind. The tablet's outbox sends a registration exactly as it was queued,
 * so a resend never differs from what it first sent and stays a no-op, even after the facilitator
 * has signed out or her consents were changed at the center since (it is compared with the answers
 * given at registration). A different body under a known id is therefore not a retry but a second
 * registration that would silently rewrite her consents: consents change only at the center
 * (POST /api/staff/people/:id/consents), logged with their time and sent up as a new revision, and
 * a refusal sets the item aside on the tablet for the facilitator to see instead of losing it.
 */
export async function registerPerson(
  deps: PeopleDeps,
  id: string,
  input: RegisterPerson,
  session: RegistrationSession,
): Promise<PersonView> {
  if (!input.consents.assessment) throw new AppError('person.consent-required');
  if (!deps.config.center.villages.includes(input.village))
    throw new AppError('person.village-unknown', { village: input.village });
  const year = assessmentYearNow(deps);
  const rules = ageRules(deps.config.settings);
  const problem = registrationAgeProblem(input.birthYear, year, rules, {
    assisted: input.assistedBy !== undefined,
    guardian: input.guardian !== undefined,
  });
  if (problem)
    throw new AppError(problem, { ...birthYearRange(year, rules), year, guardianUnder: rules.guardianUnder });
  const child = isChild(input.birthYear, year, rules);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    if (child) {
      // Her tablet resending what the box already holds needs no facilitator any more; anything new does.
      const existing = await repo.findPersonById(trx, id);
      if (existing) return resent(trx, existing, input, session);
      const beside = session.staff;
      if (!beside || beside.id !== input.assistedBy || !ASSISTING.includes(beside.role)) {
        throw new AppError('person.child-needs-assistance', { guardianUnder: rules.guardianUnder });
      }
    }
    // The insert itself finds a taken id or slip: one statement for a new person, not three.
    const row: PersonRow = {
      id,
      code: (session.keepCode ? input.code : undefined) ?? randomPersonCode(),
      name: input.name,
      birth_year: input.birthYear,
      village: input.village,
      phone: input.phone ?? null,
      revision: 1,
      created_at: at,
      updated_at: at,
    };
    for (let tries = 0; !(await repo.insertPersonIfFree(trx, row)); tries++) {
      const existing = await repo.findPersonById(trx, id);
      if (existing) return resent(trx, existing, input, session);
      if (tries === 0 && row.code === input.code) session.onCollision();
      // Codes are random over a large space: many taken in a row means another constraint refused it.
      if (tries >= 20) throw new Error('person insert refused by a constraint other than id or code');
      row.code = randomPersonCode();
    }
    const consents = consentPurposes.map((purpose: ConsentPurpose) => ({
      purpose,
      granted: input.consents[purpose],
      at,
    }));
    if (session.tokenHash && (await bindToken(trx, session.tokenHash, id, at, false)).person_id !== id)
      throw new AppError('villager.forbidden');
    await repo.insertConsents(trx, id, consents);
    const guardian =
      child && input.guardian && input.assistedBy
        ? { name: input.guardian.name, relation: input.guardian.relation, assistedBy: input.assistedBy, at }
        : undefined;
    if (guardian) await repo.insertGuardianConsent(trx, id, guardian);
    await appendChange(trx, personMessage(row, 1, consents), at);
    return toView(row, consents, [], guardian);
  });
}

/**
 * The same id again: a no-op answering the stored person when it is her own tablet (or staff)
 * sending what it sent before; refused when the details, the token or the consents differ.
 */
async function resent(
  trx: Transaction<Database>,
  existing: PersonRow,
  input: RegisterPerson,
  session: RegistrationSession,
): Promise<PersonView> {
  const same =
    existing.name === input.name &&
    existing.birth_year === input.birthYear &&
    existing.village === input.village &&
    existing.phone === (input.phone ?? null);
  if (!same) throw new AppError('person.id-conflict');
  // Her own tablet retrying: the token it bound; staff: none needed.
  if (session.tokenHash && (await findToken(trx, session.tokenHash))?.person_id !== existing.id)
    throw new AppError('person.id-conflict');
  const given = await repo.registeredConsents(trx, existing.id);
  const guardian = await repo.guardianConsentOf(trx, existing.id);
  const sameConsents = consentPurposes.every((p) => given.find((c) => c.purpose === p)?.granted === input.consents[p]);
  const sameGuardian =
    guardian === undefined
      ? input.guardian === undefined
      : input.guardian !== undefined &&
        input.guardian.name === guardian.name &&
        input.guardian.relation === guardian.relation;
  if (!sameConsents || !sameGuardian) throw new AppError('person.consents-differ');
  return toView(existing, await repo.currentConsents(trx, existing.id), [], guardian);
}

export async function getPerson(db: Db, id: string): Promise<PersonView> {
  const row = await repo.findPersonById(db, id);
  if (!row) throw new AppError('person.not-found');
  return toView(
    row,
    await repo.currentConsents(db, id),
    await repo.recognitions(db, id),
    await repo.guardianConsentOf(db, id),
  );
}

/** A code with the wrong birth year answers exactly like an unknown code, so codes cannot be probed. */
export async function getPersonByCode(db: Db, code: string, birthYear: number): Promise<PersonView> {
  const row = await repo.findPersonBySlip(db, code, birthYear);
  if (!row) throw new AppError('person.not-found');
  return toView(
    row,
    await repo.currentConsents(db, row.id),
    await repo.recognitions(db, row.id),
    await repo.guardianConsentOf(db, row.id),
  );
}

function toView(
  row: PersonRow,
  consents: repo.ConsentRecord[],
  recognitions: PersonView['recognitions'] = [],
  guardian?: repo.GuardianRecord,
): PersonView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    birthYear: row.birth_year,
    village: row.village,
    phone: row.phone,
    revision: row.revision,
    recognitions,
    consents: consents.map((c) => ({ purpose: c.purpose as ConsentPurpose, granted: c.granted, at: c.at })),
    guardian: guardian
      ? { name: guardian.name, relation: guardian.relation as GuardianRelation, at: guardian.at }
      : null,
  };
}

import { AppError } from '../../../shared/errors.ts';
import { randomPersonCode } from '../../../shared/domain/person-code.ts';
import { consentPurposes, type ConsentPurpose, type PersonView, type RegisterPerson } from '../../../shared/schemas/person.ts';
import type { DB } from '../db/database.ts';
import type { PersonRow } from '../db/schema.ts';
import { appendChange } from '../outbox/outbox.repository.ts';
import * as repo from './people.repository.ts';
import { bindToken, findToken } from '../villager/villager.repository.ts';

export interface PeopleDeps {
  db: DB;
  villages: readonly string[];
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
}

/**
 * Registers a person under the tablet's id. A retry with the same id, the same details and the same
 * token is a no-op that answers the stored person; the same id with other details or another token
 * is refused. The tablet's code is kept unless that code with that birth year is someone's slip, so
 * the answer says no more about a code than a look-up with both would (and counts as one).
 */
export async function registerPerson(deps: PeopleDeps, id: string, input: RegisterPerson, session: RegistrationSession): Promise<PersonView> {
  if (!input.consents.assessment) throw new AppError('person.consent-required');
  if (!deps.villages.includes(input.village)) throw new AppError('person.village-unknown', { village: input.village });
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    // The insert itself finds a taken id or slip: one statement for a new person, not three.
    const row: PersonRow = {
      id, code: (session.keepCode ? input.code : undefined) ?? randomPersonCode(), name: input.name, birth_year: input.birthYear, village: input.village,
      phone: input.phone ?? null, revision: 1, created_at: at, updated_at: at,
    };
    for (let tries = 0; !(await repo.insertPersonIfFree(trx, row)); tries++) {
      const existing = await repo.findPersonById(trx, id);
      if (existing) {
        const same = existing.name === input.name && existing.birth_year === input.birthYear
          && existing.village === input.village && existing.phone === (input.phone ?? null);
        if (!same) throw new AppError('person.id-conflict');
        // Her own tablet retrying: the token it bound; staff: none needed.
        if (session.tokenHash && (await findToken(trx, session.tokenHash))?.person_id !== id) throw new AppError('person.id-conflict');
        return toView(existing, await repo.currentConsents(trx, id));
      }
      if (tries === 0 && row.code === input.code) session.onCollision();
      // Codes are random over a large space: many taken in a row means another constraint refused it.
      if (tries >= 20) throw new Error('person insert refused by a constraint other than id or code');
      row.code = randomPersonCode();
    }
    const { code } = row;
    const consents = consentPurposes.map((purpose: ConsentPurpose) => ({ purpose, granted: input.consents[purpose], at }));
    if (session.tokenHash && (await bindToken(trx, session.tokenHash, id, at, false)).person_id !== id) throw new AppError('villager.forbidden');
    await repo.insertConsents(trx, id, consents);
    await appendChange(trx, {
      type: 'PersonUpsertV1', id, revision: 1, code, name: row.name, birthYear: row.birth_year,
      village: row.village, phone: row.phone, consents,
    }, at);
    return toView(row, consents);
  });
}

export async function getPerson(db: DB, id: string): Promise<PersonView> {
  const row = await repo.findPersonById(db, id);
  if (!row) throw new AppError('person.not-found');
  return toView(row, await repo.currentConsents(db, id), await repo.recognitions(db, id));
}

/** A code with the wrong birth year answers exactly like an unknown code, so codes cannot be probed. */
export async function getPersonByCode(db: DB, code: string, birthYear: number): Promise<PersonView> {
  const row = await repo.findPersonBySlip(db, code, birthYear);
  if (!row) throw new AppError('person.not-found');
  return toView(row, await repo.currentConsents(db, row.id), await repo.recognitions(db, row.id));
}

function toView(row: PersonRow, consents: repo.ConsentRecord[], recognitions: PersonView['recognitions'] = []): PersonView {
  return {
    id: row.id, code: row.code, name: row.name, birthYear: row.birth_year, village: row.village,
    phone: row.phone, revision: row.revision, recognitions,
    consents: consents.map((c) => ({ purpose: c.purpose as ConsentPurpose, granted: c.granted, at: c.at })),
  };
}

import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hasActiveAdmin, insertSetupCodeOnce, removeSetupCode, storedSetupCode } from './setup-code.repository.ts';

/** Crockford's base-32 letters: no I, L, O or U, so a code read off a screen is typed right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Eight characters (40 bits) as XXXX-XXXX: with the per-client throttle, far beyond guessing. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a person typed, as the code is stored: upper case, no spaces or dashes, O read as 0, I and L as 1. */
function canonical(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Compares in constant time (equal-length digests), so the answer's timing tells nothing of the code. */
export function setupCodeMatches(given: string | undefined, stored: string | undefined): boolean {
  if (given === undefined || stored === undefined) return false;
  const match = timingSafeEqual(digest(canonical(given)), digest(canonical(stored)));
  return match && canonical(given).length > 0;
}

/**
 * The setup code while no active administrator exists, made on first need and kept until setup (the
 * server, the CLI and a restart all show the same one); null, and no code stored, once one exists.
 */
export async function ensureSetupCode(db: Kysely<Database>, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if (await hasActiveAdmin(trx)) {
      await removeSetupCode(trx);
      return null;
    }
    // Two processes starting at once (the server and the CLI) keep whichever code came first.
    await insertSetupCodeOnce(trx, newSetupCode(), now.toISOString());
    return (await storedSetupCode(trx)) ?? null;
  });
}

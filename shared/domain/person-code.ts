import { personCodeAlphabet } from '../schemas/person.ts';

/**
 * A random 6-character slip code. The tablet makes it, so a villager registered with the box
 * unreachable still leaves with her code; 31^6 ≈ 887 million codes make a clash rare, and the box
 * gives a fresh code when one happens. Rejection sampling keeps every character equally likely.
 */
export function randomPersonCode(
  randomBytes: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
): string {
  const n = personCodeAlphabet.length;
  const limit = 256 - (256 % n);
  let code = '';
  while (code.length < 6) {
    for (const b of randomBytes(12)) {
      if (b < limit && code.length < 6) code += personCodeAlphabet[b % n];
    }
  }
  return code;
}

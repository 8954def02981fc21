/** The browser's random bytes, behind a seam (a test may pass its own). */
export type RandomBytes = (n: number) => Uint8Array;

const browserRandom: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/**
 * A villager session's token: 32 random bytes, base64url (43 characters). Made on the tablet, it
 * proves to the box that the requests come from the session that registered her or found her by
 * code and birth year. `getRandomValues` works on plain HTTP too (unlike `randomUUID`).
 */
export function newVillagerToken(randomBytes: RandomBytes = browserRandom): string {
  const bytes = randomBytes(32);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

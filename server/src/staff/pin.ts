import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost for every PIN hashed on a box: N = 2^14, r = 8 (16 MiB and tens of ms per hash). */
const PRODUCTION_COST = { N: 16384, r: 8, p: 1 } as const;
let params: { N: number; r: number; p: number } = PRODUCTION_COST;
const KEY_LENGTH = 32;

/**
 * For the test suites alone (tests/support/pin-cost.ts, a vitest setup file): PINs hashed from now
 * on in this process cost N = 2^10, so the thousands of accounts the tests make are not most of
 * their time. No server code calls it (tests/build/pin-cost.test.ts); the boxes the browser tests
 * start keep the production cost. A hash carries its own parameters, so verifying is unchanged.
 */
export function lowerPinCostForTests(): void {
  params = { N: 1024, r: 8, p: 1 };
}

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a PIN with scrypt and a random salt: `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a PIN against a stored hash in constant time; the parameters travel with the hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

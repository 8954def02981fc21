import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from './pin.ts';

describe('PIN hashing (scrypt)', () => {
  it('verifies the right PIN and refuses others', async () => {
    const stored = await hashPin('246810');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts each hash, so two staff with one PIN get different hashes', async () => {
    expect(await hashPin('123456')).not.toBe(await hashPin('123456'));
  });

  it.each(['', 'plain', 'md5$abc', 'scrypt$1$2$3$$'])('refuses a malformed stored hash %j', async (stored) => {
    expect(await verifyPin('123456', stored)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { COMMON_PINS, pinWeakness } from './pin-strength.ts';

describe('weak PINs', () => {
  it.each([
    ['000000', 'repeated'],
    ['111111', 'repeated'],
    ['999999', 'repeated'],
    ['123456', 'sequence'],
    ['234567', 'sequence'],
    ['456789', 'sequence'],
    ['012345', 'sequence'],
    ['654321', 'sequence'],
    ['987654', 'sequence'],
    ['543210', 'sequence'],
    // Runs that wrap from 9 to 0 count too: on a number pad they are as easy to guess.
    ['890123', 'sequence'],
    ['789012', 'sequence'],
    ['901234', 'sequence'],
    ['210987', 'sequence'],
    ['109876', 'sequence'],
    ['121212', 'common'],
    ['696969', 'common'],
    ['101010', 'common'],
    ['123123', 'common'],
    ['520520', 'common'],
    ['168168', 'common'],
    ['112233', 'common'],
    ['123321', 'common'],
    ['159753', 'common'],
    ['147258', 'common'],
    ['789456', 'common'],
    ['102030', 'common'],
    ['100000', 'common'],
    ['200000', 'common'],
    ['686868', 'common'],
  ] as const)('refuses %s (%s)', (pin, reason) => {
    expect(pinWeakness(pin)).toBe(reason);
  });

  it.each(['135790', '246801', '112358', '479260', '305718', '860524', '123457', '124578'])('accepts %s', (pin) => {
    expect(pinWeakness(pin)).toBeNull();
  });

  it('lists only six-digit PINs that the rules would not already refuse', () => {
    for (const pin of COMMON_PINS) {
      expect(pin).toMatch(/^\d{6}$/);
      expect(['repeated', 'sequence']).not.toContain(pinWeakness(pin));
    }
  });
});

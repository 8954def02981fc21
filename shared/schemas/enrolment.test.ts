import { describe, expect, it } from 'vitest';
import { inGroups, parseEnrolmentCode, parsePin } from './enrolment.ts';

describe('enrolment codes as the officer reads them out', () => {
  const pin = '3F0AB9CDEZW1H4KT8N2Q5VJ6M';

  it('splits the seven groups into the one-time code and the pinned fingerprint', () => {
    expect(parseEnrolmentCode(`K7M2P-QX9RT-${inGroups(pin)}`)).toEqual({ code: 'K7M2P-QX9RT', pin });
  });

  it('takes the code alone (a hub with a public certificate) with no pin', () => {
    expect(parseEnrolmentCode('k7m2p qx9rt')).toEqual({ code: 'K7M2P-QX9RT', pin: null });
  });

  it('reads lower case, spaces and the letters O, I and L in the fingerprint as Crockford does', () => {
    expect(parseEnrolmentCode('k7m2pqx9rt 3fOab 9cdez wih4k t8n2q 5vj6m')).toEqual({ code: 'K7M2P-QX9RT', pin });
    expect(parsePin('3fOab-9cdez-wLh4k-t8n2q-5vj6m')).toBe(pin);
  });

  it('refuses anything else: a short or long text, a fingerprint with U, a code with 0', () => {
    for (const text of [
      'K7M2P-QX9R',
      `K7M2P-QX9RT-${pin.slice(1)}`,
      `K7M2P-QX9RT-${pin}X`,
      'K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6U',
      'K7M20-QX9RT',
    ]) {
      expect(parseEnrolmentCode(text), text).toBeNull();
    }
    expect(parsePin(pin.slice(2))).toBeNull();
  });
});

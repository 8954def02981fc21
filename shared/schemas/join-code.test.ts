import { describe, expect, it } from 'vitest';
import { addressText, hubOrigin, parseJoinCode } from './enrolment.ts';

describe('join codes as typed, pasted or scanned', () => {
  const check = '3F0AB9CDEZW1H4K';
  const pin = '3F0AB9CDEZW1H4KT8N2Q5VJ6M';

  it('reads the address (https implied), the one-time code and its check', () => {
    expect(parseJoinCode('xa-tan-son.vn:8443 K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K')).toEqual({
      hubUrl: 'https://xa-tan-son.vn:8443',
      code: 'K7M2P-QX9RT',
      pin: null,
      check,
    });
    // Lower case, spaces for dashes, Crockford's O and I in the check, spaces around.
    expect(parseJoinCode('  203.113.5.7  k7m2p qx9rt 3fOab 9cdez wih4k ')).toEqual({
      hubUrl: 'https://203.113.5.7',
      code: 'K7M2P-QX9RT',
      pin: null,
      check,
    });
  });

  it('reads the older forms: seven groups with the plain fingerprint, the code alone, with or without an address', () => {
    expect(parseJoinCode(`K7M2P-QX9RT-${pin}`)).toEqual({ hubUrl: null, code: 'K7M2P-QX9RT', pin, check: null });
    expect(parseJoinCode('https://xa.vn K7M2P-QX9RT')).toEqual({
      hubUrl: 'https://xa.vn',
      code: 'K7M2P-QX9RT',
      pin: null,
      check: null,
    });
    expect(parseJoinCode('http://127.0.0.1:8080 K7M2PQX9RT')?.hubUrl).toBe('http://127.0.0.1:8080');
  });

  it('refuses anything else: a bad address, a short or long check, a code with 0, no code at all', () => {
    for (const text of [
      'xa.vn/duong K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K',
      'user@xa.vn K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K',
      'xa.vn K7M2P-QX9RT-3F0AB-9CDEZ-W1H4',
      'xa.vn K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T',
      'xa.vn K7M20-QX9RT-3F0AB-9CDEZ-W1H4K',
      'xa.vn K7M2P-QX9RT-3F0AB-9CDEZ-W1H4U',
      'xa.vn',
      '',
    ]) {
      expect(parseJoinCode(text), text).toBeNull();
    }
  });

  it('writes an address as the code carries it and reads it back', () => {
    expect(addressText('https://xa.vn')).toBe('xa.vn');
    expect(addressText('https://xa.vn:8443')).toBe('xa.vn:8443');
    expect(addressText('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(hubOrigin('xa.vn:443')).toBe('https://xa.vn');
    expect(hubOrigin('HTTPS://XA.VN:8443/')).toBe('https://xa.vn:8443');
    expect(hubOrigin('xa.vn#x')).toBeNull();
  });
});

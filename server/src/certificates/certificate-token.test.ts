import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { newKeyPair, publicKeyFrom } from '../sync/signing.ts';
import { readCertificate, signCertificate } from './certificate-token.ts';
import { kidOf } from './document-key.ts';

const keys = newKeyPair();
const kid = kidOf(keys.publicKey);
const claims = {
  title: 'gdht',
  year: 2026,
  name: 'Gia đình ông Lò Văn Pằng',
  number: '7/QĐ-UBND',
  signedOn: '2026-12-01',
} as const;
const token = signCertificate(claims, kid, keys.privateKey);

describe('a certificate token', () => {
  it('reads back what was signed, under the key that signed it', () => {
    const read = readCertificate(token);
    expect(read.kid).toBe(kid);
    expect(read.claims).toEqual(claims);
    expect(read.signedBy(publicKeyFrom(keys.publicKey)!)).toBe(true);
    expect(read.signedBy(publicKeyFrom(newKeyPair().publicKey)!)).toBe(false);
    expect(token.length).toBeLessThan(260);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  const payload = (value: unknown) =>
    `${Buffer.from(JSON.stringify(value)).toString('base64url')}.${token.split('.')[1]}`;
  it.each([
    ['empty', ''],
    ['no signature', token.split('.')[0]!],
    ['three parts', `${token}.x`],
    ['not base64url', token.replace(/^./, '+')],
    ['a short signature', `${token.split('.')[0]}.AAAA`],
    ['not JSON', `${Buffer.from('{name').toString('base64url')}.${token.split('.')[1]}`],
    ['another version', payload([2, kid, 'cdht', 2026, 'A', '1/QĐ', '2026-12-01'])],
    ['an unknown title', payload([1, kid, 'abc', 2026, 'A', '1/QĐ', '2026-12-01'])],
    ['a field more', payload([1, kid, 'cdht', 2026, 'A', '1/QĐ', '2026-12-01', 1960])],
    ['a date that is not one', payload([1, kid, 'cdht', 2026, 'A', '1/QĐ', '1/12/2026'])],
    ['too long', `${'A'.repeat(2100)}.${token.split('.')[1]}`],
  ])('refuses %s as certificate.malformed', (_, text) => {
    let error: unknown;
    try {
      readCertificate(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('certificate.malformed');
  });
});

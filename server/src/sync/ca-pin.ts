import { createHash, X509Certificate } from 'node:crypto';
import { PIN_CHARS, pinAlphabet } from '../../../shared/schemas/enrolment.ts';

/**
 * The hub's certificate authority as a center pins it. The CA, not the server certificate, is
 * pinned: the server certificate is made again every ~397 days (and when the addresses change)
 * with the same CA, so a pin on the CA survives its renewal.
 */

/** The first 125 bits of the SHA-256 of a certificate's DER, in Crockford's base32 (25 characters). */
export function certificatePin(der: Uint8Array): string {
  const digest = createHash('sha256').update(der).digest();
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < PIN_CHARS) {
      out += pinAlphabet[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const pinOfPem = (pem: string) => certificatePin(new X509Certificate(pem).raw);

import { createHash, createHmac, X509Certificate } from 'node:crypto';
import { CHECK_CHARS, PIN_CHARS, pinAlphabet } from '../../../shared/schemas/enrolment.ts';

/**
 * The hub's certificate authority as a center pins it. The CA, not the server certificate, is
 * pinned: the server certificate is made again every ~397 days (and when the addresses change)
 * with the same CA, so a pin on the CA survives its renewal.
 */

/** The first `chars` × 5 bits of a digest in Crockford's base32. */
function base32(digest: Uint8Array, chars: number): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += pinAlphabet[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The first 125 bits of the SHA-256 of a certificate's DER, in Crockford's base32 (25 characters). */
export function certificatePin(der: Uint8Array): string {
  return base32(createHash('sha256').update(der).digest(), PIN_CHARS);
}

/**
 * The check of a join code: the first 75 bits of HMAC-SHA256 keyed by the one-time code (ten
 * characters, dashes and case ignored) over the CA's DER (15 characters). Someone without the code
 * cannot make it for another CA; someone with it would need about 2^75 tries to make a CA that
 * matches, while the code lives for hours (docs/SECURITY.md).
 */
export function codeCheck(code: string, der: Uint8Array): string {
  const key = code.replace(/[\s-]/g, '').toUpperCase();
  return base32(createHmac('sha256', key).update(der).digest(), CHECK_CHARS);
}

export const pinOfPem = (pem: string) => certificatePin(new X509Certificate(pem).raw);

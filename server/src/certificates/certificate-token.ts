import { sign, verify, type KeyObject } from 'node:crypto';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { CertificatePayloadV1Schema, type CertificateClaims } from '../../../shared/schemas/certificate.ts';

/**
 * The compact signed payload a certificate's QR code carries (issue 25): the JSON array of
 * CertificatePayloadV1Schema in base64url, a dot, and the Ed25519 signature of those exact bytes
 * (after a context line, so the signature can stand for nothing else) in base64url. About 200
 * characters for a long Vietnamese name: a QR code of version 10 or so, easily read on A5.
 */

const CONTEXT = Buffer.from('kiosk-certificate/1\n');
/** Longer than any payload this version writes (a name of 300 characters), shorter than abuse. */
const MAX_TOKEN = 2000;
const B64URL = /^[A-Za-z0-9_-]+$/;

const signedBytes = (payload: Buffer): Buffer => Buffer.concat([CONTEXT, payload]);

/** The token of a certificate, signed with the hub's key `kid`. */
export function signCertificate(claims: CertificateClaims, kid: string, privateKeyPem: string): string {
  const payload = Buffer.from(
    JSON.stringify([1, kid, claims.title, claims.year, claims.name, claims.number, claims.signedOn]),
  );
  const signature = sign(null, signedBytes(payload), privateKeyPem);
  return `${payload.toString('base64url')}.${signature.toString('base64url')}`;
}

export interface ReadToken {
  kid: string;
  claims: CertificateClaims;
  /** Checks the signature with this key. */
  signedBy(key: KeyObject): boolean;
}

/** A token read back; anything that is not one of ours is `certificate.malformed`. */
export function readCertificate(token: string): ReadToken {
  const malformed = () => new AppError('certificate.malformed');
  const parts = token.split('.');
  if (token.length > MAX_TOKEN || parts.length !== 2 || !parts.every((p) => B64URL.test(p))) throw malformed();
  const payload = Buffer.from(parts[0]!, 'base64url');
  const signature = Buffer.from(parts[1]!, 'base64url');
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    throw malformed();
  }
  const parsed = v.safeParse(CertificatePayloadV1Schema, json);
  if (!parsed.success || signature.length !== 64) throw malformed();
  const [, kid, title, year, name, number, signedOn] = parsed.output;
  return {
    kid,
    claims: { title, year, name, number, signedOn },
    signedBy: (key) => {
      try {
        return verify(null, signedBytes(payload), key, signature);
      } catch {
        return false;
      }
    },
  };
}

import { AppError } from '../../../shared/errors.ts';
import type { CertificateClaims } from '../../../shared/schemas/certificate.ts';
import type { Db } from '../db/database.ts';
import { publicKeyFrom } from '../sync/signing.ts';
import { readCertificate } from './certificate-token.ts';
import * as repo from './document-key.repository.ts';

/**
 * Checks a certificate's token on this box alone, with no network: the key it names must be one
 * this box holds (a hub's own, or its hub's received at enrolment or in the feed) and its signature
 * must match the payload's exact bytes. Refused with a stable code: `certificate.malformed` (not a
 * token), `certificate.no-key` (this box holds no key yet), `certificate.unknown-key` (signed with
 * another key), `certificate.signature-invalid` (anything in it changed, or a forged signature).
 */
export async function verifyCertificate(db: Db, token: string): Promise<CertificateClaims> {
  const read = readCertificate(token);
  const row = await repo.keyById(db, read.kid);
  if (!row) throw new AppError((await repo.anyKey(db)) ? 'certificate.unknown-key' : 'certificate.no-key');
  const key = publicKeyFrom(row.public_key);
  if (!key || !read.signedBy(key)) throw new AppError('certificate.signature-invalid');
  return read.claims;
}

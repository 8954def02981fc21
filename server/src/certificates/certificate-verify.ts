import { AppError } from '../../../shared/errors.ts';
import type { CertificateClaims } from '../../../shared/schemas/certificate.ts';
import type { Db } from '../db/database.ts';
import { publicKeyFrom } from '../sync/signing.ts';
import { readCertificate } from './certificate-token.ts';
import * as decisions from './decision-standing.repository.ts';
import * as repo from './document-key.repository.ts';

/**
 * Checks a certificate's token on this box alone, with no network: the key it names must be one
 * this box holds (a hub's own, or its hub's received at enrolment or in the feed) and its signature
 * must match the payload's exact bytes. Refused with a stable code: `certificate.malformed` (not a
 * token), `certificate.no-key` (this box holds no key yet), `certificate.unknown-key` (signed with
 * another key), `certificate.signature-invalid` (anything in it changed, or a forged signature),
 * `certificate.withdrawn` (genuine, but the commune has withdrawn the decision it names, as this box
 * knows it: a hub its own decisions, a center those the feed brought, i.e. its own people's).
 */
export async function verifyCertificate(db: Db, token: string): Promise<CertificateClaims> {
  const read = readCertificate(token);
  const row = await repo.keyById(db, read.kid);
  if (!row) throw new AppError((await repo.anyKey(db)) ? 'certificate.unknown-key' : 'certificate.no-key');
  const key = publicKeyFrom(row.public_key);
  if (!key || !read.signedBy(key)) throw new AppError('certificate.signature-invalid');
  if (await withdrawn(db, read.claims)) throw new AppError('certificate.withdrawn', { number: read.claims.number });
  return read.claims;
}

/** Every decision of that title, year and number this box knows is withdrawn (none known: it stands, as signed). */
async function withdrawn(db: Db, c: CertificateClaims): Promise<boolean> {
  const own = await decisions.ownDecisions(db, c.title, c.year, c.number);
  if (own.length > 0) return own.every((d) => d.revoked_reason !== null);
  const sent = (await decisions.decisionsFromFeed(db))
    .map((p) => JSON.parse(p) as { title?: string; year?: number; number?: string; revokedReason?: string | null })
    .filter((d) => d.title === c.title && d.year === c.year && d.number === c.number);
  return sent.length > 0 && sent.every((d) => d.revokedReason != null);
}

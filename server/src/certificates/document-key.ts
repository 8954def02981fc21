import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { DocumentKeySchema, type DocumentKey } from '../../../shared/schemas/certificate.ts';
import { DocumentKeyV1Schema, type DocumentKeyV1 } from '../../../shared/sync/feed-messages.ts';
import type { Db } from '../db/database.ts';
import { newKeyPair, publicKeyFrom } from '../sync/signing.ts';
import * as repo from './document-key.repository.ts';

/**
 * A hub's document key (issue 25): an Ed25519 key that signs the certificates the hub prints, apart
 * from its TLS certificate (so a hub behind a public certificate, or with TLS off, has one too) and
 * from a node's sync key. Made once, the first time the hub needs it (an enrolment, a feed page, a
 * print), and kept in the database like a box's sync key: a backup carries it, so certificates
 * printed before a restore still verify. Its public half goes down to the nodes below at enrolment
 * and in the feed; a node keeps every key it received and checks certificates with them offline.
 */

/** A key's id: the first 8 bytes of the SHA-256 of its SPKI DER, base64url (11 characters). */
export const kidOf = (publicKey: string): string =>
  createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest().subarray(0, 8).toString('base64url');

export interface OwnKey extends DocumentKey {
  privateKey: string;
}

/** This hub's document key, made now if it has none; two callers at once get the same one. */
export async function ensureOwnKey(db: Db, at: string): Promise<OwnKey> {
  let row = await repo.ownKey(db);
  if (!row) {
    const pair = newKeyPair();
    const kid = kidOf(pair.publicKey);
    await repo.insertKey(db, {
      key_id: kid,
      public_key: pair.publicKey,
      private_key: pair.privateKey,
      own: 1,
      created_at: at,
    });
    row = await repo.ownKey(db);
  }
  if (!row?.private_key) throw new Error('the document key could not be kept');
  return { kid: row.key_id, publicKey: row.public_key, privateKey: row.private_key };
}

/** The public half of this hub's key, as enrolment and the feed send it down. */
export async function ownPublicKey(db: Db, at: string): Promise<DocumentKey> {
  const { kid, publicKey } = await ensureOwnKey(db, at);
  return { kid, publicKey };
}

/**
 * Keeps a key received from the hub above, if it is an Ed25519 key and its id is its own; anything
 * else is not kept (the feed keeps the message as it came). A key already held stays as it is.
 */
export async function keepKeyFromAbove(db: Db, received: unknown, at: string): Promise<boolean> {
  const parsed = v.safeParse(DocumentKeySchema, received);
  if (!parsed.success) return false;
  const { kid, publicKey } = parsed.output;
  if (!publicKeyFrom(publicKey) || kidOf(publicKey) !== kid) return false;
  await repo.insertKey(db, { key_id: kid, public_key: publicKey, private_key: null, own: null, created_at: at });
  return true;
}

/** A `DocumentKeyV1` feed message, kept by the node that reads it. */
export async function keepKeyFromFeed(db: Db, message: unknown, at: string): Promise<boolean> {
  const parsed = v.safeParse(DocumentKeyV1Schema, message);
  if (!parsed.success) return false;
  return keepKeyFromAbove(db, { kid: parsed.output.id, publicKey: parsed.output.publicKey }, at);
}

/** The hubs whose feed is known to carry their key, by database (one hub per process; tests run several). */
const published = new WeakSet<Db>();

/**
 * Puts this hub's key into its feed for every node below, once (read before each feed page, as the
 * criteria sets are), so centers enrolled before this version get it too.
 */
export async function publishDocumentKey(db: Db, at: string): Promise<void> {
  if (published.has(db)) return;
  const key = await ownPublicKey(db, at);
  await db.transaction().execute(async (trx) => {
    if (await repo.keyInFeed(trx, key.kid)) return;
    const message: DocumentKeyV1 = { type: 'DocumentKeyV1', id: key.kid, revision: 1, publicKey: key.publicKey };
    await repo.appendKeyToFeed(trx, key.kid, JSON.stringify(message), at);
  });
  published.add(db);
}

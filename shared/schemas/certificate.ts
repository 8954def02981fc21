import * as v from 'valibot';
import { decisionTitles } from './decision.ts';

/**
 * A certificate (giấy công nhận) as its QR code carries it, signed with the hub's document key:
 * only what a reader needs to see that the paper says what the commune decided (the recognized
 * name, the year and title, the decision's number and date) and which key signed it. Nothing else
 * about the person (no birth year, no village, no id): the personal-data law asks for the minimum,
 * and a QR code can be read by anyone who sees the paper.
 */

/** A hub's document key: its id (the first 8 bytes of the SHA-256 of the key, base64url) and the Ed25519 public key (SPKI DER, base64). */
export const DocumentKeySchema = v.object({
  kid: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{11}$/)),
  publicKey: v.pipe(v.string(), v.minLength(40), v.maxLength(200)),
});
export type DocumentKey = v.InferOutput<typeof DocumentKeySchema>;

/** The signed payload, version 1: [1, key id, title, year, name, decision number, decision date]. */
export const CertificatePayloadV1Schema = v.strictTuple([
  v.literal(1),
  DocumentKeySchema.entries.kid,
  v.picklist(decisionTitles),
  v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  v.pipe(v.string(), v.isoDate()),
]);

/** What a certificate certifies. */
export interface CertificateClaims {
  title: (typeof decisionTitles)[number];
  year: number;
  /** The person's name, or the household's, clan's, village's or unit's. */
  name: string;
  /** The decision's number ("15/QĐ-UBND") and the day it was signed (YYYY-MM-DD). */
  number: string;
  signedOn: string;
}

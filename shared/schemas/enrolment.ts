import * as v from 'valibot';
import { personCodeAlphabet } from './person.ts';

/**
 * What a commune officer gives a center to enrol, read out over the phone, typed, or scanned from
 * its QR code. A hub with its own certificate authority (the usual box) gives seven groups of five:
 * the one-time code, then the first 125 bits of the SHA-256 of its CA certificate (DER), which the
 * center pins: `K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M`. A hub behind a publicly trusted
 * certificate (`hub.certificate=public`) gives the code alone: `K7M2P-QX9RT`. The fingerprint by
 * itself (the last five groups) is what a center types to re-pin when the hub's CA was replaced.
 */

/** Crockford's base32: no I, L, O or U, so what is read out is typed back the same. */
export const pinAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 10;
export const PIN_CHARS = 25;

/** Groups of five joined by dashes, as shown and read out. */
export const inGroups = (text: string) => text.replace(/(.{5})(?=.)/g, '$1-');

/** Crockford's reading of what was typed: case, spaces and dashes ignored, O as 0, I and L as 1. */
function squeeze(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}
function pinFrom(raw: string): string | null {
  const pin = raw.replace(/O/g, '0').replace(/[IL]/g, '1');
  return pin.length === PIN_CHARS && [...pin].every((ch) => pinAlphabet.includes(ch)) ? pin : null;
}

/** A fingerprint as typed, in canonical form (25 characters, no dashes), or null. */
export function parsePin(text: string): string | null {
  return pinFrom(squeeze(text));
}

/** The one-time code (XXXXX-XXXXX, what the hub checks) and the pin when the officer's text carries one; null when it is neither form. */
export function parseEnrolmentCode(text: string): { code: string; pin: string | null } | null {
  const raw = squeeze(text);
  const code = raw.slice(0, CODE_CHARS);
  if (code.length < CODE_CHARS || ![...code].every((ch) => personCodeAlphabet.includes(ch))) return null;
  const formatted = inGroups(code);
  if (raw.length === CODE_CHARS) return { code: formatted, pin: null };
  const pin = pinFrom(raw.slice(CODE_CHARS));
  return pin ? { code: formatted, pin } : null;
}

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/** The center's administrator enrols: the hub's address and the officer's code (with its fingerprint when it has one). */
export const EnrolBodySchema = v.strictObject({
  hubUrl: v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//)),
  code: Text(80),
});

/** The administrator re-pins: the new fingerprint from the commune (five groups of five). */
export const RepinBodySchema = v.strictObject({ fingerprint: Text(60) });

/** What the officer's screen shows: the text to give the center, and the hub's fingerprint alone (null with a public certificate). */
export const EnrolmentIssuedSchema = v.object({
  code: v.string(),
  expiresAt: v.string(),
  fingerprint: v.nullable(v.string()),
});
export type EnrolmentIssued = v.InferOutput<typeof EnrolmentIssuedSchema>;

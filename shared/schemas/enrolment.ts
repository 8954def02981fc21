import * as v from 'valibot';
import { personCodeAlphabet } from './person.ts';

/**
 * What a commune officer gives a center to enrol, read out over the phone, typed, or scanned from
 * its QR code: the join code (parseJoinCode below), the hub's address and five groups. The older
 * form, still read: seven groups of five, the one-time code then the first 125 bits of the SHA-256
 * of the hub's CA certificate (DER), which the center pins,
 * `K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K-T8N2Q-5VJ6M`, with the address typed beside it. A hub behind a
 * publicly trusted certificate (`hub.certificate=public`) gives the code alone: `K7M2P-QX9RT`. The
 * fingerprint by itself (five groups) is what a center types to re-pin when the hub's CA was replaced.
 */

/** Crockford's base32: no I, L, O or U, so what is read out is typed back the same. */
export const pinAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 10;
export const PIN_CHARS = 25;
/** The check of a join code: 75 bits of an HMAC of the hub's CA keyed by the one-time code (server/src/sync/ca-pin.ts). */
export const CHECK_CHARS = 15;

/** Groups of five joined by dashes, as shown and read out. */
export const inGroups = (text: string) => text.replace(/(.{5})(?=.)/g, '$1-');

/** Crockford's reading of what was typed: case, spaces and dashes ignored, O as 0, I and L as 1. */
function squeeze(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}
function pinFrom(raw: string, length = PIN_CHARS): string | null {
  const pin = raw.replace(/O/g, '0').replace(/[IL]/g, '1');
  return pin.length === length && [...pin].every((ch) => pinAlphabet.includes(ch)) ? pin : null;
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

/**
 * The join code the officer's screen shows (and its QR code carries): the hub's address, then five
 * groups, the one-time code and its check of the hub's CA, `xa-tan-son.vn:8443 K7M2P-QX9RT-3F0AB-9CDEZ-W1H4K`.
 * The address is `host[:port]` with HTTPS implied (no port for 443); plain HTTP is written out
 * (`http://127.0.0.1:8080`, for this machine only). A hub with a public certificate gives the code
 * alone after the address. Also read: the older seven groups (code and plain fingerprint), with or
 * without an address; with none, the center's screen asks for it.
 */
export interface JoinCode {
  /** The hub's origin (`https://host:port`), or null when the text gives none. */
  hubUrl: string | null;
  code: string;
  pin: string | null;
  check: string | null;
}

/** An address as written in a join code (`host[:port]`, https implied, or a full http(s) origin) as an origin; null if it is not one. */
export function hubOrigin(text: string): string | null {
  const written = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash || !/^\/?$/.test(url.pathname)) return null;
  return url.origin === 'null' ? null : url.origin;
}

/** The address as the code writes it: `host[:port]` for HTTPS, the origin for plain HTTP. */
export const addressText = (origin: string) => (origin.startsWith('https://') ? new URL(origin).host : origin);

/** Reads a join code as typed, pasted or scanned; null when it is none of its forms. */
export function parseJoinCode(text: string): JoinCode | null {
  const trimmed = text.trim();
  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  // The groups never hold a dot, a colon or a slash: a first word with one is the address.
  const hasAddress = /[.:/]/.test(first) || /^localhost$/i.test(first);
  const hubUrl = hasAddress ? hubOrigin(first) : null;
  if (hasAddress && !hubUrl) return null;
  const rest = hasAddress ? trimmed.slice(first.length) : trimmed;
  const raw = squeeze(rest);
  if (raw.length === CODE_CHARS + CHECK_CHARS) {
    const code = raw.slice(0, CODE_CHARS);
    const check = pinFrom(raw.slice(CODE_CHARS), CHECK_CHARS);
    if (!check || ![...code].every((ch) => personCodeAlphabet.includes(ch))) return null;
    return { hubUrl, code: inGroups(code), pin: null, check };
  }
  const parsed = parseEnrolmentCode(rest);
  return parsed ? { hubUrl, ...parsed, check: null } : null;
}

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));

/** The center's administrator enrols: the officer's join code, and the hub's address only when the code carries none. */
export const EnrolBodySchema = v.strictObject({
  hubUrl: v.optional(v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//))),
  code: Text(300),
});

/** The administrator re-pins: the new fingerprint from the commune (five groups of five). */
export const RepinBodySchema = v.strictObject({ fingerprint: Text(60) });

/**
 * What the officer's screen shows: the join code to give the center (`joinCode`, with the hub's
 * address) and its QR code (an SVG drawn by the hub); `code`, the code with the plain fingerprint
 * and no address, for a center typing the address itself; the hub's fingerprint alone (null with a
 * public certificate).
 */
export const EnrolmentIssuedSchema = v.object({
  code: v.string(),
  joinCode: v.string(),
  qrSvg: v.string(),
  expiresAt: v.string(),
  fingerprint: v.nullable(v.string()),
});
export type EnrolmentIssued = v.InferOutput<typeof EnrolmentIssuedSchema>;

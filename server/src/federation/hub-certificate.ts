import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { inGroups, PIN_CHARS, pinAlphabet } from '../../../shared/schemas/enrolment.ts';
import type { KioskConfig } from '../config/load.ts';
import { isCertificateError, type HubFetch, type HubTls } from './pinned-fetch.ts';

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

/** The hub's own CA (PEM) when its centers pin it: HTTPS on and `hub.certificate=own`; null otherwise. */
export function ownHubCa(config: KioskConfig): string | null {
  const s = config.settings;
  if (s.role !== 'hub' || s['hub.certificate'] !== 'own' || s['tls.mode'] !== 'on') return null;
  const path = join(resolve(s['data.dir']), 'tls', 'ca.crt');
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** The fingerprint the officer gives with each code (XXXXX-… in five groups), or null. */
export function hubFingerprint(config: KioskConfig): string | null {
  const ca = ownHubCa(config);
  return ca ? inGroups(pinOfPem(ca)) : null;
}

/** This machine by name or address (127.0.0.0/8, ::1, localhost): plain HTTP there never crosses a network. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Plain HTTP only to this machine, unless `sync.allowInsecureHttp` says otherwise. */
export function checkHubUrl(hubUrl: string, allowInsecureHttp: boolean): void {
  if (hubUrl.startsWith('http:') && !isLoopbackUrl(hubUrl) && !allowInsecureHttp) throw new AppError('sync.insecure-hub');
}

/** A CA certificate is a few hundred bytes: a server sending more is not a hub. */
const MAX_CA_BYTES = 64 * 1024;

async function readCapped(res: Response): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    size += part.value.length;
    if (size > MAX_CA_BYTES) {
      await reader!.cancel();
      return null;
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Fetches the hub's CA certificate (over a connection not yet verified: what it brings is checked
 * here) and answers its PEM only when it is a CA whose pin is `pin`; else `sync.tls-pin-mismatch`,
 * and the caller stores nothing.
 */
export async function fetchPinnedCa(fetchHub: HubFetch, base: string, pin: string): Promise<string> {
  let res: Response;
  try {
    res = await fetchHub(`${base}/api/hub/ca.crt`, { method: 'GET', signal: AbortSignal.timeout(15_000) }, { unverified: true });
  } catch {
    throw new AppError('sync.unreachable');
  }
  const pem = res.ok ? await readCapped(res).catch(() => null) : null;
  let ca: X509Certificate | null = null;
  try {
    ca = pem ? new X509Certificate(pem) : null;
  } catch {
    ca = null;
  }
  if (!ca || !ca.ca || certificatePin(ca.raw) !== pin) throw new AppError('sync.tls-pin-mismatch', { reason: ca ? 'fingerprint' : 'no-ca-certificate' });
  return ca.toString();
}

/** The TLS context of requests to the hub: its pinned CA alone, or the system's roots. */
export const tlsFor = (ca: string | null | undefined): HubTls => (ca ? { ca } : {});

/** What a failed request to the hub means for the administrator. */
export const transportError = (error: unknown) => (isCertificateError(error) ? 'sync.tls-pin-mismatch' : 'sync.unreachable');

import { X509Certificate } from 'node:crypto';
import { AppError } from '../../../shared/errors.ts';
import { certificatePin } from '../sync/ca-pin.ts';
import { isCertificateError, type HubFetch } from '../sync/pinned-fetch.ts';

/** This machine by name or address (127.0.0.0/8, ::1, localhost): plain HTTP there never crosses a network. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Plain HTTP only to this machine, unless `sync.allowInsecureHttp` says otherwise. */
export function checkHubUrl(hubUrl: string, allowInsecureHttp: boolean): void {
  if (hubUrl.startsWith('http:') && !isLoopbackUrl(hubUrl) && !allowInsecureHttp)
    throw new AppError('sync.insecure-hub');
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
 * here) and answers its PEM only when it is a CA whose pin is `pin` (or, for a join code, whose
 * DER `pin` accepts: its keyed check); else `sync.tls-pin-mismatch`, and the caller stores nothing.
 */
export async function fetchPinnedCa(
  fetchHub: HubFetch,
  base: string,
  pin: string | ((der: Buffer) => boolean),
): Promise<string> {
  let res: Response;
  try {
    res = await fetchHub(
      `${base}/api/hub/ca.crt`,
      { method: 'GET', signal: AbortSignal.timeout(15_000) },
      { unverified: true },
    );
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
  const matches = typeof pin === 'string' ? (der: Buffer) => certificatePin(der) === pin : pin;
  if (!ca || !ca.ca || !matches(ca.raw))
    throw new AppError('sync.tls-pin-mismatch', { reason: ca ? 'fingerprint' : 'no-ca-certificate' });
  return ca.toString();
}

/** What a failed request to the hub means for the administrator. */
export const transportError = (error: unknown) =>
  isCertificateError(error) ? 'sync.tls-pin-mismatch' : 'sync.unreachable';

import type * as X509 from '@peculiar/x509';
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The box's own certificate authority and its server certificate, so tablets reach it over HTTPS on
 * the LAN (a service worker, and so offline use, needs a secure context). The CA is made once, on
 * first start, and installed on each tablet once from the provisioning page; the server certificate
 * names the box's host name and LAN addresses and is made again before it expires or when the
 * addresses change. ECDSA P-256 keys through WebCrypto; @peculiar/x509 writes the certificates.
 */

let x509Module: Promise<typeof X509> | null = null;
/**
 * @peculiar/x509 (and the reflect-metadata it needs), loaded the first time a certificate is made:
 * about 600 KB of code a box needs on its first start and once a year, not in memory all the time.
 */
const loadX509 = (): Promise<typeof X509> =>
  (x509Module ??= (async () => {
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto as typeof crypto);
    return x509;
  })());
/** WebCrypto's key as @peculiar/x509 types it: the DOM's where the DOM lib is loaded (tests), else Node's. */
type Key = InstanceType<typeof CryptoKey>;
type KeyPair = { publicKey: Key; privateKey: Key };

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** The CA outlives the box; the server certificate is short, like a public one, and renewed. */
const CA_DAYS = 20 * 365;
const SERVER_DAYS = 397;
/** A server certificate this close to its end is made again at the next check. */
export const RENEW_BEFORE_DAYS = 30;

export interface TlsFiles {
  /** PEM of the server certificate followed by the CA's (the chain the HTTPS server sends). */
  chain: string;
  key: string;
  caCert: string;
  serverCert: string;
}

export interface CertificateNames {
  /** The host name tablets use (e.g. hoctap.lan). */
  hostName: string;
  /** LAN addresses the box answers on (IPv4/IPv6). */
  addresses: string[];
  /** Shown as the CA's name on the tablet ("Trung tâm học tập cộng đồng xã …"). */
  centerName: string;
}

const paths = (dir: string) => ({
  caCert: join(dir, 'ca.crt'),
  caKey: join(dir, 'ca.key'),
  serverCert: join(dir, 'server.crt'),
  serverKey: join(dir, 'server.key'),
});

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function derOf(pemText: string): Buffer {
  return Buffer.from(pemText.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** Written whole or not at all (temp file, then rename); keys readable by the kiosk's user only. */
function writeAtomic(path: string, text: string, secret = false): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: secret ? 0o600 : 0o644, flush: true });
  if (secret) chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

async function newKeys(): Promise<KeyPair> {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<KeyPair>;
}

async function importPrivateKey(pemText: string): Promise<Key> {
  return webcrypto.subtle.importKey('pkcs8', derOf(pemText), ALGORITHM, true, ['sign']) as Promise<Key>;
}

/** The base64 SHA-256 of a certificate's SubjectPublicKeyInfo: the pin Chromium's `--ignore-certificate-errors-spki-list` takes. */
export function spkiPin(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** The SHA-256 fingerprint of a certificate as people compare it ("AB:CD:…"). */
export function fingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Why the server certificate must be made again, or null while it is good. */
export function renewalReason(serverCertPem: string, names: CertificateNames, now: Date): string | null {
  const cert = new X509Certificate(serverCertPem);
  if (Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_DAYS * DAY) return 'expiring';
  const san = cert.subjectAltName ?? '';
  const named = [`DNS:${names.hostName}`, ...names.addresses.map((a) => `IP Address:${a}`)];
  if (named.some((n) => !san.split(', ').includes(n))) return 'names-changed';
  return null;
}

async function makeCa(centerName: string, now: Date): Promise<{ cert: string; key: string }> {
  const x509 = await loadX509();
  const keys = await newKeys();
  const name = `CN=${safe(`Hoc tap kiosk CA - ${centerName}`)}, O=${safe(centerName)}`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    cert: `${cert.toString('pem').trim()}\n`,
    key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

async function makeServer(
  ca: { cert: string; key: string },
  names: CertificateNames,
  now: Date,
): Promise<{ cert: string; key: string }> {
  const x509 = await loadX509();
  const keys = await newKeys();
  const caCert = new x509.X509Certificate(ca.cert);
  const dnsNames = [...new Set([names.hostName, 'localhost'])];
  const ips = [...new Set([...names.addresses, '127.0.0.1'])];
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${safe(names.hostName)}`,
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(ca.key),
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + SERVER_DAYS * DAY),
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return {
    cert: `${cert.toString('pem').trim()}\n`,
    key: pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
  };
}

/** A distinguished-name value without the characters that would need escaping (names are ASCII-folded). */
function safe(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9 .\-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The box's certificates in `dir` (the data folder's `tls/`): the CA made on first start and kept;
 * the server certificate made again when missing, expiring within RENEW_BEFORE_DAYS, or not naming
 * the current host name and addresses. Answers what the HTTPS server needs and whether it changed.
 */
export async function ensureCertificates(
  dir: string,
  names: CertificateNames,
  now = new Date(),
): Promise<TlsFiles & { renewed: string | null }> {
  mkdirSync(dir, { recursive: true });
  const p = paths(dir);
  let renewed: string | null = null;
  if (!existsSync(p.caCert) || !existsSync(p.caKey)) {
    const ca = await makeCa(names.centerName, now);
    writeAtomic(p.caKey, ca.key, true);
    writeAtomic(p.caCert, ca.cert);
    renewed = 'new-ca';
  }
  const ca = { cert: readFileSync(p.caCert, 'utf8'), key: readFileSync(p.caKey, 'utf8') };
  const current =
    existsSync(p.serverCert) && existsSync(p.serverKey) && !renewed ? readFileSync(p.serverCert, 'utf8') : null;
  const reason = current === null ? (renewed ?? 'missing') : renewalReason(current, names, now);
  if (reason !== null) {
    const server = await makeServer(ca, names, now);
    writeAtomic(p.serverKey, server.key, true);
    writeAtomic(p.serverCert, server.cert);
    renewed = reason;
  }
  const serverCert = readFileSync(p.serverCert, 'utf8');
  return { chain: serverCert + ca.cert, key: readFileSync(p.serverKey, 'utf8'), caCert: ca.cert, serverCert, renewed };
}

/** When the server certificate in `dir` ends, or null when there is none. */
export function serverCertificateEnd(dir: string): Date | null {
  const path = paths(dir).serverCert;
  return existsSync(path) ? new Date(new X509Certificate(readFileSync(path, 'utf8')).validTo) : null;
}

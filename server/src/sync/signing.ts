import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { syncHeaders } from '../../../shared/sync/protocol.ts';

/** What is signed: method, path (with query), timestamp, nonce and the SHA-256 of the body as sent. */
export function canonical(method: string, path: string, time: string, nonce: string, body: Uint8Array): string {
  const digest = createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), path, time, nonce, digest].join('\n');
}

export interface KeyPair {
  /** SPKI DER, base64: what the hub stores. */
  publicKey: string;
  /** PKCS#8 PEM: stays on the box. */
  privateKey: string;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Headers for a signed request from `nodeId`. */
export function signRequest(
  nodeId: string,
  privateKeyPem: string,
  method: string,
  path: string,
  body: Uint8Array,
  now = new Date(),
): Record<string, string> {
  const time = String(now.getTime());
  const nonce = randomBytes(16).toString('base64url');
  const signature = sign(null, Buffer.from(canonical(method, path, time, nonce, body)), privateKeyPem).toString(
    'base64',
  );
  return {
    [syncHeaders.node]: nodeId,
    [syncHeaders.time]: time,
    [syncHeaders.nonce]: nonce,
    [syncHeaders.signature]: signature,
  };
}

export function publicKeyFrom(spkiBase64: string): KeyObject | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export function verifySignature(publicKey: KeyObject, signatureBase64: string, text: string): boolean {
  try {
    return verify(null, Buffer.from(text), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

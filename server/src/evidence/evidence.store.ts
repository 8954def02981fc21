import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Evidence files on the box, content-addressed by SHA-256: the same photo is stored once. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function evidencePath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

/** Writes the file durably (temp file, fsync, rename) unless a file with that hash is already there. */
export function storeEvidenceFile(dir: string, sha256: string, bytes: Uint8Array): void {
  const path = evidencePath(dir, sha256);
  if (existsSync(path)) return;
  mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { flush: true });
  renameSync(tmp, path);
}

/** The image type from the first bytes, not from what the client claims. */
export function sniffImageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'image/png';
  if (
    b.length >= 12 &&
    String.fromCharCode(...b.slice(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.slice(8, 12)) === 'WEBP'
  )
    return 'image/webp';
  return null;
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evidencePath, sha256Hex, storeEvidenceFile, writeEvidenceFile } from './evidence.store.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-evidence-store-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const photo = (n: number) => {
  const b = Buffer.alloc(150 * 1024, n);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return new Uint8Array(b);
};

describe('an evidence file written off the event loop', () => {
  it('is at its hash, whole, in a folder made for it, with no temp file left', async () => {
    // The evidence folder itself does not exist yet (a box's first photo).
    const dir = join(root, 'evidence');
    const bytes = photo(1);
    const sha = sha256Hex(bytes);
    await writeEvidenceFile(dir, sha, bytes);
    expect(sha256Hex(readFileSync(evidencePath(dir, sha)))).toBe(sha);
    expect(readdirSync(join(dir, sha.slice(0, 2)))).toEqual([sha]);
  });

  it('writes the same photo sent twice at once one time, and both callers learn it is stored', async () => {
    const bytes = photo(2);
    const sha = sha256Hex(bytes);
    await Promise.all([writeEvidenceFile(root, sha, bytes), writeEvidenceFile(root, sha, bytes)]);
    expect(readdirSync(join(root, sha.slice(0, 2)))).toEqual([sha]);
    expect(readFileSync(evidencePath(root, sha)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('leaves a file already stored under that hash as it is', async () => {
    const bytes = photo(3);
    const sha = sha256Hex(bytes);
    storeEvidenceFile(root, sha, bytes);
    const before = statSync(evidencePath(root, sha)).mtimeMs;
    // Were it written again, this marker would be replaced by the photo.
    writeFileSync(evidencePath(root, sha), 'stored before');
    await writeEvidenceFile(root, sha, bytes);
    expect(readFileSync(evidencePath(root, sha), 'utf8')).toBe('stored before');
    expect(statSync(evidencePath(root, sha)).mtimeMs).toBeGreaterThanOrEqual(before);
  });

  it('answers a failed write as a failure, and a later write of the same photo succeeds', async () => {
    const bytes = photo(4);
    const sha = sha256Hex(bytes);
    // A file where the hash's folder should be: the folder cannot be made.
    writeFileSync(join(root, sha.slice(0, 2)), 'in the way');
    await expect(writeEvidenceFile(root, sha, bytes)).rejects.toThrow();
    rmSync(join(root, sha.slice(0, 2)));
    await writeEvidenceFile(root, sha, bytes);
    expect(sha256Hex(readFileSync(evidencePath(root, sha)))).toBe(sha);
  });
});

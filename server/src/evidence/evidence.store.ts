import { hash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  mkdir,
  mkdirSync,
  open,
  openSync,
  rename,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** Evidence files on the box, content-addressed by SHA-256: the same photo is stored once. */
export function sha256Hex(bytes: Uint8Array): string {
  // The one-shot form: no Hash object made and collected for every photo.
  return hash('sha256', bytes, 'hex');
}

export function evidencePath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

/** The temp file a photo is written to before its rename (evidence.retention.ts sweeps old ones). */
const tempPath = (path: string) => `${path}.${process.pid}.tmp`;

/**
 * Writes the file durably (temp file, fsync, rename, fsync of its folder) unless a file with that
 * hash is already there. For tools and tests; a request writes with writeEvidenceFile.
 */
export function storeEvidenceFile(dir: string, sha256: string, bytes: Uint8Array): void {
  const path = evidencePath(dir, sha256);
  if (existsSync(path)) return;
  const folder = dirname(path);
  const made = mkdirSync(folder, { recursive: true });
  writeFileSync(tempPath(path), bytes, { flush: true });
  renameSync(tempPath(path), path);
  for (const d of foldersToSync(folder, made)) {
    const fd = openSync(d, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** The writes under way, by path: the same photo sent twice at once is written once. */
const writing = new Map<string, Promise<void>>();

/**
 * storeEvidenceFile with its waits for the disk off the event loop, so that they do not hold up
 * every other request of the box: the fsyncs (a few milliseconds each on an SD card) and the two
 * steps that change the file system's journal (making the temp file, the rename), which can wait
 * for a journal commit under way, run in libuv's thread pool. The steps that only touch the
 * kernel's caches run here (whether the file is there, the folder when it exists, copying the
 * photo into the page cache, closing): each would cost a round trip through the pool, dearer on one
 * core than the call itself. Resolves once the file and its name are on disk.
 */
export function writeEvidenceFile(dir: string, sha256: string, bytes: Uint8Array): Promise<void> {
  const path = evidencePath(dir, sha256);
  const pending = writing.get(path);
  if (pending) return pending;
  const done = writeOnce(path, bytes).finally(() => writing.delete(path));
  writing.set(path, done);
  return done;
}

/** The thread pool's calls in their callback form: no FileHandle to make and collect for each. */
const inPool = <T>(call: (done: (e: Error | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => call((e, value) => (e ? reject(e) : resolve(value as T))));

async function writeOnce(path: string, bytes: Uint8Array): Promise<void> {
  if (existsSync(path)) return;
  const folder = dirname(path);
  // Made once per folder (256 of them): a new folder changes the journal, so it is made in the pool.
  const made = existsSync(folder)
    ? undefined
    : await inPool<string | undefined>((d) => mkdir(folder, { recursive: true }, d));
  const temp = tempPath(path);
  const fd = await inPool<number>((d) => open(temp, 'w', d));
  try {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    await inPool<void>((d) => fsync(fd, d));
  } finally {
    closeSync(fd);
  }
  await inPool<void>((d) => rename(temp, path, d));
  for (const d of foldersToSync(folder, made)) {
    const dirFd = openSync(d, 'r');
    try {
      await inPool<void>((done) => fsync(dirFd, done));
    } finally {
      closeSync(dirFd);
    }
  }
}

/**
 * The folders whose entries changed: the file's own (its new name), and above it each folder that
 * got a new sub-folder (`made`: the first folder mkdir created, if any). A rename or a new folder
 * survives a power cut only once the folder holding it is synced.
 */
function foldersToSync(folder: string, made: string | undefined): string[] {
  const out = [folder];
  if (made === undefined) return out;
  for (let d = folder; ; d = dirname(d)) {
    out.push(dirname(d));
    if (d === made || dirname(d) === d) break;
  }
  return out;
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

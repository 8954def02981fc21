import { createHash } from 'node:crypto';
import { chownSync, createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { vietnamWallClock } from '../../../shared/domain/vietnam-time.ts';

/** File work shared by making and restoring a backup: copies that hash, flushes, owners, names. */

/** Copies a file, hashing and counting what is read, and flushes the copy to disk. */
export async function copyHashed(src: string, dest: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(dest, 'wx');
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      for (let off = 0; off < chunk.length;) off += (await out.write(chunk, off, chunk.length - off)).bytesWritten;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { size, sha256: hash.digest('hex') };
}

/** Flushes folder entries (new names, renames); some file systems (FAT sticks) cannot, and need not. */
export async function syncDirs(dirs: string[]): Promise<void> {
  for (const d of dirs) {
    try {
      const fd = await open(d, 'r');
      try {
        await fd.sync();
      } finally {
        await fd.close();
      }
    } catch {
      // EINVAL/EISDIR on file systems without directory fsync.
    }
  }
}

/**
 * Run as root (`sudo npm run restore`), the new files take the owner of the folder they go into, so
 * the kiosk's own user can still write its database. File systems without owners (FAT sticks) refuse: fine.
 */
export function adoptOwner(tree: string, parent: string): void {
  if (process.getuid?.() !== 0) return;
  const owner = statSafe(parent);
  if (!owner || owner.uid === 0) return;
  const walk = (path: string) => {
    try {
      chownSync(path, owner.uid, owner.gid);
    } catch {
      return;
    }
    if (statSafe(path)?.isDirectory()) for (const n of readdirSafe(path)) walk(join(path, n));
  };
  walk(tree);
}

export function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** `base`, or `base-2`, `base-3`…: the first name in `dir` taken neither complete nor partial. */
export function freeName(dir: string, base: string): string {
  let name = base;
  for (let i = 2; existsSync(join(dir, name)) || existsSync(join(dir, `.${name}.partial`)); i++) name = `${base}-${i}`;
  return name;
}

/** YYYYMMDD-HHmmss in Vietnam time: what the administrator reads on the stick. */
export function stamp(at: Date): string {
  const s = vietnamWallClock(at).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}`;
}

export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
}

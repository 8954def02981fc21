import { existsSync, linkSync, mkdirSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { sqliteHandle, type Db } from '../db/database.ts';
import { adoptOwner, copyHashed, freeName, readdirSafe, reasonOf, stamp, statSafe, syncDirs } from './backup.files.ts';
import {
  DATA_PATH,
  DB_FILE,
  hashFile,
  listBackups,
  MANIFEST,
  PREFIX,
  readManifest,
  sealManifest,
  sizeOf,
  type FileEntry,
  type Manifest,
  type ManifestBody,
} from './backup.manifest.ts';

/**
 * Makes a backup of a box's data folder: the SQLite database (through SQLite's online backup,
 * consistent while the kiosk runs), the evidence photos and the catalog's stored files, with a
 * manifest (backup.manifest.ts). A backup is written under a hidden temp name and renamed when
 * complete; only then are backups beyond `keep` deleted.
 */

const PARTIAL = /^\.hoctap-backup-.*\.partial$/;

export interface BackupOptions {
  /** The data folder: kiosk.sqlite, evidence/, media/. */
  dataDir: string;
  /**
   * The kiosk's open database, backed up through its own connection (the kiosk waits for the few
   * seconds the copy takes). Without it, dataDir/kiosk.sqlite is opened (the command line).
   */
  db?: Db;
  /** Folder the backup folder is made in. */
  to: string;
  /** Make `to` when it is missing (the default folder); a named folder (a USB stick) must exist. */
  createTo?: boolean;
  center?: { id: string; name: string } | null;
  /** Complete backups kept in `to` (older ones deleted after this one is complete); none deleted when absent. */
  keep?: number;
  now?: () => Date;
  /** Pages per step of SQLite's online backup (tests use a few to interleave writes). */
  pagesPerStep?: number;
}

export interface BackupResult {
  path: string;
  createdAt: string;
  files: number;
  bytes: number;
  schemaVersion: string | null;
  /** Files linked to the same file of the previous backup instead of copied (same disk only). */
  linked: number;
  /** Data files whose content no longer matches the hash in their name (damaged on the box's disk). */
  damagedSources: string[];
  /** Older backups deleted to keep `keep`. */
  pruned: string[];
}

/** Makes a backup folder in `to`; refuses with backup.* codes, leaving no partial folder behind. */
export async function createBackup(o: BackupOptions): Promise<BackupResult> {
  const now = o.now ?? (() => new Date());
  let handle: SQLite.Database;
  let own = false;
  if (o.db) {
    const h = sqliteHandle(o.db);
    if (!h) throw new AppError('backup.postgres');
    handle = h;
  } else {
    const file = join(o.dataDir, DB_FILE);
    if (!existsSync(file)) throw new AppError('backup.no-data', { dataDir: o.dataDir });
    handle = new SQLite(file, { fileMustExist: true });
    handle.pragma('busy_timeout = 5000');
    own = true;
  }
  try {
    if (!existsSync(o.to)) {
      if (!o.createTo) throw new AppError('backup.folder-missing', { path: o.to });
      try {
        mkdirSync(o.to, { recursive: true });
      } catch (e) {
        throw failed(e);
      }
    }
    const created = now();
    const dataFiles = listDataFiles(o.dataDir);
    const previous = latestManifest(o.to);
    checkSpace(o.to, handle, o.dataDir, dataFiles, previous);

    const name = freeName(o.to, `${PREFIX}${stamp(created)}`);
    const tmp = join(o.to, `.${name}.partial`);
    let result: BackupResult;
    try {
      mkdirSync(tmp);
      const files: FileEntry[] = [];
      const dbCopy = join(tmp, DB_FILE);
      // All at once from a connection of our own (another process may be writing: a step-by-step
      // copy would restart on each of its commits); through the kiosk's own connection, in steps,
      // holding it so no transaction is open between steps.
      const progress = () => o.pagesPerStep ?? (own ? 0x7fffffff : 1000);
      if (o.db)
        await o.db.connection().execute(async () => {
          await handle.backup(dbCopy, { progress });
        });
      else await handle.backup(dbCopy, { progress });
      const schemaVersion = settleCopy(dbCopy);
      files.push({ path: DB_FILE, ...(await hashFile(dbCopy)) });

      // Files after the database: a file is stored before its row, so every row copied has its file.
      let linked = 0;
      let canLink = true;
      const damagedSources: string[] = [];
      const dirs = new Set<string>();
      for (const path of dataFiles) {
        const src = join(o.dataDir, path);
        const dest = join(tmp, path);
        if (!dirs.has(dirname(dest))) {
          mkdirSync(dirname(dest), { recursive: true });
          dirs.add(dirname(dest));
        }
        const expected = hashInName(path);
        const before = previous?.files.get(path);
        if (canLink && previous && before && before.sha256 === expected && sizeOf(src) === before.size) {
          const old = join(previous.dir, path);
          if ((await hashFile(old).catch(() => null))?.sha256 === expected) {
            try {
              linkSync(old, dest);
              files.push({ path, size: before.size, sha256: expected });
              linked++;
              continue;
            } catch {
              canLink = false; // a FAT/exFAT stick, or another disk: copy from now on
            }
          }
        }
        let copied: { size: number; sha256: string };
        try {
          copied = await copyHashed(src, dest);
        } catch (e) {
          // Erased (with its rows) since the database was copied: nothing refers to it any more.
          if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(src)) continue;
          throw e;
        }
        if (copied.sha256 !== expected) damagedSources.push(path);
        files.push({ path, ...copied });
      }
      await syncDirs([...dirs, tmp]);

      const body: ManifestBody = {
        format: 'hoctap-backup',
        version: 1,
        createdAt: created.toISOString(),
        center: o.center ?? null,
        schemaVersion,
        files,
        totalBytes: files.reduce((n, f) => n + f.size, 0),
      };
      const manifest: Manifest = sealManifest(body);
      writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
      await syncDirs([tmp]);
      adoptOwner(tmp, o.to);
      const path = join(o.to, name);
      renameSync(tmp, path);
      await syncDirs([o.to]);
      result = {
        path,
        createdAt: body.createdAt,
        files: files.length,
        bytes: body.totalBytes,
        schemaVersion,
        linked,
        damagedSources,
        pruned: [],
      };
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw failed(e);
    }
    // The backup is complete: an old one that cannot be deleted (made by another user) stays, and says nothing.
    if (o.keep) result.pruned = prune(o.to, o.keep, name);
    return result;
  } finally {
    if (own) handle.close();
  }
}

/** Deletes all but the `keep` newest complete backups (never `justMade`), and stale partial ones. */
function prune(dir: string, keep: number, justMade: string): string[] {
  const pruned: string[] = [];
  const remove = (path: string) => {
    try {
      rmSync(path, { recursive: true, force: true });
      return true;
    } catch {
      return false;
    }
  };
  for (const b of listBackups(dir).slice(keep)) {
    if (b.name !== justMade && remove(b.path)) pruned.push(b.path);
  }
  // A partial folder is a backup cut off (power, a pulled stick); one from today may still be written.
  for (const n of readdirSafe(dir)) {
    const path = join(dir, n);
    if (PARTIAL.test(n) && Date.now() - (statSafe(path)?.mtimeMs ?? Date.now()) > 24 * 3600_000) remove(path);
  }
  return pruned;
}

/** The newest complete backup's files, to link unchanged photos and videos instead of copying them. */
function latestManifest(dir: string): { dir: string; files: Map<string, FileEntry> } | null {
  const latest = listBackups(dir)[0];
  if (!latest) return null;
  const manifest = readManifest(latest.path);
  return manifest ? { dir: latest.path, files: new Map(manifest.files.map((f) => [f.path, f])) } : null;
}

/** Evidence and media files of the data folder (content-addressed names only: temp uploads are not data). */
function listDataFiles(dataDir: string): string[] {
  const out: string[] = [];
  const evidence = join(dataDir, 'evidence');
  for (const sub of readdirSafe(evidence)) {
    for (const n of readdirSafe(join(evidence, sub))) {
      const path = `evidence/${sub}/${n}`;
      if (DATA_PATH.test(path)) out.push(path);
    }
  }
  for (const n of readdirSafe(join(dataDir, 'media'))) {
    const path = `media/${n}`;
    if (DATA_PATH.test(path)) out.push(path);
  }
  return out.sort();
}

function hashInName(path: string): string {
  return /([0-9a-f]{64})(?:\.[a-z0-9]+)?$/.exec(path)![1]!;
}

/**
 * Makes the copied database one self-contained file (rollback journal, so opening it never adds a
 * -wal beside it), checks it, and answers its schema version (its latest migration).
 */
function settleCopy(file: string): string | null {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('backup.failed', { reason: `integrity_check: ${String(check)}` });
    const hasMigrations = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    return hasMigrations
      ? ((copy.prepare('select name from kysely_migration order by name desc limit 1').pluck().get() as
          string | undefined) ?? null)
      : null;
  } finally {
    copy.close();
  }
}

/** Refuses early when the backup would not fit: the database, and each file not linked from the last backup. */
function checkSpace(
  to: string,
  handle: SQLite.Database,
  dataDir: string,
  dataFiles: string[],
  previous: ReturnType<typeof latestManifest>,
): void {
  const pageSize = handle.pragma('page_size', { simple: true }) as number;
  const pages = handle.pragma('page_count', { simple: true }) as number;
  let needed = pageSize * pages;
  for (const path of dataFiles) if (!previous?.files.has(path)) needed += sizeOf(join(dataDir, path)) ?? 0;
  let free: number;
  try {
    const s = statfsSync(to);
    free = s.bavail * s.bsize;
  } catch {
    return;
  }
  if (free < needed) throw new AppError('backup.no-space', { neededBytes: needed, freeBytes: free, path: to });
}

function failed(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return new AppError('backup.no-space', {});
  return new AppError('backup.failed', { reason: reasonOf(e) });
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { markRestored } from '../outbox/restore-mark.ts';
import { adoptOwner, copyHashed, freeName, readdirSafe, reasonOf, stamp, syncDirs } from './backup.files.ts';
import { DB_FILE, verifyBackup, type Manifest } from './backup.manifest.ts';

export interface RestoreOptions {
  /** A backup folder (hoctap-backup-…, with manifest.json). */
  from: string;
  dataDir: string;
  /** Restore over a data folder that already holds data (kept aside in before-restore-…). */
  force?: boolean;
  now?: () => Date;
  /** Written to the restored audit log (null: from the command line). */
  actor?: { id: string; name: string } | null;
}

export interface RestoreResult {
  createdAt: string;
  center: { id: string; name: string } | null;
  files: number;
  bytes: number;
  /** Where the data that was there before went (with force), else null. */
  previousKeptIn: string | null;
}

/**
 * Restores a backup into dataDir. Everything is checked first (manifest hash, each file's size and
 * hash, the schema version), and a data folder that holds data is refused without `force`; only
 * then are the files copied next to the data folder, checked again, and renamed into place.
 */
export async function restoreBackup(o: RestoreOptions): Promise<RestoreResult> {
  const now = o.now ?? (() => new Date());
  const manifest = await verifyBackup(o.from);
  const dbPath = join(o.dataDir, DB_FILE);
  const occupied =
    existsSync(dbPath) || hasEntries(join(o.dataDir, 'evidence')) || hasEntries(join(o.dataDir, 'media'));
  if (occupied && !o.force) throw new AppError('backup.target-not-empty', { dataDir: o.dataDir });
  if (existsSync(dbPath)) assertNotInUse(dbPath);

  const at = now();
  const staging = join(o.dataDir, `.restore-${stamp(at)}-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(o.dataDir, { recursive: true });
    // A restore cut off before (power, a pulled stick) leaves its staging folder: never data.
    for (const name of readdirSync(o.dataDir)) {
      if (name.startsWith('.restore-')) rmSync(join(o.dataDir, name), { recursive: true, force: true });
    }
    const dirs = new Set<string>([join(staging, 'evidence'), join(staging, 'media')]);
    for (const d of dirs) mkdirSync(d, { recursive: true });
    const bad: string[] = [];
    for (const f of manifest.files) {
      const dest = join(staging, f.path);
      if (!dirs.has(dirname(dest))) {
        mkdirSync(dirname(dest), { recursive: true });
        dirs.add(dirname(dest));
      }
      const copied = await copyHashed(join(o.from, f.path), dest);
      if (copied.size !== f.size || copied.sha256 !== f.sha256) bad.push(f.path);
    }
    // Read again while copying: a flaky stick can answer differently the second time.
    if (bad.length > 0) throw new AppError('backup.damaged', { files: bad });
    await syncDirs([...dirs, staging]);
    adoptOwner(staging, o.dataDir);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e instanceof AppError ? e : new AppError('backup.failed', { reason: reasonOf(e) });
  }

  // Everything is checked and on the data folder's disk: the data there moves aside, the copy in.
  const olds = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`, 'evidence', 'media'].filter((x) =>
    existsSync(join(o.dataDir, x)),
  );
  let previousKeptIn: string | null = null;
  try {
    if (olds.length > 0) {
      previousKeptIn = join(o.dataDir, freeName(o.dataDir, `before-restore-${stamp(at)}`));
      mkdirSync(previousKeptIn);
      for (const x of olds) renameSync(join(o.dataDir, x), join(previousKeptIn, x));
    }
    for (const x of [DB_FILE, 'evidence', 'media']) renameSync(join(staging, x), join(o.dataDir, x));
  } catch (e) {
    // Renames on one disk hardly fail; if one did, the old data is whole in previousKeptIn and the backup untouched.
    throw new AppError('backup.failed', { reason: reasonOf(e), stage: 'swap', previousKeptIn });
  }
  rmSync(staging, { recursive: true, force: true });
  await syncDirs([o.dataDir]);

  auditRestore(dbPath, o, manifest, at, previousKeptIn);
  return {
    createdAt: manifest.createdAt,
    center: manifest.center,
    files: manifest.files.length,
    bytes: manifest.totalBytes,
    previousKeptIn,
  };
}

function hasEntries(dir: string): boolean {
  return readdirSafe(dir).length > 0;
}

/** Refuses while a kiosk has the database open: an exclusive lock cannot be had then. */
function assertNotInUse(dbPath: string): void {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(dbPath, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new AppError('backup.kiosk-running');
    // Not a readable database: it is about to be replaced (and kept aside) anyway.
  } finally {
    db?.close();
  }
}

/**
 * Writes the restore into the restored database's audit log (ids and facts, no names of people).
 * A box enrolled with a hub is marked restored first (federation/history.ts): a new history, the
 * highest outbox number it holds, every revision raised, so what it makes from now on is never
 * taken by the hub for what the dead box already sent.
 */
function auditRestore(
  dbPath: string,
  o: RestoreOptions,
  manifest: Manifest,
  at: Date,
  previousKeptIn: string | null,
): void {
  const db = new SQLite(dbPath, { fileMustExist: true });
  try {
    const marked = markRestored(db);
    const hasAudit = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'").get();
    if (!hasAudit) return;
    db.prepare(
      'insert into audit_log (at, actor_id, actor_name, action, subject_kind, subject_id, details) values (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      at.toISOString(),
      o.actor?.id ?? null,
      o.actor?.name ?? null,
      'backup.restore',
      'backup',
      manifest.createdAt,
      JSON.stringify({
        from: o.from,
        createdAt: manifest.createdAt,
        files: manifest.files.length,
        bytes: manifest.totalBytes,
        previousKeptIn,
        ...(marked ? { restoredSeq: marked.restoredSeq } : {}),
      }),
    );
  } finally {
    db.close();
  }
}

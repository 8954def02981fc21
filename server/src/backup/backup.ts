import { createHash, randomBytes } from 'node:crypto';
import { chownSync, createReadStream, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { sqliteHandle, type DB } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { markRestored } from '../federation/history.ts';

/**
 * Backups of a box's data folder: the SQLite database (through SQLite's online backup, consistent
 * while the kiosk runs), the evidence photos and the catalog's stored files, with a manifest of every
 * file's size and SHA-256. A backup is written under a hidden temp name and renamed when complete;
 * a restore checks everything before it touches the data folder.
 *
 *   <to>/hoctap-backup-YYYYMMDD-HHmmss/            (Vietnam time)
 *     kiosk.sqlite                                 (rollback-journal mode: one self-contained file)
 *     evidence/<2 hex>/<sha256>
 *     media/<sha256>.<ext>
 *     manifest.json
 */

export const DB_FILE = 'kiosk.sqlite';
const MANIFEST = 'manifest.json';
const PREFIX = 'hoctap-backup-';
const BACKUP_NAME = /^hoctap-backup-\d{8}-\d{6}(?:-\d+)?$/;
const PARTIAL = /^\.hoctap-backup-.*\.partial$/;
/** The only paths a backup holds (and the only ones a restore writes): no `..`, no stray files. */
const DATA_PATH = /^(?:kiosk\.sqlite|evidence\/[0-9a-f]{2}\/[0-9a-f]{64}|media\/[0-9a-f]{64}\.[a-z0-9]{1,8})$/;
const HEX64 = /^[0-9a-f]{64}$/;
/** Vietnam keeps UTC+7 all year (see shared/domain/vietnam-time.ts). */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

const FileEntrySchema = v.strictObject({
  path: v.pipe(v.string(), v.regex(DATA_PATH)),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: v.pipe(v.string(), v.regex(HEX64)),
});
export type FileEntry = v.InferOutput<typeof FileEntrySchema>;

const ManifestSchema = v.strictObject({
  format: v.literal('hoctap-backup'),
  version: v.literal(1),
  createdAt: v.string(),
  center: v.nullable(v.strictObject({ id: v.string(), name: v.string() })),
  /** The latest migration the database had: a restore refuses a backup newer than this program. */
  schemaVersion: v.nullable(v.string()),
  files: v.array(FileEntrySchema),
  totalBytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** SHA-256 of the canonical JSON of every other field. */
  manifestSha256: v.pipe(v.string(), v.regex(HEX64)),
});
export type Manifest = v.InferOutput<typeof ManifestSchema>;
type ManifestBody = Omit<Manifest, 'manifestSha256'>;

export interface BackupOptions {
  /** The data folder: kiosk.sqlite, evidence/, media/. */
  dataDir: string;
  /**
   * The kiosk's open database, backed up through its own connection (the kiosk waits for the few
   * seconds the copy takes). Without it, dataDir/kiosk.sqlite is opened (the command line).
   */
  db?: DB;
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
      if (o.db) await o.db.connection().execute(async () => { await handle.backup(dbCopy, { progress }); });
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
        format: 'hoctap-backup', version: 1, createdAt: created.toISOString(), center: o.center ?? null,
        schemaVersion, files, totalBytes: files.reduce((n, f) => n + f.size, 0),
      };
      const manifest: Manifest = { ...body, manifestSha256: sha256Hex(canonicalJson(body)) };
      writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
      await syncDirs([tmp]);
      adoptOwner(tmp, o.to);
      const path = join(o.to, name);
      renameSync(tmp, path);
      await syncDirs([o.to]);
      result = { path, createdAt: body.createdAt, files: files.length, bytes: body.totalBytes, schemaVersion, linked, damagedSources, pruned: [] };
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
  const occupied = existsSync(dbPath) || hasEntries(join(o.dataDir, 'evidence')) || hasEntries(join(o.dataDir, 'media'));
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
  const olds = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`, 'evidence', 'media'].filter((x) => existsSync(join(o.dataDir, x)));
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
  return { createdAt: manifest.createdAt, center: manifest.center, files: manifest.files.length, bytes: manifest.totalBytes, previousKeptIn };
}

/**
 * Checks a backup folder without changing anything: backup.not-found (with the backups inside, when
 * given the folder holding them), backup.damaged (with every bad file), backup.newer-version.
 */
export async function verifyBackup(from: string): Promise<Manifest> {
  const manifestPath = join(from, MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new AppError('backup.not-found', { path: from, backups: listBackups(from).slice(0, 5).map((b) => b.path) });
  }
  let manifest: Manifest;
  try {
    const parsed = v.safeParse(ManifestSchema, JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (!parsed.success) throw new Error('shape');
    manifest = parsed.output;
    const { manifestSha256, ...body } = manifest;
    if (sha256Hex(canonicalJson(body)) !== manifestSha256) throw new Error('hash');
  } catch {
    throw new AppError('backup.damaged', { files: [MANIFEST] });
  }
  const paths = manifest.files.map((f) => f.path);
  if (!paths.includes(DB_FILE) || new Set(paths).size !== paths.length) throw new AppError('backup.damaged', { files: [MANIFEST] });

  const bad: string[] = [];
  for (const f of manifest.files) {
    const path = join(from, f.path);
    if (sizeOf(path) !== f.size) {
      bad.push(f.path);
      continue;
    }
    const actual = await hashFile(path).catch(() => null);
    if (actual?.sha256 !== f.sha256) bad.push(f.path);
  }
  if (bad.length > 0) throw new AppError('backup.damaged', { files: bad });
  if (manifest.schemaVersion !== null && !Object.hasOwn(migrations, manifest.schemaVersion)) {
    throw new AppError('backup.newer-version', { schemaVersion: manifest.schemaVersion });
  }
  return manifest;
}

/** The complete backups in a folder, newest first. */
export function listBackups(dir: string): { name: string; path: string; createdAt: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => BACKUP_NAME.test(n) && existsSync(join(dir, n, MANIFEST)))
    .map((name) => ({ name, path: join(dir, name), createdAt: createdAtOf(join(dir, name)) ?? '' }))
    .sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
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

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Run as root (`sudo npm run restore`), the new files take the owner of the folder they go into, so
 * the kiosk's own user can still write its database. File systems without owners (FAT sticks) refuse: fine.
 */
function adoptOwner(tree: string, parent: string): void {
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

function createdAtOf(backupDir: string): string | null {
  try {
    const m = JSON.parse(readFileSync(join(backupDir, MANIFEST), 'utf8')) as { createdAt?: unknown };
    return typeof m.createdAt === 'string' ? m.createdAt : null;
  } catch {
    return null;
  }
}

/** The newest complete backup's files, to link unchanged photos and videos instead of copying them. */
function latestManifest(dir: string): { dir: string; files: Map<string, FileEntry> } | null {
  const latest = listBackups(dir)[0];
  if (!latest) return null;
  try {
    const parsed = v.safeParse(ManifestSchema, JSON.parse(readFileSync(join(latest.path, MANIFEST), 'utf8')));
    return parsed.success ? { dir: latest.path, files: new Map(parsed.output.files.map((f) => [f.path, f])) } : null;
  } catch {
    return null;
  }
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

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function hasEntries(dir: string): boolean {
  return readdirSafe(dir).length > 0;
}

function hashInName(path: string): string {
  return /([0-9a-f]{64})(?:\.[a-z0-9]+)?$/.exec(path)![1]!;
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
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
    const hasMigrations = copy.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    return hasMigrations ? (copy.prepare('select name from kysely_migration order by name desc limit 1').pluck().get() as string | undefined) ?? null : null;
  } finally {
    copy.close();
  }
}

/** Refuses early when the backup would not fit: the database, and each file not linked from the last backup. */
function checkSpace(to: string, handle: SQLite.Database, dataDir: string, dataFiles: string[], previous: ReturnType<typeof latestManifest>): void {
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

function freeName(dir: string, base: string): string {
  let name = base;
  for (let i = 2; existsSync(join(dir, name)) || existsSync(join(dir, `.${name}.partial`)); i++) name = `${base}-${i}`;
  return name;
}

/** YYYYMMDD-HHmmss in Vietnam time: what the administrator reads on the stick. */
function stamp(at: Date): string {
  const s = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}-${s.slice(11, 13)}${s.slice(14, 16)}${s.slice(17, 19)}`;
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
function auditRestore(dbPath: string, o: RestoreOptions, manifest: Manifest, at: Date, previousKeptIn: string | null): void {
  const db = new SQLite(dbPath, { fileMustExist: true });
  try {
    const marked = markRestored(db);
    const hasAudit = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'audit_log'").get();
    if (!hasAudit) return;
    db.prepare('insert into audit_log (at, actor_id, actor_name, action, subject_kind, subject_id, details) values (?, ?, ?, ?, ?, ?, ?)').run(
      at.toISOString(), o.actor?.id ?? null, o.actor?.name ?? null, 'backup.restore', 'backup', manifest.createdAt,
      JSON.stringify({ from: o.from, createdAt: manifest.createdAt, files: manifest.files.length, bytes: manifest.totalBytes, previousKeptIn, ...(marked ? { restoredSeq: marked.restoredSeq } : {}) }),
    );
  } finally {
    db.close();
  }
}

/** Copies a file, hashing and counting what is read, and flushes the copy to disk. */
async function copyHashed(src: string, dest: string): Promise<{ size: number; sha256: string }> {
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

async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Flushes folder entries (new names, renames); some file systems (FAT sticks) cannot, and need not. */
async function syncDirs(dirs: string[]): Promise<void> {
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

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with keys sorted at every level: the manifest's hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
}

function failed(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if ((e as NodeJS.ErrnoException).code === 'ENOSPC') return new AppError('backup.no-space', {});
  return new AppError('backup.failed', { reason: reasonOf(e) });
}

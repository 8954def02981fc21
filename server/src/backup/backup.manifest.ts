import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { migrations } from '../db/migrations/index.ts';

/**
 * What a backup folder is: its layout, its manifest (every file's size and SHA-256, and the hash of
 * the manifest itself), and the check that a folder is a whole backup this program can restore.
 *
 *   <to>/hoctap-backup-YYYYMMDD-HHmmss/            (Vietnam time)
 *     kiosk.sqlite                                 (rollback-journal mode: one self-contained file)
 *     evidence/<2 hex>/<sha256>
 *     media/<sha256>.<ext>
 *     manifest.json
 */

export const DB_FILE = 'kiosk.sqlite';
export const MANIFEST = 'manifest.json';
export const PREFIX = 'hoctap-backup-';
const BACKUP_NAME = /^hoctap-backup-\d{8}-\d{6}(?:-\d+)?$/;
/** The only paths a backup holds (and the only ones a restore writes): no `..`, no stray files. */
export const DATA_PATH = /^(?:kiosk\.sqlite|evidence\/[0-9a-f]{2}\/[0-9a-f]{64}|media\/[0-9a-f]{64}\.[a-z0-9]{1,8})$/;
const HEX64 = /^[0-9a-f]{64}$/;

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
export type ManifestBody = Omit<Manifest, 'manifestSha256'>;

/** The manifest of a body: the body with the SHA-256 of its canonical JSON. */
export function sealManifest(body: ManifestBody): Manifest {
  return { ...body, manifestSha256: sha256Hex(canonicalJson(body)) };
}

/** A backup folder's manifest when it has the manifest's shape (its hash and files not checked), else null. */
export function readManifest(backupDir: string): Manifest | null {
  try {
    const parsed = v.safeParse(ManifestSchema, JSON.parse(readFileSync(join(backupDir, MANIFEST), 'utf8')));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/**
 * Checks a backup folder without changing anything: backup.not-found (with the backups inside, when
 * given the folder holding them), backup.damaged (with every bad file), backup.newer-version.
 */
export async function verifyBackup(from: string): Promise<Manifest> {
  const manifestPath = join(from, MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new AppError('backup.not-found', {
      path: from,
      backups: listBackups(from)
        .slice(0, 5)
        .map((b) => b.path),
    });
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
  if (!paths.includes(DB_FILE) || new Set(paths).size !== paths.length)
    throw new AppError('backup.damaged', { files: [MANIFEST] });

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
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt),
    );
}

function createdAtOf(backupDir: string): string | null {
  try {
    const m = JSON.parse(readFileSync(join(backupDir, MANIFEST), 'utf8')) as { createdAt?: unknown };
    return typeof m.createdAt === 'string' ? m.createdAt : null;
  } catch {
    return null;
  }
}

export function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with keys sorted at every level: the manifest's hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

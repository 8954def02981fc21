import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** What the backup tests (backup.test.ts, backup-nightly.test.ts) share: data to back up and ways to look at it. */

const root = resolve(import.meta.dirname, '../..');
const temps: string[] = [];
export const tempDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `kiosk-backup-${label}-`));
  temps.push(dir);
  return dir;
};
/** Removes every folder `tempDir` made: each test file calls it after all its tests. */
export const removeTempDirs = () => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
};

const jpeg = (size: number, seed: number): Uint8Array => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};
export const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Names are letters only: Người Aa, Người Ba, … */
export const nameOf = (i: number) =>
  `Người ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}`;

/** A center's data: staff, two villagers, their assessments, three photos, a stored PDF and a resource naming it. */
export async function populate(h: Harness): Promise<Record<Role, string>> {
  const staff = await staffSessions(h);
  const lan = build.id();
  const tuan = build.id();
  expect((await h.json('PUT', `/api/people/${lan}`, people.baLan)).status).toBe(200);
  expect((await h.json('PUT', `/api/people/${tuan}`, people.anhTuan)).status).toBe(200);
  const a1 = build.id();
  const a2 = build.id();
  expect((await h.json('PUT', `/api/assessments/${a1}`, build.assessment(lan, { status: 'draft' }))).status).toBe(200);
  expect((await h.json('PUT', `/api/assessments/${a2}`, build.assessment(tuan, { group: 'nhom-2' }))).status).toBe(200);
  for (const [i, indicator] of ['CS03', 'CS05', 'CS07'].entries()) {
    const res = await h.app.request(`/api/assessments/${a1}/evidence/${build.id()}?indicator=${indicator}`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', 'x-villager-token': h.tablet.tokenOf(lan)! },
      body: jpeg(3000 + i * 500, i + 1) as BodyInit,
    });
    expect(res.status).toBe(200);
  }
  const media = await h.app.request('/api/staff/media', {
    method: 'POST',
    headers: { cookie: staff.facilitator, 'content-type': 'application/pdf' },
    body: pdf as BodyInit,
  });
  expect(media.status).toBe(200);
  const file = await media.json();
  expect(file.sha256).toBe(sha(pdf));
  const res = await h.json(
    'PUT',
    `/api/staff/resources/${build.id()}`,
    {
      kind: 'document',
      title: 'Sổ tay an toàn trên mạng',
      topic: 'An toàn trên mạng',
      file: { ...file, name: 'so-tay.pdf' },
    },
    staff.facilitator,
  );
  expect(res.status).toBe(200);
  return staff;
}

/** Every row of every table, by table, in a stable order. */
export function dumpTables(file: string): Record<string, unknown[]> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => {
        const rows = db.prepare(`select * from "${t}"`).all() as Record<string, unknown>[];
        return [t, rows.map((r) => JSON.stringify(r)).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

/** Every evidence and media file of a data folder, with its hash. */
export function fileHashes(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dataDir, p)] = sha(readFileSync(p));
    }
  };
  walk(join(dataDir, 'evidence'));
  walk(join(dataDir, 'media'));
  return out;
}

export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

export function run(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export let h: Harness;
export let staff: Record<Role, string>;
export let backupDir: string;
export let backup: string;
export let before: Record<string, unknown[]>;

/** Once for the file: a box with real records (populate), backed up through the API; closed at the end. */
export function centerBackedUpOnce(): void {
  beforeAll(async () => {
    backupDir = tempDir('dir');
    h = await startHarness(undefined, { KIOSK_BACKUP_DIR: backupDir });
    staff = await populate(h);
    before = dumpTables(join(h.dir, 'kiosk.sqlite'));
    const res = await h.json('POST', '/api/staff/backups', undefined, staff.admin);
    expect(res.status).toBe(200);
    backup = res.body.path;
  });
  afterAll(async () => {
    await h.close();
  });
}

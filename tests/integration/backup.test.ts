import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { createBackup } from '../../server/src/backup/backup.create.ts';
import { canonicalJson, listBackups, verifyBackup } from '../../server/src/backup/backup.manifest.ts';
import { restoreBackup } from '../../server/src/backup/backup.restore.ts';
import { backupDue, backupStatus, lastBackup, scheduleNightlyBackup } from '../../server/src/backup/backup.service.ts';
import { createApp } from '../../server/src/app.ts';
import { migrateToLatest, openDatabase } from '../../server/src/db/database.ts';
import { migrations } from '../../server/src/db/migrations/index.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions, type Role } from '../fixtures/staff.ts';
import { requiredUnderCi } from '../support/postgres.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Backups the administrator can trust: a backup of a data folder with real records, photos and a
 * stored document restores to the same rows and files; a damaged backup, or a data folder that
 * already holds data, is refused with nothing written.
 */

const root = resolve(import.meta.dirname, '../..');
const temps: string[] = [];
const tempDir = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `kiosk-backup-${label}-`));
  temps.push(dir);
  return dir;
};
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

const jpeg = (size: number, seed: number): Uint8Array => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};
const pdf = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Names are letters only: Người Aa, Người Ba, … */
const nameOf = (i: number) => `Người ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}`;

/** A center's data: staff, two villagers, their assessments, three photos, a stored PDF and a resource naming it. */
async function populate(h: Harness): Promise<Record<Role, string>> {
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
      method: 'PUT', headers: { 'content-type': 'image/jpeg', 'x-villager-token': h.tablet.tokenOf(lan)! }, body: jpeg(3000 + i * 500, i + 1) as BodyInit,
    });
    expect(res.status).toBe(200);
  }
  const media = await h.app.request('/api/staff/media', { method: 'POST', headers: { cookie: staff.facilitator, 'content-type': 'application/pdf' }, body: pdf as BodyInit });
  expect(media.status).toBe(200);
  const file = await media.json();
  expect(file.sha256).toBe(sha(pdf));
  const res = await h.json('PUT', `/api/staff/resources/${build.id()}`, { kind: 'document', title: 'Sổ tay an toàn trên mạng', topic: 'An toàn trên mạng', file: { ...file, name: 'so-tay.pdf' } }, staff.facilitator);
  expect(res.status).toBe(200);
  return staff;
}

/** Every row of every table, by table, in a stable order. */
function dumpTables(file: string): Record<string, unknown[]> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => {
      const rows = db.prepare(`select * from "${t}"`).all() as Record<string, unknown>[];
      return [t, rows.map((r) => JSON.stringify(r)).sort()];
    }));
  } finally {
    db.close();
  }
}

/** Every evidence and media file of a data folder, with its hash. */
function fileHashes(dataDir: string): Record<string, string> {
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

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('a backup of a center with real records', () => {
  let h: Harness;
  let staff: Record<Role, string>;
  let backupDir: string;
  let backup: string;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    backupDir = tempDir('dir');
    h = await startHarness(undefined, { KIOSK_BACKUP_DIR: backupDir });
    staff = await populate(h);
    before = dumpTables(join(h.dir, 'kiosk.sqlite'));
    const res = await h.json('POST', '/api/staff/backups', undefined, staff.admin);
    expect(res.status).toBe(200);
    backup = res.body.path;
  });
  afterAll(async () => { await h.close(); });

  it('is a complete folder with a manifest, recorded in the log and the audit', async () => {
    expect(listBackups(backupDir).map((b) => b.path)).toEqual([backup]);
    expect(readdirSync(backupDir)).toEqual([backup.split('/').pop()]);
    expect(backup).toMatch(/hoctap-backup-20261123-100000$/); // 03:00 UTC is 10:00 in Vietnam
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'hoctap-backup', center: { id: h.config.center.id, name: h.config.center.name }, schemaVersion: Object.keys(migrations).at(-1), createdAt: '2026-11-23T03:00:00.000Z',
    });
    // The database, three photos and the PDF, each with its size and hash.
    expect(manifest.files).toHaveLength(5);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(backup, f.path));
      expect({ size: bytes.length, sha256: sha(bytes) }).toEqual({ size: f.size, sha256: f.sha256 });
    }
    const { manifestSha256, ...body } = manifest;
    expect(createHash('sha256').update(canonicalJson(body)).digest('hex')).toBe(manifestSha256);

    const last = await lastBackup(h.db);
    expect(last).toMatchObject({ ok: true, trigger: 'manual', path: backup, files: 5, bytes: manifest.totalBytes, error: null });
    const audit = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'backup.create').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ ok: true, path: backup, files: 5 });
  });

  it('the copied database passes SQLite\'s integrity check', () => {
    const copy = new SQLite(join(backup, 'kiosk.sqlite'), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // Opening it read-only left nothing beside it (one self-contained file).
    expect(readdirSync(backup).sort()).toEqual(['evidence', 'kiosk.sqlite', 'manifest.json', 'media']);
  });

  it('restores into a fresh folder with every row and every file equal', async () => {
    const target = join(tempDir('restore'), 'data');
    const result = await restoreBackup({ from: backup, dataDir: target });
    expect(result).toMatchObject({ files: 5, previousKeptIn: null, createdAt: '2026-11-23T03:00:00.000Z' });

    const after = dumpTables(join(target, 'kiosk.sqlite'));
    const restoredAudit = (after.audit_log as string[]).filter((r) => !r.includes('"backup.restore"'));
    expect(after.audit_log).toHaveLength(restoredAudit.length + 1);
    expect({ ...after, audit_log: restoredAudit }).toEqual(before);
    expect(fileHashes(target)).toEqual(fileHashes(h.dir));
    expect(Object.keys(fileHashes(target))).toHaveLength(4);
    expect(readdirSync(target).sort()).toEqual(['evidence', 'kiosk.sqlite', 'media']);

    // The restored box starts and serves its people, photos and document.
    const db = openDatabase({ file: join(target, 'kiosk.sqlite'), synchronous: 'FULL' });
    await migrateToLatest(db);
    const app = createApp({ db, config: h.config, evidenceDir: join(target, 'evidence'), now: () => new Date('2026-11-23T04:00:00Z') });
    const lan = await db.selectFrom('person').select('id').where('name', '=', people.baLan.name).executeTakeFirstOrThrow();
    // Her tablet's session came back with the rest of the data.
    expect((await app.request(`/api/people/${lan.id}`, { headers: { 'x-villager-token': h.tablet.tokenOf(lan.id)! } })).status).toBe(200);
    const media = await app.request(`/api/media/${sha(pdf)}.pdf`);
    expect(sha(new Uint8Array(await media.arrayBuffer()))).toBe(sha(pdf));
    await db.destroy();
  });

  describe('a damaged backup is refused with nothing written', () => {
    const damage: [string, (copy: string, manifest: any) => void, (manifest: any) => string[]][] = [
      ['a flipped byte in the database copy', (copy) => {
        const file = join(copy, 'kiosk.sqlite');
        const bytes = readFileSync(file);
        const middle = Math.floor(bytes.length / 2);
        bytes[middle] = bytes[middle]! ^ 0x01;
        writeFileSync(file, bytes);
      }, () => ['kiosk.sqlite']],
      ['a missing evidence file', (copy, m) => rmSync(join(copy, m.files.find((f: any) => f.path.startsWith('evidence/')).path)), (m) => [m.files.find((f: any) => f.path.startsWith('evidence/')).path]],
      ['an edited manifest', (copy, m) => {
        m.files[1].size += 1;
        writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m, null, 2));
      }, () => ['manifest.json']],
      ['a manifest with a file taken out of it', (copy, m) => {
        m.files = m.files.slice(0, -1);
        writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m, null, 2));
      }, () => ['manifest.json']],
      ['a truncated file', (copy, m) => {
        const media = m.files.find((f: any) => f.path.startsWith('media/')).path;
        truncateSync(join(copy, media), 10);
      }, (m) => [m.files.find((f: any) => f.path.startsWith('media/')).path]],
    ];
    it.each(damage)('%s', async (_name, spoil, bad) => {
      const copy = join(tempDir('damaged'), 'hoctap-backup-20261123-100000');
      cpSync(backup, copy, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
      spoil(copy, manifest);
      const target = join(tempDir('target'), 'data');
      const e = await refusal(restoreBackup({ from: copy, dataDir: target }));
      expect(e.code).toBe('backup.damaged');
      expect(e.details).toEqual({ files: bad(manifest) });
      expect(existsSync(target)).toBe(false);
    });

    it('a folder without a backup, and the folder holding backups (naming them)', async () => {
      const target = join(tempDir('target'), 'data');
      const empty = await refusal(restoreBackup({ from: tempDir('empty'), dataDir: target }));
      expect(empty.code).toBe('backup.not-found');
      const parent = await refusal(restoreBackup({ from: backupDir, dataDir: target }));
      expect(parent).toMatchObject({ code: 'backup.not-found', details: { backups: [backup] } });
      expect(existsSync(target)).toBe(false);
    });

    it('a backup from a newer version of the kiosk', async () => {
      const copy = join(tempDir('newer'), 'hoctap-backup-20261123-100000');
      cpSync(backup, copy, { recursive: true });
      const { manifestSha256: _, ...body } = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
      body.schemaVersion = '209901010000-from-the-future';
      const manifestSha256 = createHash('sha256').update(canonicalJson(body)).digest('hex');
      writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...body, manifestSha256 }));
      const target = join(tempDir('target'), 'data');
      expect((await refusal(restoreBackup({ from: copy, dataDir: target }))).code).toBe('backup.newer-version');
      expect(existsSync(target)).toBe(false);
    });
  });

  it('restoring onto a data folder that holds data is refused without force, and keeps the old data with it', async () => {
    // A box that has its own data: the fresh restore above made one.
    const target = join(tempDir('occupied'), 'data');
    await restoreBackup({ from: backup, dataDir: target });
    const dbBefore = sha(readFileSync(join(target, 'kiosk.sqlite')));
    const e = await refusal(restoreBackup({ from: backup, dataDir: target }));
    expect(e).toMatchObject({ code: 'backup.target-not-empty', details: { dataDir: target } });
    expect(sha(readFileSync(join(target, 'kiosk.sqlite')))).toBe(dbBefore);
    expect(readdirSync(target).sort()).toEqual(['evidence', 'kiosk.sqlite', 'media']);

    const forced = await restoreBackup({ from: backup, dataDir: target, force: true, now: () => new Date('2026-11-24T01:00:00Z') });
    expect(forced.previousKeptIn).toBe(join(target, 'before-restore-20261124-080000'));
    expect(readdirSync(target).sort()).toEqual(['before-restore-20261124-080000', 'evidence', 'kiosk.sqlite', 'media']);
    expect(readdirSync(forced.previousKeptIn!).sort()).toEqual(['evidence', 'kiosk.sqlite', 'media']);
    expect(sha(readFileSync(join(forced.previousKeptIn!, 'kiosk.sqlite')))).toBe(dbBefore);
    expect(fileHashes(target)).toEqual(fileHashes(h.dir));
  });

  it('a restore onto the data folder of a running kiosk is refused even with force', async () => {
    const dbBefore = sha(readFileSync(join(h.dir, 'kiosk.sqlite')));
    const e = await refusal(restoreBackup({ from: backup, dataDir: h.dir, force: true }));
    expect(e.code).toBe('backup.kiosk-running');
    expect(sha(readFileSync(join(h.dir, 'kiosk.sqlite')))).toBe(dbBefore);
    expect(readdirSync(h.dir).filter((n) => n.startsWith('.restore') || n.startsWith('before-restore'))).toEqual([]);
  });

  it('the administrator sees the last backup, and a warning when it is old', async () => {
    const status = await h.json('GET', '/api/staff/backups', undefined, staff.admin);
    expect(status.body).toMatchObject({ database: 'sqlite', dir: backupDir, hour: 2, keep: 7, warning: null, lastFailure: null, last: { path: backup, files: 5, ok: true } });
    // Three days later (the staff session would have ended: asked of the service).
    const later = await backupStatus({ db: h.db, config: h.config, dataDir: h.dir, now: () => new Date('2026-11-26T04:00:00Z') });
    expect(later).toMatchObject({ warning: 'stale', last: { path: backup } });
  });

  describe('the command line', () => {
    it('backs up to a folder (a USB stick) and records the run', async () => {
      const usb = tempDir('usb');
      const out = await run('server/src/cli/backup.ts', ['--to', usb], { KIOSK_DATA_DIR: h.dir });
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`Đã sao lưu vào ${usb}/hoctap-backup-`);
      expect(out.stdout).toContain('(5 tệp,');
      const [made] = listBackups(usb);
      await verifyBackup(made!.path);
      const row = await h.db.selectFrom('backup_log').selectAll().where('trigger', '=', 'cli').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ ok: 1, path: made!.path, files: 5 });
    }, 60_000);

    it('refuses a folder that does not exist rather than making it (the stick is not plugged in)', async () => {
      const usb = join(tempDir('usb'), 'not-mounted');
      const out = await run('server/src/cli/backup.ts', ['--to', usb], { KIOSK_DATA_DIR: h.dir });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('USB đã cắm vào máy chưa?');
      expect(existsSync(usb)).toBe(false);
    }, 60_000);

    it('exits non-zero on a damaged backup, and restores a good one', async () => {
      const copy = join(tempDir('cli-damaged'), 'hoctap-backup-20261123-100000');
      cpSync(backup, copy, { recursive: true });
      const evidence = (JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')).files as { path: string }[]).find((f) => f.path.startsWith('evidence/'))!.path;
      rmSync(join(copy, evidence));
      const target = join(tempDir('cli-target'), 'data');
      const damaged = await run('server/src/cli/restore.ts', ['--from', copy], { KIOSK_DATA_DIR: target });
      expect(damaged.code).toBe(1);
      expect(damaged.stderr).toContain(`Bản sao lưu bị hỏng: ${evidence}, không khôi phục.`);
      expect(existsSync(target)).toBe(false);

      const good = await run('server/src/cli/restore.ts', ['--from', backup], { KIOSK_DATA_DIR: target });
      expect(good.code).toBe(0);
      expect(good.stdout).toContain('Đã khôi phục bản sao lưu ngày 23/11/2026 10:00 (5 tệp)');
      const again = await run('server/src/cli/restore.ts', ['--from', backup], { KIOSK_DATA_DIR: target });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('đã có dữ liệu, không khôi phục');
      expect(again.stderr).toContain('--force');
    }, 60_000);
  });
});

describe('retention', () => {
  let h: Harness;
  afterEach(async () => { await h.close(); });

  it('keeps the newest N complete backups, links unchanged files, and deletes none when a backup fails', async () => {
    h = await startHarness();
    await populate(h);
    const to = tempDir('keep');
    const made: string[] = [];
    for (let day = 20; day <= 23; day++) {
      const r = await createBackup({ dataDir: h.dir, db: h.db, to, keep: 2, now: () => new Date(`2026-11-${day}T19:00:00Z`) });
      made.push(r.path);
      if (day > 20) expect(r.linked).toBe(4); // the photos and the PDF did not change
    }
    expect(listBackups(to).map((b) => b.path)).toEqual([made[3], made[2]]);
    expect(readdirSync(to).sort()).toEqual(['hoctap-backup-20261123-020000', 'hoctap-backup-20261124-020000']);
    for (const p of made.slice(2)) await verifyBackup(p);

    // A data file that cannot be read: the backup fails, leaves no partial folder, deletes nothing.
    const stray = join(h.dir, 'evidence', 'ff', 'f'.repeat(64));
    mkdirSync(stray, { recursive: true });
    const e = await refusal(createBackup({ dataDir: h.dir, db: h.db, to, keep: 1, now: () => new Date('2026-11-24T19:00:00Z') }));
    expect(e.code).toBe('backup.failed');
    expect(readdirSync(to).sort()).toEqual(['hoctap-backup-20261123-020000', 'hoctap-backup-20261124-020000']);
  });
});

describe('consistency while the kiosk keeps writing', () => {
  let h: Harness;
  afterEach(async () => { await h.close(); });

  const personRowsMatchOutbox = (file: string) => {
    const db = new SQLite(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const persons = db.prepare('select count(*) from person').pluck().get();
      const queued = db.prepare("select count(distinct record_id) from outbox where record_kind = 'person'").pluck().get();
      expect(queued).toBe(persons);
      return persons as number;
    } finally {
      db.close();
    }
  };

  it('through the kiosk\'s own connection, registrations going on during the copy', async () => {
    h = await startHarness();
    for (let i = 0; i < 40; i++) await h.json('PUT', `/api/people/${build.id()}`, { ...people.anhTuan, name: nameOf(i) });
    const to = tempDir('live');
    const writes = Array.from({ length: 40 }, (_, i) => h.json('PUT', `/api/people/${build.id()}`, { ...people.baLan, name: nameOf(100 + i) }));
    const [result, ...answers] = await Promise.all([createBackup({ dataDir: h.dir, db: h.db, to, pagesPerStep: 1 }), ...writes]);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
    const copied = personRowsMatchOutbox(join(result.path, 'kiosk.sqlite'));
    expect(copied).toBeGreaterThanOrEqual(40);
    await verifyBackup(result.path);
  });

  it('from another process (the command line), while the kiosk process commits', async () => {
    h = await startHarness();
    for (let i = 0; i < 20; i++) await h.json('PUT', `/api/people/${build.id()}`, { ...people.anhTuan, name: nameOf(i) });
    // Another process writes pairs of rows in one transaction each, as fast as it can, until killed.
    const file = join(h.dir, 'kiosk.sqlite');
    const writer = spawn(process.execPath, ['-e', `
      const S = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const db = new S(${JSON.stringify(file)}, { timeout: 5000 });
      db.exec('create table if not exists pair (n integer, side text, filler blob)');
      const add = db.transaction((n) => { for (const side of ['a', 'b']) db.prepare('insert into pair values (?, ?, randomblob(2000))').run(n, side); });
      for (let n = 0; n < 300; n++) add(n);
      console.log('writing');
      for (let n = 300; ; n++) add(n);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((ready) => writer.stdout!.once('data', () => ready()));
      const result = await createBackup({ dataDir: h.dir, to: tempDir('cli-live') });
      const copy = new SQLite(join(result.path, 'kiosk.sqlite'), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const sides = copy.prepare('select side, count(*) as n from pair group by side order by side').all();
      copy.close();
      expect((sides as { n: number }[])[0]!.n).toBeGreaterThanOrEqual(300);
      expect((sides as { n: number }[])[0]!.n).toBe((sides as { n: number }[])[1]!.n);
      personRowsMatchOutbox(join(result.path, 'kiosk.sqlite'));
    } finally {
      writer.kill();
      await new Promise((r) => writer.once('close', r));
    }
  }, 60_000);
});

describe('the nightly backup', () => {
  it('is due once per night after the backup hour (Vietnam time), also when the box was off then', () => {
    const at = (iso: string) => new Date(iso);
    // 2:00 in Vietnam is 19:00 UTC the day before.
    expect(backupDue(at('2026-11-23T19:05:00Z'), 2, '2026-11-22T19:04:00Z', '2026-11-22T19:00:00Z')).toBe(true);
    expect(backupDue(at('2026-11-23T19:20:00Z'), 2, '2026-11-23T19:06:00Z', '2026-11-23T19:05:00Z')).toBe(false);
    expect(backupDue(at('2026-11-23T18:55:00Z'), 2, '2026-11-22T19:04:00Z', null)).toBe(false);
    // Switched off at night, on at 7:00: due then.
    expect(backupDue(at('2026-11-24T00:10:00Z'), 2, '2026-11-22T19:04:00Z', '2026-11-22T19:00:00Z')).toBe(true);
    // Never backed up: due at once. A failed nightly try waits for the next night; a manual success counts.
    expect(backupDue(at('2026-11-24T00:10:00Z'), 2, null, null)).toBe(true);
    expect(backupDue(at('2026-11-24T00:10:00Z'), 2, null, '2026-11-23T19:00:00Z')).toBe(false);
    expect(backupDue(at('2026-11-24T08:00:00Z'), 2, '2026-11-24T07:00:00Z', null)).toBe(false);
  });

  it('runs into backup.dir once a night and is recorded', async () => {
    const dir = tempDir('nightly');
    const h = await startHarness(new Date('2026-11-23T19:30:00Z'), { KIOSK_BACKUP_DIR: dir });
    try {
      await populate(h);
      const lines: string[] = [];
      const checks: boolean[] = [];
      const nightly = scheduleNightlyBackup({ db: h.db, config: h.config, dataDir: h.dir, now: () => new Date('2026-11-23T19:30:00Z') }, {
        firstCheckMs: 0, everyMs: 10, log: (l) => lines.push(l), onChecked: (ran) => checks.push(ran),
      });
      try {
        // The first look makes it; the next looks the same night find it done.
        await vi.waitFor(() => { expect(checks.length).toBeGreaterThanOrEqual(3); }, { timeout: 20_000 });
      } finally {
        nightly.stop();
      }
      expect(checks.filter(Boolean)).toHaveLength(1);
      expect(checks[0]).toBe(true);
      const rows = await h.db.selectFrom('backup_log').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ ok: 1, trigger: 'nightly', files: 5 });
      expect(lines[0]).toContain(`Đã sao lưu vào ${dir}/hoctap-backup-20261124-023000`);
      expect(listBackups(dir)).toHaveLength(1);
    } finally {
      await h.close();
    }
  }, 30_000);

  it('a failed backup is recorded with its code and shown to the administrator', async () => {
    const missing = join(tempDir('gone'), 'file-not-folder');
    writeFileSync(missing, 'a file where the backup folder should be');
    const h = await startHarness(undefined, { KIOSK_BACKUP_DIR: missing });
    try {
      const staff = await staffSessions(h);
      const res = await h.json('POST', '/api/staff/backups', undefined, staff.admin);
      expect(res.body.code).toBe('backup.failed');
      const status = (await h.json('GET', '/api/staff/backups', undefined, staff.admin)).body;
      expect(status).toMatchObject({ warning: 'never', last: null, lastFailure: { code: 'backup.failed' }, recent: [{ ok: false, trigger: 'manual' }] });
      expect(await lastBackup(h.db)).toBeNull();
      const audit = await h.db.selectFrom('audit_log').select('details').where('action', '=', 'backup.create').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details)).toMatchObject({ ok: false, error: 'backup.failed' });
    } finally {
      await h.close();
    }
  });
});

describe('on PostgreSQL (a hub)', () => {
  const pgUrl = inject('pgUrl');
  // Without PostgreSQL it is skipped (said loudly by the global setup); under CI it runs and fails.
  it.skipIf(!pgUrl && !requiredUnderCi)('says the database is backed up with pg_dump, and the log table exists', async () => {
    expect(pgUrl, 'PostgreSQL is required under CI').toBeTruthy();
    const h = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_DATABASE_URL: pgUrl! }, undefined, pgUrl);
    try {
      const staff = await staffSessions(h);
      const before = await h.counts();
      expect((await h.json('GET', '/api/staff/backups', undefined, staff.admin)).body).toMatchObject({ database: 'postgres', last: null, recent: [] });
      expect(await h.json('POST', '/api/staff/backups', undefined, staff.admin)).toMatchObject({ status: 409, body: { code: 'backup.postgres' } });
      expect(await h.counts()).toEqual(before);
      expect((await refusal(createBackup({ dataDir: h.dir, db: h.db, to: tempDir('pg') }))).code).toBe('backup.postgres');
      const lines: string[] = [];
      scheduleNightlyBackup({ db: h.db, config: h.config, dataDir: h.dir, now: () => new Date() }, { log: (l) => lines.push(l) }).stop();
      expect(lines[0]).toContain('pg_dump');
    } finally {
      await h.close();
    }
  });
});

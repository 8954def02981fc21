import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, listBackups, verifyBackup } from '../../server/src/backup/backup.manifest.ts';
import { restoreBackup } from '../../server/src/backup/backup.restore.ts';
import { backupStatus, lastBackup } from '../../server/src/backup/backup.service.ts';
import { createApp } from '../../server/src/app.ts';
import { migrateToLatest, openDatabase } from '../../server/src/db/database.ts';
import { migrations } from '../../server/src/db/migrations/index.ts';
import { people } from '../fixtures/people.ts';
import {
  backup,
  backupDir,
  before,
  centerBackedUpOnce,
  dumpTables,
  fileHashes,
  h,
  pdf,
  refusal,
  removeTempDirs,
  run,
  sha,
  staff,
  tempDir,
} from './backup-setup.ts';

/**
 * Backups the administrator can trust: a backup of a data folder with real records, photos and a
 * stored document restores to the same rows and files; a damaged backup, or a data folder that
 * already holds data, is refused with nothing written. The backups a box makes by itself, and a
 * hub on PostgreSQL, are in backup-nightly.test.ts.
 */

afterAll(removeTempDirs);

describe('a backup of a center with real records', () => {
  centerBackedUpOnce();

  it('is a complete folder with a manifest, recorded in the log and the audit', async () => {
    expect(listBackups(backupDir).map((b) => b.path)).toEqual([backup]);
    expect(readdirSync(backupDir)).toEqual([backup.split('/').pop()]);
    expect(backup).toMatch(/hoctap-backup-20261123-100000$/); // 03:00 UTC is 10:00 in Vietnam
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'hoctap-backup',
      center: { id: h.config.center.id, name: h.config.center.name },
      schemaVersion: Object.keys(migrations).at(-1),
      createdAt: '2026-11-23T03:00:00.000Z',
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
    expect(last).toMatchObject({
      ok: true,
      trigger: 'manual',
      path: backup,
      files: 5,
      bytes: manifest.totalBytes,
      error: null,
    });
    const audit = await h.db.selectFrom('audit_log').selectAll().where('action', '=', 'backup.create').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ ok: true, path: backup, files: 5 });
  });

  it("the copied database passes SQLite's integrity check", () => {
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
    const app = createApp({
      db,
      config: h.config,
      evidenceDir: join(target, 'evidence'),
      now: () => new Date('2026-11-23T04:00:00Z'),
    });
    const lan = await db
      .selectFrom('person')
      .select('id')
      .where('name', '=', people.baLan.name)
      .executeTakeFirstOrThrow();
    // Her tablet's session came back with the rest of the data.
    expect(
      (await app.request(`/api/people/${lan.id}`, { headers: { 'x-villager-token': h.tablet.tokenOf(lan.id)! } }))
        .status,
    ).toBe(200);
    const media = await app.request(`/api/media/${sha(pdf)}.pdf`);
    expect(sha(new Uint8Array(await media.arrayBuffer()))).toBe(sha(pdf));
    await db.destroy();
  });

  describe('a damaged backup is refused with nothing written', () => {
    const damage: [string, (copy: string, manifest: any) => void, (manifest: any) => string[]][] = [
      [
        'a flipped byte in the database copy',
        (copy) => {
          const file = join(copy, 'kiosk.sqlite');
          const bytes = readFileSync(file);
          const middle = Math.floor(bytes.length / 2);
          bytes[middle] = bytes[middle]! ^ 0x01;
          writeFileSync(file, bytes);
        },
        () => ['kiosk.sqlite'],
      ],
      [
        'a missing evidence file',
        (copy, m) => rmSync(join(copy, m.files.find((f: any) => f.path.startsWith('evidence/')).path)),
        (m) => [m.files.find((f: any) => f.path.startsWith('evidence/')).path],
      ],
      [
        'an edited manifest',
        (copy, m) => {
          m.files[1].size += 1;
          writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m, null, 2));
        },
        () => ['manifest.json'],
      ],
      [
        'a manifest with a file taken out of it',
        (copy, m) => {
          m.files = m.files.slice(0, -1);
          writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m, null, 2));
        },
        () => ['manifest.json'],
      ],
      [
        'a truncated file',
        (copy, m) => {
          const media = m.files.find((f: any) => f.path.startsWith('media/')).path;
          truncateSync(join(copy, media), 10);
        },
        (m) => [m.files.find((f: any) => f.path.startsWith('media/')).path],
      ],
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

    const forced = await restoreBackup({
      from: backup,
      dataDir: target,
      force: true,
      now: () => new Date('2026-11-24T01:00:00Z'),
    });
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
    expect(status.body).toMatchObject({
      database: 'sqlite',
      dir: backupDir,
      hour: 2,
      keep: 7,
      warning: null,
      lastFailure: null,
      last: { path: backup, files: 5, ok: true },
    });
    // Three days later (the staff session would have ended: asked of the service).
    const later = await backupStatus({
      db: h.db,
      config: h.config,
      dataDir: h.dir,
      now: () => new Date('2026-11-26T04:00:00Z'),
    });
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
      const row = await h.db
        .selectFrom('backup_log')
        .selectAll()
        .where('trigger', '=', 'cli')
        .executeTakeFirstOrThrow();
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
      const evidence = (JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')).files as { path: string }[]).find(
        (f) => f.path.startsWith('evidence/'),
      )!.path;
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

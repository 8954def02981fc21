import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/errors.ts';
import { createBackup } from '../backup/backup.create.ts';
import { DB_FILE } from '../backup/backup.manifest.ts';
import { backupMessage } from '../backup/backup.messages.ts';
import { backupDirOf } from '../backup/backup.service.ts';
import { cliConfig } from './cli-config.ts';

/**
 * `npm run backup -- --to /media/usb`: a consistent backup of the data folder (safe while the kiosk
 * runs) into a new hoctap-backup-… folder there; without --to, into backup.dir. Exits 1 on a refusal.
 */

let to: string | undefined;
try {
  ({
    values: { to },
  } = parseArgs({ options: { to: { type: 'string' } }, strict: true }));
} catch {
  console.error('Cách dùng: npm run backup -- --to <thư mục, ví dụ /media/usb>');
  process.exit(2);
}

const { config, dataDir } = cliConfig();
const s = config.settings;
if (s['db.url']) {
  console.error(backupMessage('backup.postgres', {}));
  process.exit(1);
}
const target = to ? resolve(to) : backupDirOf(config, dataDir);
const startedAt = new Date().toISOString();
console.log('Đang sao lưu…');
try {
  const r = await createBackup({
    dataDir,
    to: target,
    createTo: !to,
    keep: s['backup.keep'],
    center: { id: config.center.id, name: config.center.name },
  });
  record({ ok: 1, path: r.path, bytes: r.bytes, files: r.files, error: null });
  console.log(backupMessage('done', { path: r.path, files: r.files, bytes: r.bytes }));
  if (r.damagedSources.length > 0) console.error(backupMessage('damaged-sources', { files: r.damagedSources }));
} catch (e) {
  const err = e instanceof AppError ? e : new AppError('backup.failed', { reason: String((e as Error)?.message ?? e) });
  record({ ok: 0, path: target, bytes: 0, files: 0, error: err.code });
  console.error(backupMessage(err.code, err.details ?? {}));
  process.exitCode = 1;
}

/** Adds the run to the kiosk's backup log, when the database has one (the kiosk may be running: it waits its turn). */
function record(row: { ok: number; path: string; bytes: number; files: number; error: string | null }): void {
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) return;
  try {
    const db = new SQLite(file, { fileMustExist: true, timeout: 5000 });
    try {
      if (!db.prepare("select 1 from sqlite_master where type = 'table' and name = 'backup_log'").get()) return;
      db.prepare(
        'insert into backup_log (started_at, finished_at, ok, trigger, path, bytes, files, error) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(startedAt, new Date().toISOString(), row.ok, 'cli', row.path, row.bytes, row.files, row.error);
    } finally {
      db.close();
    }
  } catch {
    // The log is a convenience: the backup itself is what counts.
  }
}

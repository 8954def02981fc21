import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { BackupRun, BackupStatus } from '../../../shared/schemas/backup.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import type { BackupLogTable } from '../db/schema.ts';
import { createBackup, type BackupResult } from './backup.create.ts';
import { backupMessage } from './backup.messages.ts';
import { lastNightlyStart, lastSuccessful, logBackup, recentBackups } from './backup.repository.ts';
import { repeat } from '../jobs/repeat.ts';
import { lastSlot } from '../jobs/daily-slot.ts';

/** What a backup run needs: the kiosk's open database and its data folder. */
export interface BackupDeps {
  db: Db;
  config: KioskConfig;
  /** The data folder (kiosk.sqlite, evidence/, media/). */
  dataDir: string;
  now: () => Date;
}

type Trigger = BackupLogTable['trigger'];

/** `backup.dir`, or a "backups" folder beside the data folder (./backups for ./data). */
export function backupDirOf(config: KioskConfig, dataDir: string): string {
  const dir = config.settings['backup.dir'];
  return dir ? resolve(dir) : resolve(dataDir, '..', 'backups');
}

const isPostgres = (config: KioskConfig) => config.settings['db.url'] !== null;

// One backup at a time in this process: "Sao lưu ngay" during the nightly one waits for it.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes a backup into `backup.dir` now and records it (ok or failed) in backup_log; a manual one
 * is audited with who asked. A refusal on PostgreSQL records nothing.
 */
export function runBackup(deps: BackupDeps, trigger: Trigger, actor: Actor | null = null): Promise<BackupRun> {
  const run = queue.then(() => backupOnce(deps, trigger, actor));
  queue = run.catch(() => undefined);
  return run;
}

async function backupOnce(deps: BackupDeps, trigger: Trigger, actor: Actor | null): Promise<BackupRun> {
  const { db, config, dataDir, now } = deps;
  if (isPostgres(config)) throw new AppError('backup.postgres');
  const to = backupDirOf(config, dataDir);
  const startedAt = now().toISOString();
  let result: BackupResult;
  try {
    result = await createBackup({
      dataDir,
      db,
      to,
      createTo: true,
      keep: config.settings['backup.keep'],
      now,
      center: { id: config.center.id, name: config.center.name },
    });
  } catch (e) {
    const err =
      e instanceof AppError ? e : new AppError('backup.failed', { reason: String((e as Error)?.message ?? e) });
    const row = {
      started_at: startedAt,
      finished_at: now().toISOString(),
      ok: 0,
      trigger,
      path: to,
      bytes: 0,
      files: 0,
      error: err.code,
    };
    await db.transaction().execute(async (tx) => {
      await logBackup(tx, row);
      if (trigger === 'manual')
        await audit(
          tx,
          actor,
          { action: 'backup.create', details: { ok: false, error: err.code, to } },
          row.finished_at,
        );
    });
    throw err;
  }
  const row = {
    started_at: startedAt,
    finished_at: now().toISOString(),
    ok: 1,
    trigger,
    path: result.path,
    bytes: result.bytes,
    files: result.files,
    error: null,
  };
  const id = await db.transaction().execute(async (tx) => {
    const insertedId = await logBackup(tx, row);
    if (trigger === 'manual') {
      await audit(
        tx,
        actor,
        {
          action: 'backup.create',
          subjectKind: 'backup',
          subjectId: String(insertedId),
          details: { ok: true, path: result.path, files: result.files, bytes: result.bytes },
        },
        row.finished_at,
      );
    }
    return insertedId;
  });
  if (result.damagedSources.length > 0)
    console.error(backupMessage('damaged-sources', { files: result.damagedSources }));
  return toView({ id, ...row });
}

/** The latest successful backup (for the health check and the administrator's home), or null. */
export async function lastBackup(db: Db): Promise<BackupRun | null> {
  const row = await lastSuccessful(db);
  return row ? toView(row) : null;
}

/** What the administrator's home shows: the last backup, the recent tries, and whether to warn. */
export async function backupStatus(deps: BackupDeps): Promise<BackupStatus> {
  const { db, config, dataDir, now } = deps;
  const recent = (await recentBackups(db, 10)).map(toView);
  const last = await lastBackup(db);
  const latest = recent[0] ?? null;
  const warning = last === null ? 'never' : now().getTime() - Date.parse(last.finishedAt) > STALE_MS ? 'stale' : null;
  return {
    database: isPostgres(config) ? 'postgres' : 'sqlite',
    dir: backupDirOf(config, dataDir),
    hour: config.settings['backup.hour'],
    keep: config.settings['backup.keep'],
    last,
    lastFailure: latest && !latest.ok ? { at: latest.finishedAt, code: latest.error ?? 'backup.failed' } : null,
    warning,
    recent,
  };
}

/** A backup older than this is shown as a warning. */
const STALE_MS = 2 * 24 * 3600_000;

function toView(r: {
  id: number;
  started_at: string;
  finished_at: string;
  ok: number;
  trigger: Trigger;
  path: string | null;
  bytes: number;
  files: number;
  error: string | null;
}): BackupRun {
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ok: r.ok === 1,
    trigger: r.trigger,
    path: r.path,
    bytes: Number(r.bytes),
    files: r.files,
    error: r.error,
  };
}

/**
 * Whether the nightly backup is due: nothing succeeded, and no nightly run was tried, since the last
 * backup hour. A box that was switched off at that hour therefore backs up soon after it starts; a
 * failed nightly run (a stick not plugged in) waits for the next night rather than trying all day.
 */
export function backupDue(now: Date, hour: number, lastOkAt: string | null, lastNightlyAt: string | null): boolean {
  const slot = lastSlot(now, hour).getTime();
  const since = (at: string | null) => at !== null && Date.parse(at) >= slot;
  return !since(lastOkAt) && !since(lastNightlyAt);
}

export interface NightlyOptions {
  /** First look, after the start has settled (default 10 minutes). */
  firstCheckMs?: number;
  /** Then every (default 15 minutes). */
  everyMs?: number;
  log?: (line: string) => void;
  /** Told after each look whether it made a backup (tests). */
  onChecked?: (ran: boolean) => void;
}

/**
 * Starts the nightly backup into `backup.dir` at `backup.hour` (Vietnam time), or soon after start
 * when that hour was missed. Timers do not keep the process alive. On PostgreSQL it only says that
 * the database is backed up with pg_dump.
 */
export function scheduleNightlyBackup(deps: BackupDeps, options: NightlyOptions = {}): { stop: () => void } {
  const log = options.log ?? ((line: string) => console.log(line));
  if (isPostgres(deps.config)) {
    log(backupMessage('backup.postgres', {}));
    return { stop: () => {} };
  }
  const check = async () => {
    const { db, config, now } = deps;
    const [ok, nightly] = await Promise.all([lastSuccessful(db), lastNightlyStart(db)]);
    if (!backupDue(now(), config.settings['backup.hour'], ok?.finished_at ?? null, nightly)) {
      options.onChecked?.(false);
      return;
    }
    try {
      const run = await runBackup(deps, 'nightly');
      log(backupMessage('done', { path: run.path ?? '', files: run.files, bytes: run.bytes }));
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('backup.failed', { reason: String(e) });
      log(backupMessage(err.code, err.details ?? {}));
    }
    options.onChecked?.(true);
  };
  return repeat(check, {
    firstMs: options.firstCheckMs ?? 10 * 60_000,
    everyMs: options.everyMs ?? 15 * 60_000,
    onError: (e) => log(backupMessage('backup.failed', { reason: String(e) })),
  });
}

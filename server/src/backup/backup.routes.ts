import { dirname } from 'node:path';
import { Hono, type Context } from 'hono';
import { requireRole } from '../http/auth.ts';
import type { AppEnv } from '../http/context.ts';
import { backupStatus, runBackup, type BackupDeps } from './backup.service.ts';

function backupDeps(c: Context<AppEnv>): BackupDeps {
  const { db, config, now, evidenceDir } = c.var.deps;
  return { db, config, now, dataDir: dirname(evidenceDir) };
}

/** The administrator's backups: the last ones on the home page, and "Sao lưu ngay" into backup.dir. */
export const backupRoutes = new Hono<AppEnv>()
  .get('/staff/backups', requireRole('admin'), async (c) => c.json(await backupStatus(backupDeps(c))))
  .post('/staff/backups', requireRole('admin'), async (c) => {
    const staff = c.var.staff!;
    return c.json(await runBackup(backupDeps(c), 'manual', { id: staff.id, name: staff.name }));
  });

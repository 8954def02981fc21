import type { BackupStatus } from '../../../shared/schemas/backup.ts';
import { fill } from '../../../shared/i18n/vi.ts';
import { viStaff as t } from '../lib/i18n/vi-staff.ts';
import { errorCode } from '../lib/api.ts';
import { staffApi } from './api.ts';

/**
 * The administrator's backup line (BackupLine.svelte): the box's backup status, and "Sao lưu ngay",
 * whose outcome is said once the status it describes has been read again.
 */
export class BackupLineState {
  status = $state<BackupStatus | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  done = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.status = await staffApi.backups();
    } catch (e) {
      this.error = errorCode(e);
    }
  }

  /** Backs up now, reads the status again, then says how many files the backup holds. */
  async backupNow(): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    let done: string | null = null;
    try {
      const run = await staffApi.backupNow();
      done = fill(t.backup.done, { files: run.files.toLocaleString('vi-VN') });
    } catch (e) {
      this.error = errorCode(e);
    } finally {
      this.busy = false;
    }
    // Read before it is said, so "Đã sao lưu" never sits above the last backup as it was before.
    await this.load();
    this.done = done;
  }
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupRun, BackupStatus } from '../../../shared/schemas/backup.ts';
import { ApiError } from '../lib/api.ts';
import { onWrite } from '../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ backups: vi.fn(), backupNow: vi.fn() }));
vi.mock('./api.ts', () => ({ staffApi: box }));
const { BackupLineState } = await import('./backup-line.svelte.ts');

const run = (finishedAt: string, files: number) => ({ finishedAt, files, ok: true }) as unknown as BackupRun;
const status = (last: BackupRun | null) =>
  ({
    database: 'sqlite',
    last,
    lastFailure: null,
    warning: last ? null : 'never',
    recent: [],
  }) as unknown as BackupStatus;

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

describe('BackupLineState', () => {
  it('says the backup is done only once the status shows it as the last one', async () => {
    const b = new BackupLineState();
    box.backups.mockResolvedValue(status(null));
    await b.load();
    const made = run('2026-12-07T03:00:00.000Z', 1234);
    box.backupNow.mockResolvedValue(made);
    box.backups.mockResolvedValue(status(made));
    const said = onWrite(b, 'done', () => b.status?.last?.finishedAt ?? null);
    await b.backupNow();
    expect(said).toEqual([
      { value: null, seen: null },
      { value: 'Đã sao lưu: 1.234 tệp.', seen: '2026-12-07T03:00:00.000Z' },
    ]);
    expect(b.busy).toBe(false);
  });

  it('a failed backup keeps its code, reads the status again and says nothing done', async () => {
    const b = new BackupLineState();
    box.backups.mockResolvedValue(status(null));
    await b.load();
    box.backupNow.mockRejectedValue(new ApiError('backup.failed', 'no'));
    await b.backupNow();
    expect(b.error).toBe('backup.failed');
    expect(b.done).toBeNull();
    expect(b.busy).toBe(false);
    expect(box.backups).toHaveBeenCalledTimes(2);
  });
});

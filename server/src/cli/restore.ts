import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors.ts';
import { restoreBackup } from '../backup/backup.restore.ts';
import { backupMessage } from '../backup/backup.messages.ts';
import { cliConfig } from './cli-config.ts';

/**
 * `npm run restore -- --from <backup folder> [--force]`: checks the whole backup first, refuses a
 * damaged one, and a data folder that holds data without --force (that data is then kept aside).
 * Stop the kiosk first. Exits 1 on a refusal.
 */
const usage =
  'Cách dùng: npm run restore -- --from <thư mục bản sao lưu, ví dụ /media/usb/hoctap-backup-20261124-020000> [--force]';

let from: string | undefined;
let force = false;
try {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
  });
  from = values.from;
  force = values.force ?? false;
} catch {
  from = undefined;
}
if (!from) {
  console.error(usage);
  process.exit(2);
}

const { config, dataDir } = cliConfig();
if (config.settings['db.url']) {
  console.error(backupMessage('backup.postgres', {}));
  process.exit(1);
}
console.log('Đang kiểm tra bản sao lưu…');
try {
  const r = await restoreBackup({ from: resolve(from), dataDir, force });
  console.log(backupMessage('restored', { ...r, dataDir }, 'restore'));
} catch (e) {
  const err = e instanceof AppError ? e : new AppError('backup.failed', { reason: String((e as Error)?.message ?? e) });
  console.error(backupMessage(err.code, err.details ?? {}, 'restore'));
  process.exitCode = 1;
}

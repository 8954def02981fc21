import { join } from 'node:path';
import { cliConfig } from './cli-config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { runChecks, type CheckStatus } from '../health/checks.ts';

/**
 * `npm run doctor`: checks the box and explains in Vietnamese what is fine and what to do: disk
 * space, database integrity (the full check), certificate, clock, hub, changes waiting, backups, and whether Node.js still gets security fixes.
 * Exits 1 when something must be fixed, so it can also run from a script.
 */
const { config, dataDir } = cliConfig();
const db = openDatabase({ file: join(dataDir, 'kiosk.sqlite'), url: config.settings['db.url'], synchronous: config.settings['db.synchronous'] });
await migrateToLatest(db);
const health = await runChecks({ db, config, dataDir, now: () => new Date(), thorough: true });
const mark: Record<CheckStatus, string> = { ok: '✔ Tốt  ', warn: '⚠ Lưu ý', fail: '✖ Lỗi  ' };
const titles: Record<string, string> = {
  disk: 'Ổ đĩa', database: 'Cơ sở dữ liệu', certificate: 'Chứng chỉ HTTPS', clock: 'Đồng hồ', hub: 'Kết nối với cấp trên', outbox: 'Dữ liệu chờ gửi', backup: 'Sao lưu', runtime: 'Node.js',
};
console.log(`Kiểm tra máy của ${config.center.name}\n`);
for (const c of health.checks) console.log(`${mark[c.status]}  ${titles[c.id]}: ${c.message}`);
console.log(health.status === 'ok' ? '\nMáy hoạt động tốt.' : health.status === 'warn' ? '\nMáy vẫn chạy, có điều cần lưu ý ở trên.' : '\nCó lỗi cần sửa (xem ở trên).');
await db.destroy();
process.exit(health.status === 'fail' ? 1 : 0);

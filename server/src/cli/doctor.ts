import { join } from 'node:path';
import { cliConfig } from './cli-config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { federationStatus } from '../sync/sync-status.ts';
import { readState } from '../sync/sync-state.repository.ts';
import { runChecks, type CheckStatus } from '../health/checks.ts';

/**
 * `npm run doctor`: checks the box and explains in Vietnamese what is fine and what to do: disk
 * space, database integrity (the full check), certificate, clock, hub, changes waiting, backups, and whether Node.js still gets security fixes.
 * Also the history of what was sent to the hub (issue 21): changes lost with a box that was
 * restored from a backup, and a center that cannot agree with its hub on what it holds.
 * Exits 1 when something must be fixed, so it can also run from a script.
 */
const { config, dataDir } = cliConfig();
const db = openDatabase({
  file: join(dataDir, 'kiosk.sqlite'),
  url: config.settings['db.url'],
  synchronous: config.settings['db.synchronous'],
});
await migrateToLatest(db);
const health = await runChecks({ db, config, dataDir, now: () => new Date(), thorough: true });
const mark: Record<CheckStatus, string> = { ok: '✔ Tốt  ', warn: '⚠ Lưu ý', fail: '✖ Lỗi  ' };
const titles: Record<string, string> = {
  disk: 'Ổ đĩa',
  database: 'Cơ sở dữ liệu',
  certificate: 'Chứng chỉ HTTPS',
  clock: 'Đồng hồ',
  hub: 'Kết nối với cấp trên',
  outbox: 'Dữ liệu chờ gửi',
  backup: 'Sao lưu',
  runtime: 'Node.js',
  evidence: 'Ảnh minh chứng',
};
console.log(`Kiểm tra máy của ${config.center.name}\n`);
for (const c of health.checks) console.log(`${mark[c.status]}  ${titles[c.id] ?? c.id}: ${c.message}`);

/** Why the center and its hub could not agree (federation.service.ts `unresolved`), in words. */
const why: Record<string, string> = {
  'epoch-retired':
    'máy này đã được thay bằng một máy khôi phục từ bản sao lưu, và máy đó đã gửi dữ liệu lên. Hãy dùng máy đã khôi phục và nhập lại trên đó những gì chỉ có ở máy này',
  'hub-too-old':
    'máy chủ cấp trên chạy phiên bản cũ, chưa đối chiếu được dữ liệu sau khi khôi phục. Hãy nhờ cấp trên cập nhật phần mềm trước',
  agreements: 'có thể có hai máy cùng gửi dữ liệu dưới tên trung tâm này. Hãy tắt máy không dùng nữa',
};
const sync = await federationStatus(db);
let status = health.status;
if (sync.historyUnresolved) {
  const reason = (JSON.parse((await readState(db)).historyError ?? '{}') as { reason?: string }).reason ?? '';
  console.log(
    `${mark.fail}  Lịch sử đồng bộ: dữ liệu đã gửi của máy này không khớp với xã (cấp trên), nên máy tạm dừng gửi${sync.waiting > 0 ? `; ${sync.waiting.toLocaleString('vi-VN')} thay đổi vẫn được giữ ở đây` : ''}. Lý do: ${why[reason] ?? 'chưa rõ'}.`,
  );
  status = 'fail';
} else if (sync.lostChanges > 0) {
  console.log(
    `${mark.warn}  Lịch sử đồng bộ: ${sync.lostChanges.toLocaleString('vi-VN')} thay đổi đã gửi lên cấp trên từ máy cũ nhưng không có trong bản sao lưu đã khôi phục (cấp trên vẫn giữ chúng). Hãy kiểm tra và nhập lại ở trung tâm những gì còn thiếu.`,
  );
  if (status === 'ok') status = 'warn';
}
console.log(
  status === 'ok'
    ? '\nMáy hoạt động tốt.'
    : status === 'warn'
      ? '\nMáy vẫn chạy, có điều cần lưu ý ở trên.'
      : '\nCó lỗi cần sửa (xem ở trên).',
);
await db.destroy();
process.exit(status === 'fail' ? 1 : 0);

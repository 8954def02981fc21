import { join } from 'node:path';
import { lastBackup } from '../backup/backup.service.ts';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import { federationStatus, hubTls } from '../sync/sync-status.ts';
import { pinnedFetch } from '../sync/pinned-fetch.ts';
import { serverCertificateEnd, RENEW_BEFORE_DAYS } from '../tls/certificates.ts';
import { freeBytes } from '../system/disk.ts';
import { pingDatabase, sqliteCheck } from './health.repository.ts';
import { nodeSupport } from './node-support.ts';
import { retentionSummary } from '../evidence/evidence.retention.ts';
import { vietnamDate } from '../../../shared/domain/vietnam-time.ts';

/**
 * The box's health, explained in Vietnamese for the administrator (`npm run doctor`) and as a
 * status for monitoring (`GET /api/health`): disk space, database integrity, certificate expiry,
 * clock, hub reachability, changes waiting to go up, backup age, evidence photos deleted when their
 * time was up. Each check says what it found and, when something is wrong, what to do.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail';
export interface Check {
  id: 'disk' | 'database' | 'certificate' | 'clock' | 'hub' | 'outbox' | 'backup' | 'runtime' | 'evidence';
  status: CheckStatus;
  /** One line in plain Vietnamese: what was found and, if needed, what to do. */
  message: string;
}
export interface Health {
  status: CheckStatus;
  at: string;
  checks: Check[];
}

export interface HealthDeps {
  db: Db;
  config: KioskConfig;
  /** The data folder (kiosk.sqlite, evidence/, media/, tls/). */
  dataDir: string;
  now: () => Date;
  fetch?: typeof fetch;
  /** The full integrity check reads the whole database (doctor); the endpoint uses the quick one. */
  thorough?: boolean;
  /** The Node.js version running the box (process.version; another in tests). */
  nodeVersion?: string;
}

const DAY = 86_400_000;
const MB = 1_000_000;
const dmy = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
/** Earliest plausible date: a clock before this was reset (a box without a clock battery). */
const EARLIEST = Date.parse('2026-01-01T00:00:00Z');

async function disk(deps: HealthDeps): Promise<Check> {
  const free = freeBytes(deps.dataDir);
  const photos = deps.config.settings['disk.minFreeForPhotosMb'] * MB;
  const mb = Math.floor(free / MB).toLocaleString('vi-VN');
  if (free < photos)
    return {
      id: 'disk',
      status: 'fail',
      message: `Ổ đĩa gần đầy: còn ${mb} MB. Máy đang không nhận ảnh mới. Hãy sao lưu ra USB rồi xóa bớt tệp cũ, hoặc thay thẻ nhớ lớn hơn.`,
    };
  if (free < photos * 2)
    return { id: 'disk', status: 'warn', message: `Ổ đĩa còn ít chỗ: ${mb} MB. Sắp tới máy sẽ không nhận ảnh mới.` };
  return { id: 'disk', status: 'ok', message: `Ổ đĩa còn ${mb} MB trống.` };
}

async function database(deps: HealthDeps): Promise<Check> {
  try {
    if (deps.config.settings['db.url'] !== null) {
      await pingDatabase(deps.db);
      return { id: 'database', status: 'ok', message: 'Cơ sở dữ liệu PostgreSQL trả lời bình thường.' };
    }
    const result = await sqliteCheck(deps.db, deps.thorough ?? false);
    if (result === 'ok') return { id: 'database', status: 'ok', message: 'Cơ sở dữ liệu nguyên vẹn.' };
    return {
      id: 'database',
      status: 'fail',
      message: `Cơ sở dữ liệu bị hỏng (${result.slice(0, 200)}). Hãy khôi phục từ bản sao lưu gần nhất (npm run restore).`,
    };
  } catch (e) {
    return { id: 'database', status: 'fail', message: `Không đọc được cơ sở dữ liệu: ${(e as Error).message}` };
  }
}

async function certificate(deps: HealthDeps): Promise<Check> {
  if (deps.config.settings['tls.mode'] === 'off')
    return {
      id: 'certificate',
      status: 'warn',
      message: 'HTTPS đang tắt: máy tính bảng không dùng được khi mất mạng. Bật lại bằng KIOSK_TLS=on.',
    };
  const end = serverCertificateEnd(join(deps.dataDir, 'tls'));
  if (!end) return { id: 'certificate', status: 'warn', message: 'Chưa có chứng chỉ: máy sẽ tự tạo khi khởi động.' };
  const days = Math.floor((end.getTime() - deps.now().getTime()) / DAY);
  if (days < 0)
    return {
      id: 'certificate',
      status: 'fail',
      message: `Chứng chỉ đã hết hạn từ ngày ${dmy(end.toISOString())}. Khởi động lại máy để tạo chứng chỉ mới.`,
    };
  if (days < RENEW_BEFORE_DAYS)
    return {
      id: 'certificate',
      status: 'warn',
      message: `Chứng chỉ hết hạn sau ${days} ngày (${dmy(end.toISOString())}) mà chưa được làm mới. Khởi động lại máy.`,
    };
  return {
    id: 'certificate',
    status: 'ok',
    message: `Chứng chỉ còn hạn đến ngày ${dmy(end.toISOString())} (tự làm mới trước khi hết hạn).`,
  };
}

type FederationStatus = Awaited<ReturnType<typeof federationStatus>>;

async function clockAndHub(deps: HealthDeps, status: FederationStatus): Promise<Check[]> {
  const now = deps.now();
  const clock: Check =
    now.getTime() < EARLIEST
      ? {
          id: 'clock',
          status: 'fail',
          message: `Đồng hồ của máy sai (${dmy(now.toISOString())}). Hãy đặt lại ngày giờ, hoặc nối mạng để máy tự chỉnh.`,
        }
      : {
          id: 'clock',
          status: 'ok',
          message: `Đồng hồ của máy: ${now.toISOString().replace('T', ' ').slice(0, 16)} (giờ quốc tế).`,
        };
  if (!status.enrolled || !status.hubUrl) {
    return [
      clock,
      {
        id: 'hub',
        status: 'ok',
        message: 'Chưa kết nối với cấp trên (không bắt buộc: mọi việc ở trung tâm vẫn làm được).',
      },
    ];
  }
  try {
    // Through the same pinned TLS context as the sync itself (the hub's own CA is not in the system's roots).
    const res = await (deps.fetch ?? pinnedFetch)(
      `${status.hubUrl}/api/kiosk`,
      { signal: AbortSignal.timeout(5000) },
      await hubTls(deps.db),
    );
    // The hub's own clock: a box far off would have its signed requests refused.
    const hubTime = Date.parse(res.headers.get('date') ?? '');
    const skew = Number.isNaN(hubTime) ? 0 : Math.round((now.getTime() - hubTime) / 1000);
    if (Math.abs(skew) > deps.config.settings['sync.clockSkewSeconds'] / 2) {
      clock.status = 'fail';
      clock.message = `Đồng hồ của máy lệch ${Math.abs(skew)} giây so với máy chủ của xã: hãy chỉnh lại, nếu không xã sẽ từ chối dữ liệu gửi lên.`;
    }
    return [clock, { id: 'hub', status: 'ok', message: `Kết nối được với ${status.hubName ?? status.hubUrl}.` }];
  } catch {
    return [
      clock,
      {
        id: 'hub',
        status: 'warn',
        message: `Chưa kết nối được với ${status.hubName ?? status.hubUrl} (mất Internet?). Dữ liệu vẫn được giữ và sẽ gửi khi có mạng.`,
      },
    ];
  }
}

function outbox(deps: HealthDeps, status: FederationStatus): Check {
  if (!status.enrolled)
    return {
      id: 'outbox',
      status: 'ok',
      message: `${status.waiting.toLocaleString('vi-VN')} thay đổi được giữ ở trung tâm (chưa kết nối với cấp trên).`,
    };
  // A history the center and its hub could not agree on (federation/history.ts) stops every push: never "all sent".
  if (status.historyUnresolved) {
    return {
      id: 'outbox',
      status: 'fail',
      message: `Máy của trung tâm và máy của xã chưa khớp lịch sử đồng bộ (có thể do khôi phục từ bản sao lưu): ${status.waiting.toLocaleString('vi-VN')} thay đổi chưa gửi được. Xem trang Đồng bộ và chạy npm run doctor.`,
    };
  }
  if (status.waiting === 0) return { id: 'outbox', status: 'ok', message: 'Mọi thay đổi đã gửi lên cấp trên.' };
  const stale = !status.lastSuccessAt || deps.now().getTime() - Date.parse(status.lastSuccessAt) > 2 * DAY;
  return {
    id: 'outbox',
    status: stale ? 'warn' : 'ok',
    message: `${status.waiting.toLocaleString('vi-VN')} thay đổi đang chờ gửi lên cấp trên${status.lastSuccessAt ? `; lần gửi được gần nhất ngày ${dmy(status.lastSuccessAt)}` : ''}.`,
  };
}

async function backup(deps: HealthDeps): Promise<Check> {
  if (deps.config.settings['db.url'] !== null)
    return { id: 'backup', status: 'ok', message: 'Dữ liệu ở PostgreSQL: sao lưu bằng pg_dump theo lịch của máy chủ.' };
  const last = await lastBackup(deps.db);
  if (!last)
    return {
      id: 'backup',
      status: 'warn',
      message:
        'Chưa sao lưu lần nào. Bấm "Sao lưu ngay" ở trang quản trị, hoặc chạy npm run backup -- --to <thư mục USB>.',
    };
  const days = Math.floor((deps.now().getTime() - Date.parse(last.finishedAt)) / DAY);
  if (days >= 2)
    return {
      id: 'backup',
      status: 'warn',
      message: `Bản sao lưu gần nhất đã cũ ${days} ngày (${dmy(last.finishedAt)}). Kiểm tra thư mục sao lưu còn chỗ trống.`,
    };
  return { id: 'backup', status: 'ok', message: `Sao lưu gần nhất ngày ${dmy(last.finishedAt)}.` };
}

/**
 * Photos deleted when their time was up (evidence/evidence.retention.ts): how many so far and when the
 * nightly run last looked; a run missed for days (it failed, or the box sleeps at night) is a warning.
 */
async function evidence(deps: HealthDeps): Promise<Check> {
  const { photos, lastRunAt } = await retentionSummary(deps.db);
  const keep = `giữ ${deps.config.settings['evidence.keepMonths']} tháng sau quyết định công nhận của năm`;
  if (!lastRunAt)
    return {
      id: 'evidence',
      status: 'ok',
      message: `Chưa có lần xóa ảnh minh chứng theo thời hạn lưu nào (${keep}; máy tự kiểm tra mỗi đêm).`,
    };
  const done = `${photos.toLocaleString('vi-VN')} ảnh minh chứng đã xóa theo thời hạn lưu (${keep})`;
  const days = Math.floor((deps.now().getTime() - Date.parse(lastRunAt)) / DAY);
  // The night's run is at about 2 a.m. Vietnam time, still the day before in UTC: shown by the Vietnamese day.
  const on = dmy(vietnamDate(new Date(lastRunAt)));
  if (days >= 2)
    return {
      id: 'evidence',
      status: 'warn',
      message: `${done}; lần kiểm tra gần nhất đã cũ ${days} ngày (${on}). Hãy để máy chạy qua đêm, hoặc khởi động lại máy.`,
    };
  return { id: 'evidence', status: 'ok', message: `${done}; lần kiểm tra gần nhất ngày ${on}.` };
}

/** Node.js past its end of life gets no security fixes: the box is on a network anyone can join. */
function runtime(deps: HealthDeps): Check {
  const support = nodeSupport(deps.nodeVersion ?? process.version, deps.now());
  return { id: 'runtime', status: support.status, message: support.message };
}

const worst = (checks: Check[]): CheckStatus =>
  checks.some((c) => c.status === 'fail') ? 'fail' : checks.some((c) => c.status === 'warn') ? 'warn' : 'ok';

export async function runChecks(deps: HealthDeps): Promise<Health> {
  const local = [await disk(deps), await database(deps), await certificate(deps)];
  // One read of the sync state serves both the hub and the outbox checks.
  const status = await federationStatus(deps.db);
  const checks = [
    ...local,
    ...(await clockAndHub(deps, status)),
    outbox(deps, status),
    await backup(deps),
    await evidence(deps),
    runtime(deps),
  ];
  return { status: worst(checks), at: deps.now().toISOString(), checks };
}

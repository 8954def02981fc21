import { randomInt } from 'node:crypto';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { StaffRole } from '../db/schema.ts';
import { hashPin } from './pin.ts';
import { pinWeakness } from './pin-strength.ts';
import { ensureSetupCode } from './setup-code.ts';
import * as repo from './staff.repository.ts';

export interface CliIo {
  db: Db;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
}

const roleNames: Record<StaffRole, string> = {
  admin: 'Quản trị',
  facilitator: 'Người hướng dẫn',
  appraiser: 'Người thẩm định',
};

const usage = [
  'Cách dùng:',
  '  npm run staff -- setup-code            xem mã cài đặt (khi máy chưa có người quản trị)',
  '  npm run staff -- reset-pin "Họ và tên"  đặt mã PIN mới cho một người (mở khóa, đăng xuất mọi nơi)',
  '  npm run staff -- list                  danh sách tài khoản',
].join('\n');

/** A random six-digit PIN that the rules for weak PINs accept. */
export function randomStrongPin(): string {
  for (;;) {
    const pin = String(randomInt(1_000_000)).padStart(6, '0');
    if (!pinWeakness(pin)) return pin;
  }
}

async function setupCode(io: CliIo): Promise<number> {
  const code = await ensureSetupCode(io.db, io.now());
  if (!code) {
    io.out('Máy đã có người quản trị đang hoạt động, nên không còn mã cài đặt.');
    io.out('Người quản trị quên mã PIN: npm run staff -- reset-pin "Họ và tên"');
    return 0;
  }
  io.out(`Mã cài đặt: ${code}`);
  io.out('Mở trang /staff trên máy tính bảng, nhập mã này cùng tên và mã PIN của người quản trị. Mã chỉ dùng một lần.');
  io.out(`KIOSK_SETUP_CODE code=${code}`);
  return 0;
}

async function resetPin(io: CliIo, name: string | undefined): Promise<number> {
  if (!name?.trim()) {
    io.err('Thiếu họ và tên. Ví dụ: npm run staff -- reset-pin "Phạm Thị Hoa"');
    return 1;
  }
  const staff = await repo.findStaffByName(io.db, name);
  if (!staff) {
    io.err(`Không có tài khoản nào tên "${name.trim()}". Xem danh sách: npm run staff -- list`);
    return 1;
  }
  const pin = randomStrongPin();
  const pinHash = await hashPin(pin);
  const at = io.now().toISOString();
  await io.db.transaction().execute(async (trx) => {
    await repo.resetPin(trx, staff.id, pinHash);
    await audit(
      trx,
      null,
      { action: 'staff.pin-reset', subjectKind: 'staff', subjectId: staff.id, details: { by: 'console' } },
      at,
    );
  });
  io.out(`Mã PIN mới của ${staff.name}: ${pin}`);
  io.out('Tài khoản đã được mở khóa và đăng xuất khỏi mọi máy. Hãy đưa mã này tận tay người đó.');
  if (staff.active !== 1) io.out('Lưu ý: tài khoản này đang bị tắt, nên vẫn chưa đăng nhập được.');
  return 0;
}

async function list(io: CliIo): Promise<number> {
  const rows = await repo.listStaff(io.db);
  if (rows.length === 0) {
    io.out('Chưa có tài khoản nào. Tạo người quản trị đầu tiên bằng mã cài đặt: npm run staff -- setup-code');
    return 0;
  }
  const at = io.now().toISOString();
  for (const r of rows) {
    const state =
      r.active !== 1
        ? 'đã tắt'
        : r.locked_until && r.locked_until > at
          ? `bị khóa đến ${r.locked_until}`
          : 'đang hoạt động';
    io.out(`${r.name} | ${roleNames[r.role]} | ${state}`);
  }
  return 0;
}

/** `npm run staff -- <command>` on the box itself: answers the exit code (1 for a wrong command or name). */
export async function runStaffCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'setup-code':
      return setupCode(io);
    case 'reset-pin':
      return resetPin(io, rest.join(' '));
    case 'list':
      return list(io);
    default:
      io.err(command ? `Không hiểu lệnh "${command}".\n${usage}` : usage);
      return 1;
  }
}

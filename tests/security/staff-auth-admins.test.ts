import { describe, expect, it } from 'vitest';
import { runStaffCommand } from '../../server/src/staff/staff-cli.ts';
import { cookieOf, staff, staffSessions } from '../fixtures/staff.ts';
import { pgUrl, storages, t0, h, closeBoxAfterEachTest, startBox, signInFrom, staffRow } from './staff-auth-setup.ts';

closeBoxAfterEachTest();

/** The last administrator, and the command line that resets a PIN (issue 20). */
describe('the last administrator', () => {
  it('the only active administrator cannot deactivate herself', async () => {
    await startBox(t0);
    const s = await staffSessions(h);
    const before = await h.counts();
    const res = await h.json('POST', `/api/staff/accounts/${s.ids.admin}/deactivate`, undefined, s.admin);
    expect(res).toMatchObject({ status: 409, body: { code: 'staff.last-admin' } });
    expect(await h.counts()).toEqual(before);
    expect((await staffRow(staff.chiHoa.name)).active).toBe(1);
    expect((await h.json('GET', '/api/staff/accounts', undefined, s.admin)).status).toBe(200);
  });

  it.each(storages)('two administrators deactivating each other at once leave one (%s)', async (storage) => {
    await startBox(t0, {}, undefined, storage === 'postgres' ? pgUrl : null);
    const s = await staffSessions(h);
    const second = await h.json(
      'POST',
      '/api/staff/accounts',
      { name: 'Đinh Thị Thu', role: 'admin', pin: '305718' },
      s.admin,
    );
    const secondCookie = cookieOf(
      (await h.json('POST', '/api/staff/sign-in', { name: 'Đinh Thị Thu', pin: '305718' })).headers,
    );
    const [a, b] = await Promise.all([
      h.json('POST', `/api/staff/accounts/${second.body.id}/deactivate`, undefined, s.admin),
      h.json('POST', `/api/staff/accounts/${s.ids.admin}/deactivate`, undefined, secondCookie),
    ]);
    // One goes through; the other is refused as the last administrator, or finds its own session
    // already ended by the first (a deactivated account's sessions end with it).
    expect([a, b].filter((r) => r.status === 200)).toHaveLength(1);
    expect([a, b].find((r) => r.status !== 200)?.body.code).toMatch(/^(staff\.last-admin|auth\.required)$/);
    const admins = await h.db
      .selectFrom('staff')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .execute();
    expect(admins).toHaveLength(1);
  });
});

describe('npm run staff -- reset-pin', () => {
  it('gives a locked-out administrator a new PIN, ends her sessions and is audited', async () => {
    await startBox(t0);
    const s = await staffSessions(h);
    for (let i = 0; i < 5; i++) await signInFrom('10.0.4.1', staff.chiHoa.name, '000001');
    expect((await signInFrom('10.0.4.2', staff.chiHoa.name, staff.chiHoa.pin)).body.code).toBe('auth.locked');
    const out: string[] = [];
    const io = { db: h.db, now: () => t0, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runStaffCommand(['reset-pin', 'phạm thị  hoa'], io)).toBe(0);
    const pin = /Mã PIN mới của Phạm Thị Hoa: (\d{6})/.exec(out.join('\n'))?.[1];
    expect(pin).toBeDefined();
    expect((await h.json('GET', '/api/staff/accounts', undefined, s.admin)).body.code).toBe('auth.required');
    expect((await signInFrom('10.0.4.2', staff.chiHoa.name, staff.chiHoa.pin)).body.code).toBe('auth.invalid');
    expect((await signInFrom('10.0.4.2', staff.chiHoa.name, pin!)).status).toBe(200);
    const audited = await h.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'staff.pin-reset')
      .execute();
    expect(audited).toEqual([{ action: 'staff.pin-reset', subject_id: s.ids.admin }]);
    out.length = 0;
    expect(await runStaffCommand(['list'], io)).toBe(0);
    expect(out).toEqual([
      `${staff.chiHoa.name} | Quản trị | đang hoạt động`,
      `${staff.anhBinh.name} | Người hướng dẫn | đang hoạt động`,
      `${staff.coMai.name} | Người thẩm định | đang hoạt động`,
    ]);
    expect(await runStaffCommand(['setup-code'], io)).toBe(0);
    expect(out.at(-2)).toContain('Máy đã có người quản trị');
    expect(await runStaffCommand(['delete-everyone'], io)).toBe(1);
    expect(await runStaffCommand(['reset-pin'], io)).toBe(1);
    expect(out.at(-1)).toContain('Thiếu họ và tên');
    expect(await runStaffCommand(['reset-pin', 'Không Có Ai'], io)).toBe(1);
    expect(out.at(-1)).toContain('Không có tài khoản nào tên "Không Có Ai"');
  });
});

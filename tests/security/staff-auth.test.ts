import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.ts';
import { pinWeakness } from '../../server/src/staff/pin-strength.ts';
import { runStaffCommand } from '../../server/src/staff/staff-cli.ts';
import { setupBody, setupCodeOf, staff, staffSessions } from '../fixtures/staff.ts';
import {
  pgUrl,
  storages,
  t0,
  h,
  closeBoxAfterEachTest,
  startBox,
  from,
  signInFrom,
  staffRow,
  tally,
} from './staff-auth-setup.ts';

closeBoxAfterEachTest();

/** The first start, the PINs and the last administrator, tried as a stranger on the Wi-Fi would (issue 20). */

describe('first start', () => {
  it('refuses setup without the code or with a wrong one, and changes nothing', async () => {
    await startBox(t0);
    const before = await h.counts();
    const stranger = { name: 'Kẻ Lạ', pin: '479260' };
    expect(await from('10.0.0.9', 'POST', '/api/staff/setup', stranger)).toMatchObject({
      status: 403,
      body: { code: 'auth.setup-code-invalid' },
    });
    expect(await from('10.0.0.9', 'POST', '/api/staff/setup', { ...stranger, setupCode: 'ABCD-EFGH' })).toMatchObject({
      status: 403,
      body: { code: 'auth.setup-code-invalid' },
    });
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', '/api/staff/status')).body.setupNeeded).toBe(true);

    const code = await setupCodeOf(h.db);
    // Typed as read off a screen: lower case, without the dash.
    const setup = await from('10.0.0.2', 'POST', '/api/staff/setup', {
      ...(await setupBody(h.db)),
      setupCode: code.toLowerCase().replace('-', ''),
    });
    expect(setup.status).toBe(200);
    expect(await h.db.selectFrom('setup_code').selectAll().execute()).toEqual([]);
    // The code stops working once the administrator exists.
    expect(await from('10.0.0.9', 'POST', '/api/staff/setup', { ...stranger, setupCode: code })).toMatchObject({
      status: 409,
      body: { code: 'auth.setup-done' },
    });
    expect(await h.db.selectFrom('staff').select('name').execute()).toEqual([{ name: staff.chiHoa.name }]);
  });

  it('throttles wrong setup codes per client, even sent at once', async () => {
    await startBox(t0);
    const code = await setupCodeOf(h.db);
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        from('10.0.0.9', 'POST', '/api/staff/setup', {
          name: 'Kẻ Lạ',
          pin: '479260',
          setupCode: `AAAA-${String(i).padStart(4, '0')}`,
        }),
      ),
    );
    const codes = tally(guesses.map((g) => g.body.code));
    expect(codes['auth.setup-code-invalid']).toBeLessThanOrEqual(6);
    expect(codes['auth.throttled']).toBeGreaterThanOrEqual(94);
    expect(guesses.find((g) => g.body.code === 'auth.throttled')?.body.details?.retryAfterSeconds).toBeGreaterThan(0);
    // Even the right code waits at that tablet; the box's own administrator, at another, is not held up.
    expect((await from('10.0.0.9', 'POST', '/api/staff/setup', await setupBody(h.db))).body.code).toBe(
      'auth.throttled',
    );
    expect(
      (await from('10.0.0.2', 'POST', '/api/staff/setup', { ...(await setupBody(h.db)), setupCode: code })).status,
    ).toBe(200);
  });

  it('npm run staff -- setup-code shows the code that setup asks for', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-staff-cli-'));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/staff.ts', ...args], {
          cwd: resolve(import.meta.dirname, '../..'),
          encoding: 'utf8',
          env: { ...process.env, KIOSK_DATA_DIR: dataDir },
          timeout: 30_000,
        });
      const first = run('setup-code');
      expect(first.status).toBe(0);
      const code = /KIOSK_SETUP_CODE code=(\S+)/.exec(first.stdout)?.[1];
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(first.stdout).toContain(`Mã cài đặt: ${code}`);
      const db = openDatabase({ file: join(dataDir, 'kiosk.sqlite'), synchronous: 'FULL' });
      try {
        expect(await setupCodeOf(db)).toBe(code);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('PINs', () => {
  it.each(storages)(
    '100 wrong PINs sent at once check at most 5, then the right PIN is refused while locked (%s)',
    async (storage) => {
      await startBox(t0, {}, undefined, storage === 'postgres' ? pgUrl : null);
      await staffSessions(h);
      // From 100 tablets, so that no per-client wait hides what the account's count does.
      const burst = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          signInFrom(`10.0.1.${i + 1}`, staff.anhBinh.name, String(100000 + i * 7 + 13)),
        ),
      );
      expect(burst.every((r) => r.body.code === 'auth.invalid' || r.body.code === 'auth.locked')).toBe(true);
      expect(tally(burst.map((r) => r.body.code))).toEqual({ 'auth.invalid': 4, 'auth.locked': 96 });
      const row = await staffRow(staff.anhBinh.name);
      expect(row.failed_attempts).toBe(5);
      const checked = await h.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'staff.sign-in-failed')
        .where('subject_id', '=', row.id)
        .execute();
      expect(checked).toHaveLength(5);
      const right = await signInFrom('10.0.2.1', staff.anhBinh.name, staff.anhBinh.pin);
      expect(right).toMatchObject({ status: 429, body: { code: 'auth.locked' } });
      expect(right.headers.get('set-cookie')).toBeNull();
      // Once the lock has passed, the right PIN signs in and clears the count.
      h.setNow(new Date(t0.getTime() + 31_000));
      expect((await signInFrom('10.0.2.1', staff.anhBinh.name, staff.anhBinh.pin)).status).toBe(200);
      expect((await staffRow(staff.anhBinh.name)).failed_attempts).toBe(0);
    },
  );

  it('refuses weak PINs at setup, at account creation and never gives one at reset', async () => {
    await startBox(t0);
    const weak = [
      ['000000', 'repeated'],
      ['123456', 'sequence'],
      ['987654', 'sequence'],
      ['890123', 'sequence'],
      ['121212', 'common'],
      ['520520', 'common'],
      ['159753', 'common'],
    ] as const;
    const before = await h.counts();
    for (const [pin, reason] of weak) {
      const res = await h.json('POST', '/api/staff/setup', { ...(await setupBody(h.db)), pin });
      expect(res, pin).toMatchObject({ status: 422, body: { code: 'auth.pin-weak', details: { reason } } });
    }
    expect(await h.counts()).toEqual(before);
    const s = await staffSessions(h);
    const staffBefore = await h.counts();
    for (const [pin, reason] of weak) {
      const res = await h.json('POST', '/api/staff/accounts', { name: 'Người Mới', role: 'facilitator', pin }, s.admin);
      expect(res, pin).toMatchObject({ status: 422, body: { code: 'auth.pin-weak', details: { reason } } });
    }
    expect(await h.counts()).toEqual(staffBefore);
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      expect(
        await runStaffCommand(['reset-pin', staff.coMai.name], {
          db: h.db,
          now: () => t0,
          out: (l) => lines.push(l),
          err: (l) => lines.push(l),
        }),
      ).toBe(0);
    }
    const pins = lines.map((l) => /Mã PIN mới của .*: (\d{6})$/.exec(l)?.[1]).filter((p) => p !== undefined);
    expect(pins).toHaveLength(5);
    for (const pin of pins) expect(pinWeakness(pin)).toBeNull();
  });

  it('answers an unknown name exactly as a known one, through the lockout', async () => {
    await startBox(t0);
    await staffSessions(h);
    const answers = async (name: string, address: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        if (i === 6) h.setNow(new Date(t0.getTime() + 31_000));
        const r = await signInFrom(address, name, '305718');
        out.push({ status: r.status, code: r.body.code, details: r.body.details });
      }
      h.setNow(t0);
      return out;
    };
    const known = await answers(staff.anhBinh.name, '10.0.3.1');
    const unknown = await answers('Không Có Ai', '10.0.3.2');
    expect(unknown).toEqual(known);
    expect(known.map((a) => (a as { code: string }).code)).toEqual([
      'auth.invalid',
      'auth.invalid',
      'auth.invalid',
      'auth.invalid',
      'auth.locked',
      'auth.locked',
      'auth.locked',
    ]);

    // And as slowly: a PIN is checked (scrypt) for a name that does not exist too.
    const time = async (name: string, address: string) => {
      const started = performance.now();
      await signInFrom(address, name, '305718');
      return performance.now() - started;
    };
    const fastest = async (name: string, address: string) =>
      Math.min(await time(name, address), await time(name, address), await time(name, address));
    const knownMs = await fastest(staff.coMai.name, '10.0.3.3');
    const unknownMs = await fastest('Người Không Có', '10.0.3.4');
    expect(unknownMs).toBeGreaterThan(knownMs * 0.4);
  });

  it('one tablet cannot lock every account in a loop', async () => {
    await startBox(t0);
    const s = await staffSessions(h);
    const names = ['Đỗ Văn An', 'Trần Thị Bích', 'Ngô Văn Cường', 'Hồ Thị Dung'];
    for (const name of names)
      expect(
        (await h.json('POST', '/api/staff/accounts', { name, role: 'facilitator', pin: '305718' }, s.admin)).status,
      ).toBe(200);
    const targets = [staff.anhBinh.name, staff.coMai.name, ...names];
    // Five wrong PINs for each of the six accounts, all sent at once from one tablet.
    const burst = await Promise.all(
      targets.flatMap((name) => Array.from({ length: 5 }, () => signInFrom('10.0.0.9', name, '000001'))),
    );
    const codes = tally(burst.map((r) => r.body.code));
    // Ten failures are free, the eleventh brings the first wait.
    expect(codes['auth.invalid']! + codes['auth.locked']!).toBe(11);
    expect(codes['auth.throttled']).toBe(19);
    expect(burst.find((r) => r.body.code === 'auth.throttled')?.body.details?.retryAfterSeconds).toBe(15);
    const locked = (await h.db.selectFrom('staff').select('failed_attempts').execute()).filter(
      (r) => r.failed_attempts >= 5,
    );
    expect(locked.length).toBeLessThanOrEqual(2);
    // Another tablet is not held up, and the accounts the tablet did not reach still sign in.
    expect((await signInFrom('10.0.0.10', names[3]!, '305718')).status).toBe(200);
    // The tablet's waits grow with each further failure.
    h.setNow(new Date(t0.getTime() + 16_000));
    expect((await signInFrom('10.0.0.9', names[2]!, '000001')).body.code).toBe('auth.invalid');
    expect((await signInFrom('10.0.0.9', names[2]!, '000001')).body).toMatchObject({
      code: 'auth.throttled',
      details: { retryAfterSeconds: 30 },
    });
  });
});

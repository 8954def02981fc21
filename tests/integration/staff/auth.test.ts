import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cookieOf, setupBody, staff, staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

let h: Harness;
const t0 = new Date('2026-11-23T03:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
beforeEach(async () => {
  h = await startHarness(t0);
});
afterEach(async () => {
  await h.close();
});

const signIn = (pin: string, name: string = staff.anhBinh.name) => h.json('POST', '/api/staff/sign-in', { name, pin });

describe('facilitator accounts', () => {
  it('the first start asks for an administrator, once', async () => {
    expect((await h.json('GET', '/api/staff/status')).body).toEqual({
      setupNeeded: true,
      me: null,
      serverRole: 'center',
      hubLevel: null,
    });
    const setup = await h.json('POST', '/api/staff/setup', await setupBody(h.db));
    expect(setup.status).toBe(200);
    expect(setup.body).toMatchObject({ name: 'Phạm Thị Hoa', role: 'admin' });
    const me = await h.json('GET', '/api/staff/status', undefined, cookieOf(setup.headers));
    expect(me.body).toMatchObject({ setupNeeded: false, me: { name: 'Phạm Thị Hoa', role: 'admin' } });
    const again = await h.json('POST', '/api/staff/setup', { name: 'Kẻ Lạ', pin: '000000' });
    expect(again).toMatchObject({ status: 409, body: { code: 'auth.setup-done' } });
  });

  it('stores only a scrypt hash of the PIN, and sets an HttpOnly, SameSite=Strict, expiring cookie', async () => {
    const setup = await h.json('POST', '/api/staff/setup', await setupBody(h.db));
    const cookie = setup.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    const row = await h.db.selectFrom('staff').select('pin_hash').executeTakeFirstOrThrow();
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain(staff.chiHoa.pin);
  });

  it('signs in by name in any letter case, and refuses a wrong PIN or unknown name alike', async () => {
    await staffSessions(h);
    expect((await signIn(staff.anhBinh.pin, 'lê văn bình')).status).toBe(200);
    expect((await signIn('000000')).body.code).toBe('auth.invalid');
    expect((await signIn(staff.anhBinh.pin, 'Không Có Ai')).body.code).toBe('auth.invalid');
    expect((await signIn('12345')).body.code).toBe('request.invalid');
  });

  it('locks after 5 wrong PINs, with a delay that grows, and unlocks when it has passed', async () => {
    await staffSessions(h);
    for (let i = 1; i <= 4; i++) expect((await signIn('000000')).body.code).toBe('auth.invalid');
    const fifth = await signIn('000000');
    expect(fifth).toMatchObject({ status: 429, body: { code: 'auth.locked', details: { retryAfterSeconds: 30 } } });
    // While locked, even the right PIN is not checked.
    expect((await signIn(staff.anhBinh.pin)).body.code).toBe('auth.locked');
    h.setNow(later(31));
    const sixth = await signIn('000000');
    expect(sixth.body).toMatchObject({ code: 'auth.locked', details: { retryAfterSeconds: 60 } });
    h.setNow(later(31 + 61));
    expect((await signIn(staff.anhBinh.pin)).status).toBe(200);
    // A success clears the count.
    expect((await signIn('000000')).body.code).toBe('auth.invalid');
    const failures = await h.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'staff.sign-in-failed')
      .execute();
    expect(failures).toHaveLength(7);
  });

  it('a session expires after the configured hours, and sign-out ends it at once', async () => {
    const s = await staffSessions(h);
    expect((await h.json('GET', '/api/staff/people?code=ABCDEF', undefined, s.facilitator)).status).toBe(200);
    h.setNow(later(8 * 3600 + 1));
    expect((await h.json('GET', '/api/staff/people?code=ABCDEF', undefined, s.facilitator)).body.code).toBe(
      'auth.required',
    );
    h.setNow(t0);
    expect((await h.json('POST', '/api/staff/sign-out', undefined, s.appraiser)).status).toBe(200);
    expect(
      (await h.json('GET', '/api/staff/appraisals?village=Thôn Gò Chè&year=2026', undefined, s.appraiser)).body.code,
    ).toBe('auth.required');
  });

  it('a deactivated account loses its sessions and cannot sign in', async () => {
    const s = await staffSessions(h);
    expect(
      (await h.json('POST', `/api/staff/accounts/${s.ids.facilitator}/deactivate`, undefined, s.admin)).status,
    ).toBe(200);
    expect((await h.json('GET', '/api/staff/people?code=ABCDEF', undefined, s.facilitator)).body.code).toBe(
      'auth.required',
    );
    expect((await signIn(staff.anhBinh.pin)).body.code).toBe('auth.invalid');
  });

  it('refuses a second account with the same name', async () => {
    const s = await staffSessions(h);
    const dup = await h.json(
      'POST',
      '/api/staff/accounts',
      { name: 'LÊ VĂN BÌNH', role: 'appraiser', pin: '479260' },
      s.admin,
    );
    expect(dup).toMatchObject({ status: 409, body: { code: 'staff.name-taken' } });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCertificates } from '../../server/src/tls/certificates.ts';
import { runChecks } from '../../server/src/health/checks.ts';
import { nodeSupport } from '../../server/src/health/node-support.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/** The box's health for monitoring and the administrator, and the full-disk policy: photos go first, records last. */

const jpeg = (size = 2000): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + 1) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};
const HUGE = String(1_000_000_000); // MB: more than any disk has free

let h: Harness;
afterEach(async () => {
  await h?.close();
});

type Health = { status: string; checks: { id: string; status: string; message: string }[] };
const byId = (health: Health) => Object.fromEntries(health.checks.map((c) => [c.id, c.status]));

async function draft(): Promise<string> {
  const personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, people.baLan);
  const assessmentId = build.id();
  expect(
    (await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, { status: 'draft' }))).status,
  ).toBe(200);
  return assessmentId;
}

describe('health', () => {
  it('a fresh box: every check answers; no backup yet and no certificate yet are warnings, not failures', async () => {
    h = await startHarness();
    const res = await h.json('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('warn');
    expect(byId(res.body)).toEqual({
      disk: 'ok',
      database: 'ok',
      certificate: 'warn',
      clock: 'ok',
      hub: 'ok',
      outbox: 'ok',
      backup: 'warn',
      evidence: 'ok',
      runtime: nodeSupport(process.version, new Date('2026-11-23T03:00:00Z')).status,
    });
    expect(res.body.checks.find((c: { id: string }) => c.id === 'runtime').message).toContain(
      `Node.js ${process.version}`,
    );
    for (const c of res.body.checks) expect(c.message.length).toBeGreaterThan(10);
  });

  it('a certificate is good, then close to its end, then expired; a clock set in the past fails', async () => {
    h = await startHarness();
    await ensureCertificates(
      join(h.dir, 'tls'),
      { hostName: 'hoctap.lan', addresses: [], centerName: 'Tân Lập' },
      new Date('2026-11-23T03:00:00Z'),
    );
    const check = async (at: string) =>
      runChecks({ db: h.db, config: h.config, dataDir: h.dir, now: () => new Date(at) });
    expect(byId(await check('2026-11-23T03:00:00Z')).certificate).toBe('ok');
    expect(byId(await check('2027-12-10T03:00:00Z')).certificate).toBe('warn');
    const expired = await check('2028-01-01T03:00:00Z');
    expect(byId(expired).certificate).toBe('fail');
    expect(expired.status).toBe('fail');
    expect(byId(await check('2020-01-01T00:00:00Z')).clock).toBe('fail');
  });

  it('Node.js past its end of life is a warning that says what to do; the supported line is fine', async () => {
    h = await startHarness();
    const check = async (nodeVersion: string) =>
      runChecks({
        db: h.db,
        config: h.config,
        dataDir: h.dir,
        now: () => new Date('2026-12-07T03:00:00Z'),
        nodeVersion,
      });
    const old = (await check('v20.20.2')).checks.find((c) => c.id === 'runtime')!;
    expect(old).toMatchObject({ status: 'warn' });
    expect(old.message).toContain('đã hết hạn hỗ trợ từ ngày 30/04/2026');
    expect(old.message).toContain('install.sh');
    expect((await check('v24.22.3')).checks.find((c) => c.id === 'runtime')).toMatchObject({ status: 'ok' });
  });

  it('a hub that does not answer is a warning; changes waiting long to go up are too', async () => {
    h = await startHarness(undefined, {}, (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch);
    await h.db
      .insertInto('sync_state')
      .values([
        { key: 'nodeId', value: 'n1' },
        { key: 'hubUrl', value: 'http://commune.test' },
        { key: 'hubName', value: 'Xã Tân Lập' },
      ])
      .execute();
    await draft();
    const health = (await h.json('GET', '/api/health')).body as Health;
    expect(byId(health).hub).toBe('warn');
    expect(byId(health).outbox).toBe('warn');
    expect(health.checks.find((c) => c.id === 'hub')!.message).toContain('Xã Tân Lập');
  });
});

describe('a nearly full disk', () => {
  it('refuses new photos (507) but still takes records; health says so', async () => {
    h = await startHarness(undefined, { KIOSK_DISK_MIN_FREE_PHOTOS_MB: HUGE });
    const assessmentId = await draft();
    const before = await h.counts();
    const path = `/api/assessments/${assessmentId}/evidence/${build.id()}`;
    const res = await h.app.request(`${path}?indicator=CS03`, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', ...h.tablet.header('PUT', path) },
      body: jpeg(),
    });
    expect(res.status).toBe(507);
    expect(((await res.json()) as { code: string }).code).toBe('storage.full-for-photos');
    expect(await h.counts()).toEqual(before);
    expect(readdirSync(h.dir)).not.toContain('evidence');
    // A stored file for the catalog is a file too.
    const staff = await staffSessions(h);
    const media = await h.app.request('/api/staff/media', {
      method: 'POST',
      headers: { cookie: staff.facilitator },
      body: new TextEncoder().encode('%PDF-1.4 sổ tay'),
    });
    expect(media.status).toBe(507);
    // Records still go in.
    const other = build.id();
    expect((await h.json('PUT', `/api/people/${other}`, people.anhTuan)).status).toBe(200);
    const health = await h.json('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(byId(health.body).disk).toBe('fail');
  });

  it('below the last margin every write is refused as "not now" (503) and nothing changes; reads still work', async () => {
    h = await startHarness(undefined, { KIOSK_DISK_MIN_FREE_DATA_MB: HUGE });
    const before = await h.counts();
    const res = await h.json('PUT', `/api/people/${build.id()}`, people.baLan);
    expect(res).toMatchObject({ status: 503, body: { code: 'storage.full' } });
    expect(await h.counts()).toEqual(before);
    expect((await h.json('GET', '/api/kiosk')).status).toBe(200);
  });
});

describe('npm run doctor', () => {
  const root = resolve(import.meta.dirname, '../..');
  const doctor = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/doctor.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  it('explains each check in Vietnamese; exits 0 with warnings, 1 with a failure', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-doctor-'));
    try {
      const fine = doctor({ KIOSK_DATA_DIR: dataDir });
      expect(fine.status).toBe(0);
      for (const title of [
        'Ổ đĩa',
        'Cơ sở dữ liệu: Cơ sở dữ liệu nguyên vẹn.',
        'Chứng chỉ HTTPS',
        'Đồng hồ',
        'Kết nối với cấp trên',
        'Dữ liệu chờ gửi',
        'Sao lưu: Chưa sao lưu lần nào',
        `Node.js: Node.js ${process.version}`,
      ]) {
        expect(fine.stdout).toContain(title);
      }
      const full = doctor({ KIOSK_DATA_DIR: dataDir, KIOSK_DISK_MIN_FREE_PHOTOS_MB: HUGE });
      expect(full.status).toBe(1);
      expect(full.stdout).toContain('✖ Lỗi    Ổ đĩa: Ổ đĩa gần đầy');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { ensureCertificates } from '../../server/src/tls/certificates.ts';
import { provisioningApp } from '../../server/src/tls/provisioning.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from '../integration/harness.ts';

/**
 * Headers on every kind of answer, and state changes from another site refused (issue 20): the
 * box sent no CSP, X-Frame-Options, nosniff, Referrer-Policy or HSTS, and a body-less staff POST
 * with a foreign Origin went through (only SameSite stood in the way).
 */

/** The directives of a Content-Security-Policy, each with its sources. */
function csp(res: Response): Record<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header, `no CSP on ${res.url || 'the answer'}`).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function expectSecured(res: Response, { https = false } = {}) {
  const policy = csp(res);
  expect(policy['script-src']).toEqual(["'self'"]);
  expect(policy['frame-ancestors']).toEqual(["'none'"]);
  expect(policy['object-src']).toEqual(["'none'"]);
  expect(policy['base-uri']).toEqual(["'self'"]);
  expect(policy['form-action']).toEqual(["'self'"]);
  expect(policy['default-src']).toEqual(["'self'"]);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  const permissions = res.headers.get('permissions-policy') ?? '';
  expect(permissions).toContain('camera=(self)');
  for (const off of ['microphone', 'geolocation', 'payment', 'usb']) expect(permissions).toContain(`${off}=()`);
  if (https) expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  else expect(res.headers.get('strict-transport-security')).toBeNull();
}

let h: Harness;
let app: ReturnType<typeof createApp>;
let webDir: string;
beforeEach(async () => {
  h = await startHarness();
  // A built PWA in small: its page, a hashed asset, the service worker.
  webDir = mkdtempSync(join(tmpdir(), 'kiosk-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(
    join(webDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body></body></html>',
  );
  writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  app = createApp({
    db: h.db,
    config: h.config,
    evidenceDir: join(h.dir, 'evidence'),
    now: () => new Date('2026-11-23T03:00:00Z'),
    webDir,
  });
});
afterEach(async () => {
  await h.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('security headers on every answer', () => {
  it('API JSON, an error and an unknown API route all carry them', async () => {
    const json = await app.request('/api/kiosk');
    expect(json.status).toBe(200);
    expectSecured(json);
    const refused = await app.request('/api/staff/accounts');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expectSecured(refused);
    const missing = await app.request('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expectSecured(missing);
  });

  it('the app page, a screen of it, an asset and the service worker carry them', async () => {
    for (const path of ['/', '/staff', '/assets/index-abc123.js', '/sw.js']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expectSecured(res);
    }
  });

  it('HTTPS answers carry HSTS, plain HTTP answers do not', async () => {
    expectSecured(await app.request('https://hoctap.lan/api/kiosk'), { https: true });
    expectSecured(await app.request('https://hoctap.lan/'), { https: true });
    expectSecured(await app.request('http://127.0.0.1:8080/api/kiosk'));
  });
});

describe('the provisioning page on plain HTTP', () => {
  let dir: string;
  let caCert: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-prov-'));
    caCert = (
      await ensureCertificates(dir, {
        hostName: 'hoctap.lan',
        addresses: ['192.168.1.10'],
        centerName: 'TTHTCĐ xã Tân Lập',
      })
    ).caCert;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const provisioning = () => provisioningApp({ centerName: 'TTHTCĐ xã Tân Lập', tlsPort: 8443, caCert: () => caCert });

  it('the page carries the headers and has no inline script; it may reach only itself and the HTTPS address', async () => {
    const res = await provisioning().request('http://192.168.1.10:8080/');
    expectSecured(res);
    expect(csp(res)['connect-src']).toEqual(["'self'", 'https://192.168.1.10:8443']);
    const html = await res.text();
    // Every <script> names a file: an inline one would need 'unsafe-inline'.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/[^"]+"/);
  });

  it('its script, the CA file and the redirect carry them too', async () => {
    const page = await (await provisioning().request('http://192.168.1.10:8080/')).text();
    const src = /<script\b[^>]*\bsrc="([^"]+)"/.exec(page)![1]!;
    const script = await provisioning().request(`http://192.168.1.10:8080${src}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain('/api/kiosk');
    expectSecured(script);
    const ca = await provisioning().request('http://192.168.1.10:8080/hoctap-ca.crt');
    expect(ca.status).toBe(200);
    expectSecured(ca);
    const redirect = await provisioning().request('http://192.168.1.10:8080/staff');
    expect(redirect.status).toBe(308);
    expectSecured(redirect);
  });
});

describe('state changes from another site', () => {
  const post = (path: string, cookie: string, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', headers: { cookie, ...headers } });
  const auditRows = async () =>
    Number(
      (
        await h.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a body-less staff POST with a foreign Origin and changes nothing', async () => {
    const s = await staffSessions(h);
    const before = await auditRows();
    const res = await post(`/api/staff/accounts/${s.ids.facilitator}/deactivate`, s.admin, {
      origin: 'http://evil.example',
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('request.origin-refused');
    expectSecured(res);
    const row = await h.db
      .selectFrom('staff')
      .select('active')
      .where('id', '=', s.ids.facilitator)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(1);
    expect(await auditRows()).toBe(before);
  });

  it('refuses a cross-site sign-out: the session still works', async () => {
    const s = await staffSessions(h);
    const res = await post('/api/staff/sign-out', s.admin, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('request.origin-refused');
    expect((await h.json('GET', '/api/staff/status', undefined, s.admin)).body.me).toMatchObject({ role: 'admin' });
  });

  it('refuses the plain-HTTP page of the same box, an opaque origin and a same-site page', async () => {
    const s = await staffSessions(h);
    const tries: Record<string, string>[] = [
      { origin: 'http://hoctap.lan:8080', 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of tries) {
      const res = await app.request('https://hoctap.lan/api/staff/sign-out', {
        method: 'POST',
        headers: { cookie: s.admin, ...headers },
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await h.json('GET', '/api/staff/status', undefined, s.admin)).body.me).toMatchObject({ role: 'admin' });
  });

  it("lets the kiosk's own pages through, over HTTPS and on loopback", async () => {
    const s = await staffSessions(h);
    const own = await app.request('https://hoctap.lan:8443/api/staff/accounts', {
      method: 'POST',
      headers: {
        cookie: s.admin,
        origin: 'https://hoctap.lan:8443',
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Đỗ Văn Nam', pin: '482915', role: 'facilitator' }),
    });
    expect(own.status).toBe(200);
    const res = await post(`http://127.0.0.1:8080/api/staff/accounts/${s.ids.facilitator}/deactivate`, s.admin, {
      origin: 'http://127.0.0.1:8080',
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(200);
    const row = await h.db
      .selectFrom('staff')
      .select('active')
      .where('id', '=', s.ids.facilitator)
      .executeTakeFirstOrThrow();
    expect(row.active).toBe(0);
  });

  it("lets through requests with neither header (a center's signed sync, scripts) and reads from anywhere", async () => {
    const hub = await app.request('/api/hub/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await hub.json()).code).not.toBe('request.origin-refused');
    const read = await app.request('/api/kiosk', {
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.status).toBe(200);
  });
});

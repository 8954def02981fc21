import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificates } from './certificates.ts';
import { isLoopbackUrl } from '../federation/hub-certificate.ts';
import { httpsUrlFor, plainHttpFetch, provisioningApp } from './provisioning.ts';

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

describe('plain HTTP on the LAN', () => {
  const app = () => provisioningApp({ centerName: 'TTHTCĐ xã Tân Lập', tlsPort: 8443, caCert: () => caCert });

  it.each([
    ['http://127.0.0.1:8080/', true],
    ['http://localhost:8080/staff', true],
    ['http://[::1]:8080/', true],
    ['http://192.168.1.10:8080/', false],
    ['http://hoctap.lan/', false],
    ['http://127.example.vn/', false],
  ])('the URL %s names this machine: %s', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });

  it.each([
    ['127.0.0.1', 'app'],
    ['127.8.9.10', 'app'],
    ['::1', 'app'],
    ['::ffff:127.0.0.1', 'app'],
    ['192.168.1.23', 'provisioning'],
    ['::ffff:192.168.1.23', 'provisioning'],
    ['fe80::1', 'provisioning'],
    [undefined, 'provisioning'],
  ])('a connection from %s gets the %s, whatever host it names', async (remoteAddress, expected) => {
    const fetch = plainHttpFetch(
      () => new Response('app'),
      () => new Response('provisioning'),
    );
    for (const url of ['http://127.0.0.1:8080/', 'http://localhost/', 'http://192.168.1.10:8080/']) {
      const res = await fetch(new Request(url), { incoming: { socket: { remoteAddress } } });
      expect(await res.text(), url).toBe(expected);
    }
  });

  it('the HTTPS address keeps the name the tablet used, and leaves out port 443', () => {
    expect(httpsUrlFor('http://192.168.1.10:8080/x', 8443)).toBe('https://192.168.1.10:8443/');
    expect(httpsUrlFor('http://hoctap.lan/', 443, '/staff?x=1')).toBe('https://hoctap.lan/staff?x=1');
  });

  it('the page explains the steps in Vietnamese with pictures and a QR code of the HTTPS address', async () => {
    const res = await app().request('http://192.168.1.10:8080/');
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('Cài đặt máy tính bảng để dùng kiosk học tập');
    expect(html.match(/<svg viewBox="0 0 160 220"/g)).toHaveLength(4);
    expect(html).toContain('href="https://192.168.1.10:8443/"');
    expect(html).toContain('Chứng chỉ CA');
  });

  it('the CA is served as DER with the CA content type; anything else redirects to HTTPS', async () => {
    const ca = await app().request('http://192.168.1.10:8080/hoctap-ca.crt');
    expect(ca.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect((await ca.arrayBuffer()).byteLength).toBeGreaterThan(300);
    const other = await app().request('http://192.168.1.10:8080/staff?tab=1', { method: 'GET' });
    expect(other.status).toBe(308);
    expect(other.headers.get('location')).toBe('https://192.168.1.10:8443/staff?tab=1');
  });
});

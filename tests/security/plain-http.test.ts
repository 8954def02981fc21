import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../support/kiosk-process.ts';

/**
 * Plain HTTP hands a LAN client the provisioning page, the CA and a redirect, and only the box
 * itself the app (issue 20: the Host header decided it, so a tablet sending `Host: 127.0.0.1` got
 * the whole app, and its staff cookie, over plain HTTP). A real kiosk listens on every address;
 * a LAN client is played by connecting to this machine's own non-loopback address, so the server
 * sees a non-loopback peer whatever the request says.
 */

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
// Under CI a machine without one fails loudly rather than skipping what this file proves.
if (!lanAddress) {
  console.error('!! No non-loopback IPv4 address on this machine: the LAN-client tests of this file cannot run.');
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error('A non-loopback IPv4 address is required under CI for the LAN-client tests');
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly the Host header and request target given (fetch would not allow either). */
function send(opts: { address: string; port: number; path: string; host?: string; https?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = (opts.https ? httpsRequest : httpRequest)(
      {
        host: opts.address,
        port: opts.port,
        path: opts.path,
        method: 'GET',
        rejectUnauthorized: false,
        headers: opts.host ? { host: opts.host } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!lanAddress)(`plain HTTP on the LAN (a client at ${lanAddress ?? 'no LAN address'})`, () => {
  let kiosk: RunningKiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ web: false, env: { KIOSK_HOST: '0.0.0.0' } });
  });
  afterAll(async () => {
    await kiosk?.stop();
  });
  const lan = (path: string, host?: string) => send({ address: lanAddress!, port: kiosk.port, path, host });

  it.each(['127.0.0.1', 'localhost', '[::1]'])(
    'a LAN client naming Host: %s still gets only the provisioning page',
    async (name) => {
      const page = await lan('/', `${name}:${kiosk.port}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Cài đặt máy tính bảng để dùng kiosk học tập');
      const api = await lan('/api/kiosk', `${name}:${kiosk.port}`);
      expect(api.status).toBe(308);
      expect(api.body).not.toContain('"center"');
    },
  );

  it('a LAN client naming loopback in an absolute request target gets a redirect, not the app', async () => {
    const api = await lan(`http://127.0.0.1:${kiosk.port}/api/kiosk`);
    expect(api.status).toBe(308);
    expect(api.body).not.toContain('"center"');
  });

  it('the box itself gets the app over plain HTTP, without HSTS; HTTPS answers carry HSTS', async () => {
    const local = await send({ address: '127.0.0.1', port: kiosk.port, path: '/api/kiosk' });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toHaveProperty('center');
    expect(local.headers['strict-transport-security']).toBeUndefined();
    expect(local.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const page = await lan('/');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const secure = await send({ address: '127.0.0.1', port: kiosk.tlsPort!, path: '/api/kiosk', https: true });
    expect(secure.status).toBe(200);
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});

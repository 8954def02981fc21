import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spkiPin } from '../../server/src/tls/certificates.ts';
import {
  freePort,
  launchBrowser,
  startKiosk,
  tabletContext,
  waitForServiceWorker,
  watchErrors,
  type RunningKiosk,
} from './kiosk.ts';

/**
 * The box on the LAN as a tablet meets it: by host name, mapped to this machine's non-loopback
 * address (plain HTTP gives the app to loopback connections only, whatever name they use). Over
 * plain HTTP a tablet gets the provisioning page and the CA; a tablet that trusts the box's
 * certificate (its SPKI pin given to Chromium, as installing the CA would) gets the app over HTTPS,
 * the service worker registers, and the app works with the box off.
 */
const HOST = 'hoctap.lan';
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
// Under CI a machine without one fails loudly rather than skipping what this file proves.
if (!lanAddress) {
  console.error('!! No non-loopback IPv4 address on this machine: the LAN-client tests of this file cannot run.');
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error('A non-loopback IPv4 address is required under CI for the LAN-client tests');
}
let kiosk: RunningKiosk;
let fresh: Browser;
let trusting: Browser;

beforeAll(async () => {
  if (!lanAddress) return;
  kiosk = await startKiosk({ env: { KIOSK_TLS_PORT: String(await freePort()), KIOSK_HOST: '0.0.0.0' } });
  const mapped = `--host-resolver-rules=MAP ${HOST} ${lanAddress}`;
  fresh = await launchBrowser([mapped]);
  const ca = readFileSync(join(kiosk.dataDir, 'tls', 'ca.crt'), 'utf8');
  trusting = await launchBrowser([mapped, `--ignore-certificate-errors-spki-list=${spkiPin(ca)}`]);
});
afterAll(async () => {
  await fresh?.close();
  await trusting?.close();
  await kiosk?.stop();
});

describe.skipIf(!lanAddress)('HTTPS on the LAN (needs a non-loopback IPv4 address on this machine)', () => {
  it('over plain HTTP a new tablet gets the provisioning page and the CA file, and no service worker', async () => {
    const context = await tabletContext(fresh, { serviceWorker: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`http://${HOST}:${kiosk.port}/`);
    await page.getByRole('heading', { name: 'Cài đặt máy tính bảng để dùng kiosk học tập' }).waitFor();
    expect(await page.evaluate(() => ({ secure: window.isSecureContext, sw: 'serviceWorker' in navigator }))).toEqual({
      secure: false,
      sw: false,
    });
    expect(await page.getByTestId('open-app').getAttribute('href')).toBe(`https://${HOST}:${kiosk.tlsPort}/`);
    expect(await page.locator('.qr svg').count()).toBe(1);

    // The CA, with the CA content type, is the box's own.
    const ca = await page.evaluate(async () => {
      const res = await fetch('/hoctap-ca.crt');
      return { type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
    });
    expect(ca.type).toBe('application/x-x509-ca-cert');
    const onDisk = new X509Certificate(readFileSync(join(kiosk.dataDir, 'tls', 'ca.crt')));
    expect(new X509Certificate(Buffer.from(ca.bytes)).fingerprint256).toBe(onDisk.fingerprint256);
    expect(await page.getByText(onDisk.fingerprint256).count()).toBe(1);

    // Any other address goes to HTTPS, which this tablet does not trust yet.
    const res = await fetch(`http://127.0.0.1:${kiosk.port}/api/kiosk`);
    expect(res.status).toBe(200); // this machine itself (loopback) still gets the app over HTTP
    const redirected = await page.evaluate(async () => (await fetch('/staff', { redirect: 'manual' })).type);
    expect(redirected).toBe('opaqueredirect');
    // Without the box's CA the HTTPS address is refused, so the page stays here.
    await expect(context.newPage().then((p) => p.goto(`https://${HOST}:${kiosk.tlsPort}/`))).rejects.toThrow(
      /ERR_CERT/,
    );
    expect(page.url()).toBe(`http://${HOST}:${kiosk.port}/`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a tablet that trusts the box goes on to HTTPS by itself; the service worker registers and the app works with the box off', async () => {
    const context = await tabletContext(trusting, { serviceWorker: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`http://${HOST}:${kiosk.port}/`);
    // The provisioning page notices that HTTPS answers and opens the app there.
    await page.waitForURL(`https://${HOST}:${kiosk.tlsPort}/`);
    await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await waitForServiceWorker(page);
    const info = await page.evaluate(async () => (await fetch('/api/kiosk')).status);
    expect(info).toBe(200);

    await kiosk.halt();
    try {
      await page.reload();
      await page.getByRole('button', { name: /Tôi là người mới/ }).waitFor();
      await page.getByRole('button', { name: /Tôi là người mới/ }).click();
      await page.getByLabel('Họ và tên', { exact: true }).waitFor();
    } finally {
      await kiosk.resume();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

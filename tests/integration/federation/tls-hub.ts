import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { startServers } from '../../../server/src/tls/serve.ts';
import { cookieOf, setupBody } from '../../fixtures/staff.ts';
import { freePort } from '../../support/kiosk-process.ts';
import { startHarness, type Harness } from '../harness.ts';

/** A commune hub behind its real listeners (tls.mode=on, its own CA in its data folder) on 127.0.0.1. */
export interface TlsHub {
  h: Harness;
  admin: string;
  tlsPort: number;
  /** The paths of the requests that reached the hub's app (a refused TLS handshake never does). */
  requests: string[];
  /** Its CA certificate (PEM) and that CA's DER. */
  ca(): { pem: string; der: Buffer };
  close(): Promise<void>;
}

export async function startTlsHub(): Promise<TlsHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-join-hub-'));
  const [plainPort, tlsPort] = [await freePort(), await freePort()];
  const h = await startHarness(undefined, {
    KIOSK_ROLE: 'hub',
    KIOSK_TLS: 'on',
    KIOSK_HOST: '127.0.0.1',
    KIOSK_PORT: String(plainPort),
    KIOSK_TLS_PORT: String(tlsPort),
    KIOSK_DATA_DIR: dataDir,
  });
  const requests: string[] = [];
  // The start banner (a QR code for tablets) is for a console, not for the test's output.
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const servers = await startServers({
    fetch: (req, env) => {
      requests.push(new URL(req.url).pathname);
      return h.app.fetch(req, env);
    },
    config: h.config,
    dataDir,
  });
  // The plain listener prints once it listens, a moment after.
  setTimeout(() => log.mockRestore(), 200);
  const admin = cookieOf((await h.json('POST', '/api/staff/setup', await setupBody(h.db))).headers);
  return {
    h,
    admin,
    tlsPort,
    requests,
    ca() {
      const pem = readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8');
      return { pem, der: new X509Certificate(pem).raw };
    },
    async close() {
      await new Promise<void>((done) => servers.close(done));
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

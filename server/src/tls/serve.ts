import { serve, type ServerType } from '@hono/node-server';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import type { KioskConfig } from '../config/load.ts';
import { lanAddresses, startBanner } from '../system/lan.ts';
import { nodeName } from '../sync/node-name.ts';
import { setupNeeded } from '../config/effective.ts';
import { ensureCertificates, type CertificateNames } from './certificates.ts';
import { plainHttpFetch, provisioningApp } from './provisioning.ts';

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/** Checked once a day: the server certificate is made again before it expires or when the LAN addresses changed. */
const RENEW_CHECK_MS = 24 * 3600_000;

/**
 * Starts the kiosk's listeners. With `tls.mode=on`: the app over HTTPS on `tls.port` with the
 * box's own certificates (data folder `tls/`), and plain HTTP on `server.port` giving LAN tablets
 * the provisioning page and a redirect, while this machine itself (a connection from 127.0.0.1 or
 * ::1, a secure context already) still gets the app there. With `off`: the app on plain HTTP only.
 */
export async function startServers(opts: {
  fetch: Fetch;
  config: KioskConfig;
  dataDir: string;
  /** While the box has no administrator: the one-time code the banner tells how to use. */
  setupCode?: string | null;
}): Promise<{ close(done: () => void): void }> {
  const s = opts.config.settings;
  const setupCode = opts.setupCode ?? null;
  // Stable lines for scripts and tests that start the kiosk on port 0 (console.machineLines): not for people.
  const machine = (lines: string[]) => {
    if (s['console.machineLines'] !== 'on') return;
    if (setupCode) console.log(`KIOSK_SETUP_CODE code=${setupCode}`);
    for (const line of lines) console.log(line);
  };
  // A hub goes by its commune's (or province's) name, not a center's; a box not set up yet says so.
  const centerName = setupNeeded(opts.config) ? 'máy chưa cài đặt' : nodeName(opts.config);
  const hub = s.role === 'hub';
  const host = s['server.host'];
  if (s['tls.mode'] === 'off') {
    const plain = serve({ fetch: opts.fetch, hostname: host, port: s['server.port'] }, async (info) => {
      console.log(await startBanner(host, info.port, centerName, undefined, setupCode, hub));
      machine([`KIOSK_LISTENING port=${info.port}`]);
    });
    return { close: (done) => plain.close(() => done()) };
  }

  const tlsDir = join(opts.dataDir, 'tls');
  const names = (): CertificateNames => ({
    hostName: s['tls.hostName'],
    centerName,
    addresses: host === '0.0.0.0' || host === '::' ? lanAddresses() : [host],
  });
  let tls = await ensureCertificates(tlsDir, names());
  if (tls.renewed) console.log(`Chứng chỉ của máy đã được tạo (${tls.renewed}).`);

  const secure = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve(
      {
        fetch: opts.fetch,
        hostname: host,
        port: s['tls.port'],
        createServer: createHttpsServer,
        serverOptions: { key: tls.key, cert: tls.chain },
      },
      (info) => resolve({ server, port: info.port }),
    );
  });
  const renew = setInterval(() => {
    void ensureCertificates(tlsDir, names())
      .then((next) => {
        if (!next.renewed) return;
        tls = next;
        // New connections get the new certificate; the CA the tablets trust is the same.
        (secure.server as HttpsServer).setSecureContext({ key: next.key, cert: next.chain });
        console.log(`Đã làm mới chứng chỉ của máy (${next.renewed}).`);
      })
      .catch((e: unknown) => console.error('Không làm mới được chứng chỉ:', e));
  }, RENEW_CHECK_MS);
  renew.unref();

  const provisioning = provisioningApp({ centerName, tlsPort: secure.port, caCert: () => tls.caCert });
  const plain = serve(
    {
      // The app for this machine itself, the provisioning page for everyone else: by the connection's address.
      fetch: plainHttpFetch(opts.fetch, provisioning.fetch),
      hostname: host,
      port: s['server.port'],
    },
    async (info) => {
      console.log(await startBanner(host, info.port, centerName, secure.port, setupCode, hub));
      machine([`KIOSK_TLS_LISTENING port=${secure.port}`, `KIOSK_LISTENING port=${info.port}`]);
    },
  );
  return {
    close(done) {
      clearInterval(renew);
      secure.server.close();
      plain.close(() => done());
    },
  };
}

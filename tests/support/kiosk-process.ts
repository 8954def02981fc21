import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * The real kiosk as a process and Debian's Chromium, without the test runner: the end-to-end tests
 * (through tests/e2e/kiosk.ts) and the benchmarks start them the same way.
 */

const root = resolve(import.meta.dirname, '../..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningKiosk {
  url: string;
  port: number;
  /** The HTTPS port (tls.mode=on), or null with plain HTTP only. */
  tlsPort: number | null;
  dataDir: string;
  /** The one-time setup code the box printed at its last start (null once it has an administrator). */
  readonly setupCode: string | null;
  /** The server process's id while it runs (null when halted), e.g. to read its memory from /proc. */
  readonly pid: number | null;
  /** Stops the server, keeping its data (a box switched off). */
  halt(): Promise<void>;
  /** Starts it again on the same port and data (the box switched back on). */
  resume(): Promise<void>;
  /** Stops it and removes its data. */
  stop(): Promise<void>;
}

export interface KioskOptions {
  env?: Record<string, string>;
  /** A fixed port, so a restarted box keeps the tablets' origin; 0 picks a free one. */
  port?: number;
  /** A data folder prepared beforehand (it is removed on stop like a fresh one). */
  dataDir?: string;
  /** False for a box whose API alone is tested: the PWA need not be built. */
  web?: boolean;
  /**
   * Run the production bundle (dist/server/main.js, as `npm start` does) instead of the source through
   * tsx. By default the bundle runs when it is newer than every server and shared source file (as after
   * `npm test`'s build: a box starts in half the time, without transpiling the source at each start),
   * the source otherwise; KIOSK_TEST_SOURCE=1 always runs the source.
   */
  bundled?: boolean;
}

/** A free loopback port, found by binding to port 0. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * What `npm start` runs (`VAR=value … node <flags> dist/server/main.js`: the bundle with its memory
 * settings), read from package.json so that the benchmarks measure exactly that.
 */
function startCommand(): { args: string[]; env: Record<string, string> } {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
    .start;
  const words = start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error(`package.json's start script does not run node: ${start}`);
  return { args: words, env };
}

/** The newest modification time of the source files under `dir` that a bundle holds (tests and snapshots aside), in ms. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (
      !entry.isFile() ||
      /\.test(-setup)?\.ts$|\.snap$/.test(entry.name) ||
      entry.parentPath.includes('__snapshots__')
    )
      continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

let freshBundle: boolean | null = null;
/** Whether dist/server/main.js was built after the last change to the server's and shared sources. */
export function bundleIsFresh(): boolean {
  if (process.env.KIOSK_TEST_SOURCE === '1') return false;
  if (freshBundle !== null) return freshBundle;
  const bundle = join(root, 'dist/server/main.js');
  freshBundle =
    existsSync(bundle) &&
    statSync(bundle).mtimeMs >= Math.max(newestUnder(join(root, 'server/src')), newestUnder(join(root, 'shared')));
  return freshBundle;
}

/** The setup code each running kiosk printed, by its URL (the tests' helpers know a box by its URL). */
const setupCodes = new Map<string, string | null>();

/** The first start's setup code of the kiosk at `url`, as its console printed it; null if it printed none. */
export function setupCodeOf(url: string): string | null {
  return setupCodes.get(url.replace(/\/+$/, '')) ?? null;
}

function spawnServer(
  dataDir: string,
  port: number,
  env: Record<string, string>,
  bundled = false,
): Promise<{ child: ChildProcess; port: number; tlsPort: number | null; setupCode: string | null }> {
  const start = bundled ? startCommand() : { args: ['--import', 'tsx', 'server/src/main.ts'], env: {} };
  const child: ChildProcess = spawn(process.execPath, start.args, {
    cwd: root,
    // HTTPS on a free port unless a test names one: many kiosks run side by side.
    // Backups (a first one comes ten minutes after start) stay in the data folder, removed with it.
    env: {
      ...process.env,
      ...start.env,
      KIOSK_PORT: String(port),
      KIOSK_TLS_PORT: '0',
      KIOSK_HOST: '127.0.0.1',
      KIOSK_DATA_DIR: dataDir,
      KIOSK_BACKUP_DIR: join(dataDir, 'backups'),
      // No espeak-ng run in the background of every test box (tests/e2e/read-aloud.test.ts renders its own small pack).
      KIOSK_AUDIO_RENDER_ON_START: 'off',
      // The stable lines below (port, setup code) are printed only with this on: the console is for people.
      KIOSK_MACHINE_LINES: 'on',
      // The demo center's sample catalogue would sit among each test's own resources (tests/e2e/first-demo.test.ts turns it on).
      KIOSK_SAMPLE_CATALOGUE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /KIOSK_LISTENING port=(\d+)/.exec(output);
      const tls = /KIOSK_TLS_LISTENING port=(\d+)/.exec(output);
      // Printed before the server listens, while the box has no administrator.
      const code = /KIOSK_SETUP_CODE code=(\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolveStart({ child, port: Number(m[1]), tlsPort: tls ? Number(tls[1]) : null, setupCode: code?.[1] ?? null });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
}

function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

/** Starts the real server (as `npm start` does) on loopback with a fresh data folder. */
export async function startKiosk({
  env = {},
  port = 0,
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-')),
  web = true,
  bundled = bundleIsFresh(),
}: KioskOptions = {}): Promise<RunningKiosk> {
  if (bundled && !existsSync(join(root, 'dist/server/main.js')))
    throw new Error('dist/server/main.js is missing: run `npm run build` first.');
  if (web && !existsSync(join(root, 'dist/web/index.html')))
    throw new Error('dist/web is missing: run `npm run build` first (npm test does).');
  let { child, port: actual, tlsPort, setupCode } = await spawnServer(dataDir, port, env, bundled);
  const url = `http://127.0.0.1:${actual}`;
  setupCodes.set(url, setupCode);
  const kiosk: RunningKiosk = {
    url,
    port: actual,
    tlsPort,
    dataDir,
    get setupCode() {
      return setupCodes.get(url) ?? null;
    },
    get pid() {
      return child?.pid ?? null;
    },
    // SIGKILL: a power cut, not a polite shutdown.
    halt: () =>
      kill(child).then(() => {
        child = null as unknown as ChildProcess;
      }),
    async resume() {
      let code: string | null;
      ({ child, tlsPort: kiosk.tlsPort, setupCode: code } = await spawnServer(dataDir, actual, env, bundled));
      setupCodes.set(url, code);
    },
    async stop() {
      await kill(child);
      setupCodes.delete(url);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return kiosk;
}

/** Debian's Chromium, headless, with nothing that calls out to the internet. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

/**
 * A 10-inch tablet in landscape. Without its service worker unless asked for (`serviceWorker`): the
 * worker's install precaches the whole app in every new context, a sixth of a browser test's CPU,
 * and only the files about working without the box, updates and read-aloud's cached clips need it.
 */
export function tabletContext(
  browser: Browser,
  { serviceWorker = false }: { serviceWorker?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'vi-VN',
    hasTouch: true,
    serviceWorkers: serviceWorker ? 'allow' : 'block',
  });
}

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstScreenFiles } from '../../bench/weight.ts';
import { createApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import { migrateToLatest, openDatabase, type Db } from '../../server/src/db/database.ts';

/**
 * Issue 27: the PWA goes over the Wi-Fi (or a phone's slow link) compressed. The build writes a
 * brotli and a gzip copy beside each text file (server/precompress.ts) and the box sends the one the
 * browser accepts, byte for byte the same file once decompressed, with Vary: Accept-Encoding; a
 * client that accepts neither gets the plain file; the service worker stays uncached by the browser;
 * a file changed after the build is sent plain, never as its stale compressed copy. Of the API, the
 * two large answers a tablet reads as it starts go gzipped (docs/SECURITY.md, "Compression").
 */

const built = resolve(import.meta.dirname, '../../dist/web');
const dir = mkdtempSync(join(tmpdir(), 'kiosk-precompressed-'));
/** A copy of the build, which the last test changes by hand. */
const dist = join(dir, 'web');
cpSync(built, dist, { recursive: true, preserveTimestamps: true });
let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = openDatabase({ file: ':memory:', synchronous: 'NORMAL' });
  await migrateToLatest(db);
  const config = loadConfig({ configDir: resolve(import.meta.dirname, '../../kiosk-config'), env: {} });
  app = createApp({ db, config, evidenceDir: join(dir, 'evidence'), webDir: dist, now: () => new Date() });
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, encoding?: string) =>
  app.request(path, { headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

describe('the PWA sent compressed', () => {
  const entry = firstScreenFiles(dist).find((f) => f.endsWith('.js'))!;

  it('has a .br and a .gz beside each script of the first screen', () => {
    for (const f of firstScreenFiles(dist)) {
      const raw = readFileSync(join(dist, f));
      if (raw.length < 1024) continue;
      expect(brotliDecompressSync(readFileSync(join(dist, `${f}.br`)))).toEqual(raw);
      expect(gunzipSync(readFileSync(join(dist, `${f}.gz`)))).toEqual(raw);
    }
  });

  it.each([
    ['br', 'gzip, deflate, br', brotliDecompressSync],
    ['gzip', 'gzip, deflate', gunzipSync],
  ] as const)(
    'sends %s to a browser that accepts it, the same file once decompressed',
    async (encoding, accept, unpack) => {
      const raw = readFileSync(join(dist, entry));
      const res = await get(`/${entry}`, accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toContain('immutable');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeLessThan(raw.length / 2);
      expect(unpack(body)).toEqual(raw);
    },
  );

  it('sends the plain file to a client that accepts no compression', async () => {
    const res = await get(`/${entry}`);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(readFileSync(join(dist, entry)));
  });

  it('keeps the service worker and the start page revalidated, compressed or not', async () => {
    expect(existsSync(join(dist, 'sw.js.br'))).toBe(true);
    const sw = await get('/sw.js', 'br');
    expect(sw.headers.get('content-encoding')).toBe('br');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    for (const path of ['/', '/index.html', '/dang-ky'])
      expect((await get(path, 'br')).headers.get('cache-control')).toBe('no-cache');
  });

  it('sends a file changed after the build plain, not its older compressed copy', async () => {
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const changed = `${sw}\n// build 2\n`;
    writeFileSync(join(dist, 'sw.js'), changed);
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(dist, 'sw.js'), later, later);
    const res = await get('/sw.js', 'gzip, deflate, br');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(changed);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    // The others still go compressed.
    expect((await get(`/${entry}`, 'br')).headers.get('content-encoding')).toBe('br');
  });

  it('sends the tablet’s start answers gzipped: the center with its criteria set, the resources', async () => {
    for (const path of ['/api/kiosk', '/api/resources']) {
      const plain = await get(path);
      expect(plain.headers.get('content-encoding')).toBeNull();
      const text = await plain.text();
      const res = await get(path, 'gzip, deflate, br');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const body = Buffer.from(await res.arrayBuffer());
      expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(JSON.parse(text));
      if (path === '/api/kiosk') expect(body.length).toBeLessThan(text.length / 3);
    }
  });
});

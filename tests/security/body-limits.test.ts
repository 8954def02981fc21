import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.ts';
import { newKeyPair, signRequest, type KeyPair } from '../../server/src/sync/signing.ts';
import { build } from '../fixtures/people.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk-process.ts';

/**
 * Bodies too large for their route, sent to real server processes as an attacker on the Wi-Fi (or
 * the internet, for a hub) would: each is refused with 413 while it is read, the connection is
 * closed, and the server's peak memory (VmHWM, reset before each attack) stays within a few MB of
 * what it used before. The limits themselves are checked in process against the largest bodies
 * the schemas allow, so that nothing legitimate is refused (body-limits-in-process.test.ts).
 */

const MB = 1024 * 1024;
/** What one request may add to the server's peak memory. */
const GROWTH_LIMIT = 16 * MB;

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
  sent: number;
}

/**
 * One request over a raw socket: the head, then `total` bytes of `chunk` repeated (never held in
 * memory at once), with a Content-Length or chunked. Stops sending when the server closes.
 */
function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: { chunk: Buffer; total: number; chunked: boolean },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let sent = 0;
    let closed = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer after sending ${sent} bytes`));
    }, 20_000);
    // A client stops sending once the answer comes (as browsers do).
    socket.on('data', (d) => {
      received.push(d);
      closed = true;
    });
    socket.on('error', () => {
      closed = true;
    });
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      const raw = Buffer.concat(received).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const h = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      let text = rest.join('\r\n\r\n');
      if (h['content-length']) text = text.slice(0, Number(h['content-length']));
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers: h, body: parsed, sent });
    });
    const framing = body.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.total) };
    // One request per connection: the answer ends when the server closes it.
    const all = { host: `127.0.0.1:${port}`, connection: 'close', ...framing, ...headers };
    socket.write(
      `${method} ${path} HTTP/1.1\r\n${Object.entries(all)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`,
    );
    const frame = body.chunked
      ? Buffer.concat([Buffer.from(`${body.chunk.length.toString(16)}\r\n`), body.chunk, Buffer.from('\r\n')])
      : body.chunk;
    const pump = () => {
      while (!closed && sent < body.total) {
        sent += body.chunk.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!closed && body.chunked) socket.write('0\r\n\r\n');
    };
    socket.once('connect', pump);
  });
}

/** Runs one attack with the server's peak memory reset first; answers it with the growth in bytes. */
async function measured(kiosk: RunningKiosk, attack: () => Promise<Answer>): Promise<Answer & { growth: number }> {
  const pid = kiosk.pid!;
  const before = memory(pid);
  // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const answer = await attack();
  const after = memory(pid);
  const growth = after.hwm - before.rss;
  console.log(
    `RSS before ${(before.rss / MB).toFixed(1)} MB, peak during ${(after.hwm / MB).toFixed(1)} MB (+${(growth / MB).toFixed(1)} MB), after ${(after.rss / MB).toFixed(1)} MB; client sent ${(answer.sent / MB).toFixed(1)} MB`,
  );
  return { ...answer, growth };
}

function expectRefused(a: Answer & { growth: number }, total: number): void {
  expect(a.status).toBe(413);
  expect(a.body).toMatchObject({ code: 'request.too-large', details: { limitBytes: expect.any(Number) } });
  expect(a.headers.connection).toBe('close');
  // The server closed the connection long before the body was all sent.
  expect(a.sent).toBeLessThan(Math.min(total / 2, 32 * MB));
  expect(a.growth).toBeLessThan(GROWTH_LIMIT);
}

const jsonFiller = Buffer.alloc(64 * 1024, 'a');

describe('request bodies bounded while they are read (real server processes)', () => {
  let center: RunningKiosk;
  let hub: RunningKiosk;
  let node: { id: string; keys: KeyPair };

  /** A push signed by the enrolled center, as its outbox would send it. */
  const pushHeaders = (body: Uint8Array) => ({
    'content-type': 'application/json',
    'content-encoding': 'gzip',
    ...signRequest(node.id, node.keys.privateKey, 'POST', '/api/hub/push', body),
  });
  const post = (kiosk: RunningKiosk, path: string, body: Uint8Array, headers: Record<string, string>) =>
    send(kiosk.port, 'POST', path, headers, { chunk: Buffer.from(body), total: body.length, chunked: false });

  beforeAll(async () => {
    [center, hub] = await Promise.all([
      startKiosk({ web: false, env: { KIOSK_TLS: 'off' } }),
      startKiosk({ web: false, env: { KIOSK_TLS: 'off', KIOSK_ROLE: 'hub' } }),
    ]);
    // A one-time code as the hub's admin screen would make it, then the center enrols over HTTP.
    const code = 'BODYLIMIT1';
    const db = openDatabase({ file: join(hub.dataDir, 'kiosk.sqlite'), synchronous: 'NORMAL' });
    const now = new Date();
    await db
      .insertInto('hub_enrolment')
      .values({
        code_hash: createHash('sha256').update(code).digest('hex'),
        name: 'TTHTCĐ xã Tân Lập',
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 3600_000).toISOString(),
        used_at: null,
        node_id: null,
      })
      .execute();
    await db.destroy();
    const keys = newKeyPair();
    const enrolled = await fetch(`${hub.url}/api/hub/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, publicKey: keys.publicKey, name: 'TTHTCĐ xã Tân Lập' }),
    });
    expect(enrolled.status).toBe(200);
    node = { id: ((await enrolled.json()) as { nodeId: string }).nodeId, keys };
    // Warm both up (modules, JIT) so that the baselines below are steady.
    for (let i = 0; i < 3; i++) {
      await fetch(`${center.url}/api/people/${build.id()}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const empty = gzipSync('{"changes":[],"backlog":0}');
      await post(hub, '/api/hub/push', empty, pushHeaders(empty));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([center?.stop(), hub?.stop()]);
  });

  it('refuses a 100 MB JSON body on a tablet route by its Content-Length, without reading it', async () => {
    const total = 100 * MB;
    const a = await measured(center, () =>
      send(
        center.port,
        'PUT',
        `/api/people/${build.id()}`,
        { 'content-type': 'application/json' },
        { chunk: jsonFiller, total, chunked: false },
      ),
    );
    expectRefused(a, total);
  });

  it('cuts off a 300 MB chunked JSON body at the limit', async () => {
    const total = 300 * MB;
    const a = await measured(center, () =>
      send(
        center.port,
        'PUT',
        `/api/people/${build.id()}`,
        { 'content-type': 'application/json' },
        { chunk: jsonFiller, total, chunked: true },
      ),
    );
    expectRefused(a, total);
  });

  it('cuts off an unsigned 300 MB chunked push to a hub', async () => {
    const total = 300 * MB;
    const a = await measured(hub, () =>
      send(
        hub.port,
        'POST',
        '/api/hub/push',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        { chunk: jsonFiller, total, chunked: true },
      ),
    );
    expectRefused(a, total);
  });

  it('refuses a gzip bomb from an enrolled center by its decompressed size', async () => {
    // 64 gzip members of 16 MB of zeros each: 1 MB on the wire, 1 GB once inflated.
    const member = gzipSync(Buffer.alloc(16 * MB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.length).toBeLessThan(1.1 * MB);
    const a = await measured(hub, () => post(hub, '/api/hub/push', bomb, pushHeaders(bomb)));
    expect(a.status).toBe(413);
    expect(a.body).toMatchObject({
      code: 'request.too-large',
      details: { limitBytes: expect.any(Number), decompressed: true },
    });
    expect(a.growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('still takes a full-size push and a normal registration', async () => {
    // About one batch's worth (sync.batchBytes counts characters): 2,000 changes of 500 accented characters.
    const changes = Array.from({ length: 2000 }, (_, i) => ({
      seq: i + 1,
      message: { type: 'Redacted', id: String(i + 1), revision: 0, redacted: true, pad: 'ữ'.repeat(500) },
    }));
    const batch = gzipSync(JSON.stringify({ changes, backlog: 0 }));
    const pushed = await post(hub, '/api/hub/push', batch, pushHeaders(batch));
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ ackSeq: 2000 });
    const registered = await fetch(`${center.url}/api/people/${build.id()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Nguyễn Thị Lan',
        birthYear: 1962,
        village: 'Thôn Đông',
        consents: { assessment: true, publicList: false, statistics: true },
      }),
    });
    expect(registered.status).not.toBe(413);
    expect(registered.status).toBeLessThan(500);
  });
});

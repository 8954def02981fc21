import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './context.ts';
import { bodyBytes } from './body-limit.ts';

/**
 * A photo's bytes read once from the socket into a buffer of its declared length: whole and exact
 * over a real connection in many chunks, as the Request gives them anywhere else, and never taken
 * when the client stops short of its Content-Length.
 */

const seen: { sha: string; length: number }[] = [];
const failures: string[] = [];
const app = new Hono<AppEnv>().put('/photo', async (c) => {
  try {
    const bytes = await bodyBytes(c);
    const entry = { sha: createHash('sha256').update(bytes).digest('hex'), length: bytes.length };
    seen.push(entry);
    return c.json(entry);
  } catch (e) {
    failures.push(String(e));
    throw e;
  }
});
// A body cut short is answered (if the client still listens) without the default handler's log line.
app.onError((_e, c) => c.text('refused', 400));
const server = createAdaptorServer({ fetch: app.fetch });
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const photo = (size: number) => {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + (i >> 9)) & 0xff;
  return b;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Sends the head then the body in small pieces, each in its own write, as a slow Wi-Fi would. */
function sendInPieces(body: Buffer, declared: number, stopAt = body.length): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', async () => {
      socket.write(`PUT /photo HTTP/1.1\r\nHost: x\r\nContent-Length: ${declared}\r\nConnection: close\r\n\r\n`);
      for (let at = 0; at < stopAt; at += 7_000) {
        socket.write(body.subarray(at, Math.min(stopAt, at + 7_000)));
        await new Promise((r) => setImmediate(r));
      }
      if (stopAt < declared) socket.destroy();
    });
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('bodyBytes', () => {
  it('reads a body sent in many pieces whole, to its exact length', async () => {
    const body = photo(150 * 1024 + 3);
    const answer = await sendInPieces(body, body.length);
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(seen.at(-1)).toEqual({ sha: sha(body), length: body.length });
  });

  it('reads an empty body as no bytes', async () => {
    const answer = await sendInPieces(Buffer.alloc(0), 0);
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(seen.at(-1)).toEqual({ sha: sha(new Uint8Array()), length: 0 });
  });

  it('takes nothing when the client stops before its declared length', async () => {
    const body = photo(100_000);
    const before = seen.length;
    await sendInPieces(body, body.length, 50_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(before);
    expect(failures.length).toBeGreaterThan(0);
  });

  it('without a socket (the app called in process), reads what the Request holds', async () => {
    const body = photo(70_000);
    const res = await app.request('/photo', { method: 'PUT', body });
    expect(await res.json()).toEqual({ sha: sha(body), length: body.length });
  });
});

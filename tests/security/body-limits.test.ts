import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/load.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { bodyLimits, IMPORT_BYTES, JSON_BYTES, limitFor, pushLimits } from '../../server/src/http/body-limit.ts';
import type { AppEnv, Deps } from '../../server/src/http/context.ts';
import { onError } from '../../server/src/http/errors.ts';
import { SaveAppraisalSchema } from '../../shared/schemas/appraisal.ts';
import { PutAssessmentSchema } from '../../shared/schemas/assessment.ts';
import { PutAttendanceSchema } from '../../shared/schemas/attendance.ts';
import { RecordDecisionSchema } from '../../shared/schemas/decision.ts';
import { PutLearningPlanSchema } from '../../shared/schemas/learning-plan.ts';
import { SaveModelAppraisalSchema } from '../../shared/schemas/model-assessment.ts';
import { consentPurposes, RegisterPersonSchema } from '../../shared/schemas/person.ts';
import { ResourceInputSchema } from '../../shared/schemas/resource.ts';
import { HashListSchema } from '../../shared/sync/protocol.ts';
import { configDir } from '../integration/harness.ts';
import { newKeyPair, signRequest, type KeyPair } from '../../server/src/sync/signing.ts';
import { build } from '../fixtures/people.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk-process.ts';

/**
 * Bodies too large for their route, sent to real server processes as an attacker on the Wi-Fi (or
 * the internet, for a hub) would: each is refused with 413 while it is read, the connection is
 * closed, and the server's peak memory (VmHWM, reset before each attack) stays within a few MB of
 * what it used before. The limits themselves are checked in process against the largest bodies
 * the schemas allow, so that nothing legitimate is refused.
 */

const MB = 1024 * 1024;
/** What one request may add to the server's peak memory. */
const GROWTH_LIMIT = 16 * MB;

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

interface Answer { status: number; headers: Record<string, string>; body: any; sent: number }

/**
 * One request over a raw socket: the head, then `total` bytes of `chunk` repeated (never held in
 * memory at once), with a Content-Length or chunked. Stops sending when the server closes.
 */
function send(port: number, method: string, path: string, headers: Record<string, string>, body: { chunk: Buffer; total: number; chunked: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let sent = 0;
    let closed = false;
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer after sending ${sent} bytes`)); }, 20_000);
    // A client stops sending once the answer comes (as browsers do).
    socket.on('data', (d) => { received.push(d); closed = true; });
    socket.on('error', () => { closed = true; });
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      const raw = Buffer.concat(received).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const h = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      let text = rest.join('\r\n\r\n');
      if (h['content-length']) text = text.slice(0, Number(h['content-length']));
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers: h, body: parsed, sent });
    });
    const framing = body.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.total) };
    // One request per connection: the answer ends when the server closes it.
    const all = { host: `127.0.0.1:${port}`, connection: 'close', ...framing, ...headers };
    socket.write(`${method} ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`);
    const frame = body.chunked ? Buffer.concat([Buffer.from(`${body.chunk.length.toString(16)}\r\n`), body.chunk, Buffer.from('\r\n')]) : body.chunk;
    const pump = () => {
      while (!closed && sent < body.total) {
        sent += body.chunk.length;
        if (!socket.write(frame)) { socket.once('drain', pump); return; }
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
  console.log(`RSS before ${(before.rss / MB).toFixed(1)} MB, peak during ${(after.hwm / MB).toFixed(1)} MB (+${(growth / MB).toFixed(1)} MB), after ${(after.rss / MB).toFixed(1)} MB; client sent ${(answer.sent / MB).toFixed(1)} MB`);
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
    'content-type': 'application/json', 'content-encoding': 'gzip', ...signRequest(node.id, node.keys.privateKey, 'POST', '/api/hub/push', body),
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
    await db.insertInto('hub_enrolment').values({
      code_hash: createHash('sha256').update(code).digest('hex'), name: 'TTHTCĐ xã Tân Lập', created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 3600_000).toISOString(), used_at: null, node_id: null,
    }).execute();
    await db.destroy();
    const keys = newKeyPair();
    const enrolled = await fetch(`${hub.url}/api/hub/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, publicKey: keys.publicKey, name: 'TTHTCĐ xã Tân Lập' }) });
    expect(enrolled.status).toBe(200);
    node = { id: ((await enrolled.json()) as { nodeId: string }).nodeId, keys };
    // Warm both up (modules, JIT) so that the baselines below are steady.
    for (let i = 0; i < 3; i++) {
      await fetch(`${center.url}/api/people/${build.id()}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
      const empty = gzipSync('{"changes":[],"backlog":0}');
      await post(hub, '/api/hub/push', empty, pushHeaders(empty));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([center?.stop(), hub?.stop()]);
  });

  it('refuses a 100 MB JSON body on a tablet route by its Content-Length, without reading it', async () => {
    const total = 100 * MB;
    const a = await measured(center, () => send(center.port, 'PUT', `/api/people/${build.id()}`, { 'content-type': 'application/json' }, { chunk: jsonFiller, total, chunked: false }));
    expectRefused(a, total);
  });

  it('cuts off a 300 MB chunked JSON body at the limit', async () => {
    const total = 300 * MB;
    const a = await measured(center, () => send(center.port, 'PUT', `/api/people/${build.id()}`, { 'content-type': 'application/json' }, { chunk: jsonFiller, total, chunked: true }));
    expectRefused(a, total);
  });

  it('cuts off an unsigned 300 MB chunked push to a hub', async () => {
    const total = 300 * MB;
    const a = await measured(hub, () => send(hub.port, 'POST', '/api/hub/push', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, { chunk: jsonFiller, total, chunked: true }));
    expectRefused(a, total);
  });

  it('refuses a gzip bomb from an enrolled center by its decompressed size', async () => {
    // 64 gzip members of 16 MB of zeros each: 1 MB on the wire, 1 GB once inflated.
    const member = gzipSync(Buffer.alloc(16 * MB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));
    expect(bomb.length).toBeLessThan(1.1 * MB);
    const a = await measured(hub, () => post(hub, '/api/hub/push', bomb, pushHeaders(bomb)));
    expect(a.status).toBe(413);
    expect(a.body).toMatchObject({ code: 'request.too-large', details: { limitBytes: expect.any(Number), decompressed: true } });
    expect(a.growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('still takes a full-size push and a normal registration', async () => {
    // About one batch's worth (sync.batchBytes counts characters): 2,000 changes of 500 accented characters.
    const changes = Array.from({ length: 2000 }, (_, i) => ({ seq: i + 1, message: { type: 'Redacted', id: String(i + 1), revision: 0, redacted: true, pad: 'ữ'.repeat(500) } }));
    const batch = gzipSync(JSON.stringify({ changes, backlog: 0 }));
    const pushed = await post(hub, '/api/hub/push', batch, pushHeaders(batch));
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ ackSeq: 2000 });
    const registered = await fetch(`${center.url}/api/people/${build.id()}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nguyễn Thị Lan', birthYear: 1962, village: 'Thôn Đông', consents: { assessment: true, publicList: false, statistics: true } }),
    });
    expect(registered.status).not.toBe(413);
    expect(registered.status).toBeLessThan(500);
  });
});

describe('limits that fit the largest legitimate bodies (in process)', () => {
  const config = loadConfig({ configDir, env: {} });
  const s = config.settings;
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => { c.set('deps', { config } as Deps); await next(); });
  app.use('/api/*', bodyLimits);
  // Reads the body as the routes do: whole (JSON, photos), or as a stream (stored files).
  app.post('/api/staff/media', async (c) => {
    let bytes = 0;
    for await (const chunk of c.req.raw.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return c.json({ bytes });
  });
  app.all('/api/*', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));

  const stream = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 16 * 1024) controller.enqueue(bytes.subarray(at, at + 16 * 1024));
      controller.close();
    },
  });
  /** Sent with its Content-Length, and again chunked (no length: counted as it is read). */
  async function both(method: string, path: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ status: number; body: any }[]> {
    const sized = await app.request(path, { method, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) }, body: bytes });
    const chunked = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: stream(bytes), duplex: 'half' } as RequestInit);
    return Promise.all([sized, chunked].map(async (r) => ({ status: r.status, body: await r.json() })));
  }

  const V = 'ữ'; // three bytes in UTF-8: the worst case of a Vietnamese letter
  const id = () => build.id();
  const largest: [string, string, string, v.GenericSchema, unknown][] = [
    ['a registration', 'PUT', `/api/people/${id()}`, RegisterPersonSchema,
      { name: 'Nguyễn Thị Lan', birthYear: 1962, village: V.repeat(120), phone: '+84912345678', consents: Object.fromEntries(consentPurposes.map((c) => [c, true])) }],
    ['an assessment with 50 notes of 1,000 letters', 'PUT', `/api/assessments/${id()}`, PutAssessmentSchema, {
      personId: id(), criteriaSetId: 'cdht-2022', criteriaSetVersion: '2022.1', group: 'nong-dan', status: 'submitted', assistedBy: id(),
      answers: Array.from({ length: 50 }, (_, i) => ({ indicatorId: `CS${i}`.padEnd(32, 'x'), score: 10, note: V.repeat(1000), confirmed: true })),
    }],
    ['an appraisal with 50 reasons', 'PUT', `/api/staff/appraisals/${id()}`, SaveAppraisalSchema,
      { scores: Array.from({ length: 50 }, (_, i) => ({ indicatorId: `CS${i}`.padEnd(32, 'x'), score: 10, reason: V.repeat(500) })) }],
    ['a model appraisal with 200 reasons', 'PUT', `/api/staff/model-appraisals/${id()}`, SaveModelAppraisalSchema,
      { answers: Array.from({ length: 200 }, (_, i) => ({ itemId: `GĐ.${i}.1.a`, value: 10, reason: V.repeat(500) })) }],
    ['a decision naming 5,000 households', 'POST', '/api/staff/hub/decisions', RecordDecisionSchema, {
      title: 'gdht', year: 2026, number: '1'.repeat(60), signedOn: '2026-12-05', signer: V.repeat(200),
      subjects: Array.from({ length: 5000 }, () => ({ kind: 'household', id: id() })),
    }],
    ['a decision naming 5,000 people', 'POST', '/api/staff/hub/decisions', RecordDecisionSchema,
      { year: 2026, number: '1'.repeat(60), signedOn: '2026-12-05', signer: V.repeat(200), personIds: Array.from({ length: 5000 }, () => id()) }],
    ['a list of 1,000 photo hashes', 'POST', '/api/hub/evidence/missing', HashListSchema,
      { hashes: Array.from({ length: 1000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')) }],
    ['a learning plan of 20 classes', 'PUT', `/api/learning-plans/${id()}`, PutLearningPlanSchema, {
      personId: id(), source: 'assessment', needs: { indicators: Array(10).fill('x'.repeat(40)), domains: Array(6).fill('x'.repeat(40)) }, madeAt: '2026-11-23T03:00:00.000Z', assistedBy: id(),
      items: Array.from({ length: 20 }, () => ({ resourceId: id(), title: V.repeat(200), kind: 'class', dueOn: '2026-12-31', sessions: Array(50).fill('2026-12-01T08:00:00.000Z') })),
    }],
    ['a class with 200 sessions', 'PUT', `/api/staff/resources/${id()}`, ResourceInputSchema, {
      kind: 'class', title: V.repeat(200), topic: V.repeat(100), description: V.repeat(2000), indicators: Array(10).fill('CS01'), audiences: Array(10).fill('x'.repeat(40)),
      teacher: V.repeat(120), place: V.repeat(200), sessions: Array(200).fill({ startsAt: '2026-12-01T08:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' }),
    }],
    ['attendance of 500 people', 'PUT', `/api/staff/resources/${id()}/attendance`, PutAttendanceSchema,
      { sessionStartsAt: '2026-12-01T08:00:00.000Z', personIds: Array.from({ length: 500 }, () => id()) }],
  ];

  it.each(largest)('takes the largest %s', async (_name, method, path, schema, body) => {
    expect(v.safeParse(schema, body).issues).toBeUndefined();
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    const limit = limitFor(method, path, s).bytes;
    console.log(`${_name}: ${(bytes.length / 1024).toFixed(0)} KB of ${(limit / 1024).toFixed(0)} KB`);
    expect(bytes.length).toBeLessThan(limit * 0.7); // room for what the schema does not bound (ids, set names)
    for (const r of await both(method, path, bytes)) expect(r).toEqual({ status: 200, body: { bytes: bytes.length } });
  });

  it.each<[string, string, string, number, string]>([
    ['a JSON body', 'PUT', `/api/people/${id()}`, JSON_BYTES, 'request.too-large'],
    ['a photo', 'PUT', `/api/assessments/${id()}/evidence/${id()}`, s['evidence.maxPhotoBytes'], 'evidence.too-large'],
    ['a photo sent to a hub', 'PUT', `/api/hub/evidence/${'a'.repeat(64)}`, s['evidence.maxPhotoBytes'], 'evidence.too-large'],
    ['a spreadsheet of resources', 'POST', '/api/staff/resources/import', IMPORT_BYTES, 'request.too-large'],
    ['a push', 'POST', '/api/hub/push', pushLimits(s).wireBytes, 'request.too-large'],
  ])('takes %s of exactly its limit and refuses one byte more', async (_name, method, path, limit, code) => {
    for (const r of await both(method, path, new Uint8Array(limit))) expect(r).toEqual({ status: 200, body: { bytes: limit } });
    for (const r of await both(method, path, new Uint8Array(limit + 1))) expect(r).toEqual({ status: 413, body: expect.objectContaining({ code, details: { limitBytes: limit } }) });
  });

  it('streams a stored file through and cuts it off past resources.maxFileBytes', async () => {
    const limited = loadConfig({ configDir, env: { KIOSK_MAX_RESOURCE_FILE_BYTES: '1000000' } });
    const small = new Hono<AppEnv>();
    small.onError(onError);
    small.use('*', async (c, next) => { c.set('deps', { config: limited } as Deps); await next(); });
    small.use('/api/*', bodyLimits);
    small.route('/', app);
    for (const [size, status] of [[1_000_000, 200], [1_000_001, 413]] as const) {
      const res = await small.request('/api/staff/media', { method: 'POST', body: stream(new Uint8Array(size)), duplex: 'half' } as RequestInit);
      expect(res.status).toBe(status);
      if (status === 413) {
        expect(await res.json()).toMatchObject({ code: 'resource.file-too-large', details: { limitBytes: 1_000_000 } });
        expect(res.headers.get('connection')).toBe('close');
      }
    }
  });

  it('limits the inflated size of a push by sync.batchBytes', () => {
    expect(pushLimits(s)).toEqual({ inflatedBytes: 3 * s['sync.batchBytes'] + 1024 * 1024, wireBytes: 3 * s['sync.batchBytes'] + 1024 * 1024 + 64 * 1024 });
  });
});

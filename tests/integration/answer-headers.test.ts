import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, people } from '../fixtures/people.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The headers every API answer carries, set after its route answered (no-store, the box's own
 * Date, the security headers), as a tablet receives them over a real connection through Node's
 * adapter, for a JSON answer, an error and a photo's answer; the body whole beside them.
 */

let h: Harness;
let server: ReturnType<typeof createAdaptorServer>;
let url = '';
beforeAll(async () => {
  h = await startHarness(new Date('2026-11-23T03:00:00Z'));
  server = createAdaptorServer({ fetch: h.app.fetch });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await h.close();
});

const token = randomBytes(32).toString('base64url');
const send = (method: string, path: string, body?: BodyInit, type = 'application/json') =>
  fetch(`${url}${path}`, {
    method,
    headers: { 'x-villager-token': token, ...(body === undefined ? {} : { 'content-type': type }) },
    body,
  });
const expectApiHeaders = (res: Response) => {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('date')).toBe('Mon, 23 Nov 2026 03:00:00 GMT');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
};

describe('an API answer over a real connection', () => {
  it('a registration, an error and a photo each carry no-store, the box’s Date and the security headers', async () => {
    const personId = build.id();
    const registered = await send('PUT', `/api/people/${personId}`, JSON.stringify(people.baLan));
    expect(registered.status).toBe(200);
    expectApiHeaders(registered);
    const text = await registered.text();
    expect(Number(registered.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toMatchObject({ id: personId, name: people.baLan.name });

    const refused = await send('GET', `/api/people/${build.id()}`);
    expect(refused.status).toBe(403);
    expectApiHeaders(refused);
    expect(await refused.json()).toMatchObject({ code: 'villager.forbidden' });

    const assessmentId = build.id();
    const draft = build.assessment(personId, { status: 'draft' });
    expect((await send('PUT', `/api/assessments/${assessmentId}`, JSON.stringify(draft))).status).toBe(200);
    const photo = Buffer.alloc(20_000, 7);
    photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const stored = await send(
      'PUT',
      `/api/assessments/${assessmentId}/evidence/${build.id()}?indicator=CS03`,
      photo,
      'image/jpeg',
    );
    expect(stored.status).toBe(200);
    expectApiHeaders(stored);
    expect(await stored.json()).toMatchObject({ kind: 'photo', bytes: 20_000 });
  });
});

import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config/load.ts';
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
import { build } from '../fixtures/people.ts';

/**
 * The body limits checked in process against the largest bodies the schemas allow, so that nothing
 * legitimate is refused (body-limits.test.ts sends bodies too large to real server processes).
 */

describe('limits that fit the largest legitimate bodies (in process)', () => {
  const config = loadConfig({ configDir, env: {} });
  const s = config.settings;
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('*', async (c, next) => {
    c.set('deps', { config } as Deps);
    await next();
  });
  app.use('/api/*', bodyLimits);
  // Reads the body as the routes do: whole (JSON, photos), or as a stream (stored files).
  app.post('/api/staff/media', async (c) => {
    let bytes = 0;
    for await (const chunk of c.req.raw.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return c.json({ bytes });
  });
  app.all('/api/*', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));

  const stream = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16 * 1024) controller.enqueue(bytes.subarray(at, at + 16 * 1024));
        controller.close();
      },
    });
  /** Sent with its Content-Length, and again chunked (no length: counted as it is read). */
  async function both(
    method: string,
    path: string,
    bytes: Uint8Array<ArrayBuffer>,
  ): Promise<{ status: number; body: any }[]> {
    const sized = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
      body: bytes,
    });
    const chunked = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: stream(bytes),
      duplex: 'half',
    } as RequestInit);
    return Promise.all([sized, chunked].map(async (r) => ({ status: r.status, body: await r.json() })));
  }

  const V = 'ữ'; // three bytes in UTF-8: the worst case of a Vietnamese letter
  const id = () => build.id();
  const largest: [string, string, string, v.GenericSchema, unknown][] = [
    [
      'a registration',
      'PUT',
      `/api/people/${id()}`,
      RegisterPersonSchema,
      {
        name: 'Nguyễn Thị Lan',
        birthYear: 1962,
        village: V.repeat(120),
        phone: '+84912345678',
        consents: Object.fromEntries(consentPurposes.map((c) => [c, true])),
      },
    ],
    [
      'an assessment with 50 notes of 1,000 letters',
      'PUT',
      `/api/assessments/${id()}`,
      PutAssessmentSchema,
      {
        personId: id(),
        criteriaSetId: 'cdht-2022',
        criteriaSetVersion: '2022.1',
        group: 'nong-dan',
        status: 'submitted',
        assistedBy: id(),
        answers: Array.from({ length: 50 }, (_, i) => ({
          indicatorId: `CS${i}`.padEnd(32, 'x'),
          score: 10,
          note: V.repeat(1000),
          confirmed: true,
        })),
      },
    ],
    [
      'an appraisal with 50 reasons',
      'PUT',
      `/api/staff/appraisals/${id()}`,
      SaveAppraisalSchema,
      {
        scores: Array.from({ length: 50 }, (_, i) => ({
          indicatorId: `CS${i}`.padEnd(32, 'x'),
          score: 10,
          reason: V.repeat(500),
        })),
      },
    ],
    [
      'a model appraisal with 200 reasons',
      'PUT',
      `/api/staff/model-appraisals/${id()}`,
      SaveModelAppraisalSchema,
      { answers: Array.from({ length: 200 }, (_, i) => ({ itemId: `GĐ.${i}.1.a`, value: 10, reason: V.repeat(500) })) },
    ],
    [
      'a decision naming 5,000 households',
      'POST',
      '/api/staff/hub/decisions',
      RecordDecisionSchema,
      {
        title: 'gdht',
        year: 2026,
        number: '1'.repeat(60),
        signedOn: '2026-12-05',
        signer: V.repeat(200),
        subjects: Array.from({ length: 5000 }, () => ({ kind: 'household', id: id() })),
      },
    ],
    [
      'a decision naming 5,000 people',
      'POST',
      '/api/staff/hub/decisions',
      RecordDecisionSchema,
      {
        year: 2026,
        number: '1'.repeat(60),
        signedOn: '2026-12-05',
        signer: V.repeat(200),
        personIds: Array.from({ length: 5000 }, () => id()),
      },
    ],
    [
      'a list of 1,000 photo hashes',
      'POST',
      '/api/hub/evidence/missing',
      HashListSchema,
      { hashes: Array.from({ length: 1000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')) },
    ],
    [
      'a learning plan of 20 classes',
      'PUT',
      `/api/learning-plans/${id()}`,
      PutLearningPlanSchema,
      {
        personId: id(),
        source: 'assessment',
        needs: { indicators: Array(10).fill('x'.repeat(40)), domains: Array(6).fill('x'.repeat(40)) },
        madeAt: '2026-11-23T03:00:00.000Z',
        assistedBy: id(),
        items: Array.from({ length: 20 }, () => ({
          resourceId: id(),
          title: V.repeat(200),
          kind: 'class',
          dueOn: '2026-12-31',
          sessions: Array(50).fill('2026-12-01T08:00:00.000Z'),
        })),
      },
    ],
    [
      'a class with 200 sessions',
      'PUT',
      `/api/staff/resources/${id()}`,
      ResourceInputSchema,
      {
        kind: 'class',
        title: V.repeat(200),
        topic: V.repeat(100),
        description: V.repeat(2000),
        indicators: Array(10).fill('CS01'),
        audiences: Array(10).fill('x'.repeat(40)),
        teacher: V.repeat(120),
        place: V.repeat(200),
        sessions: Array(200).fill({ startsAt: '2026-12-01T08:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' }),
      },
    ],
    [
      'attendance of 500 people',
      'PUT',
      `/api/staff/resources/${id()}/attendance`,
      PutAttendanceSchema,
      { sessionStartsAt: '2026-12-01T08:00:00.000Z', personIds: Array.from({ length: 500 }, () => id()) },
    ],
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
    [
      'a photo sent to a hub',
      'PUT',
      `/api/hub/evidence/${'a'.repeat(64)}`,
      s['evidence.maxPhotoBytes'],
      'evidence.too-large',
    ],
    ['a spreadsheet of resources', 'POST', '/api/staff/resources/import', IMPORT_BYTES, 'request.too-large'],
    ['a push', 'POST', '/api/hub/push', pushLimits(s).wireBytes, 'request.too-large'],
  ])('takes %s of exactly its limit and refuses one byte more', async (_name, method, path, limit, code) => {
    for (const r of await both(method, path, new Uint8Array(limit)))
      expect(r).toEqual({ status: 200, body: { bytes: limit } });
    for (const r of await both(method, path, new Uint8Array(limit + 1)))
      expect(r).toEqual({ status: 413, body: expect.objectContaining({ code, details: { limitBytes: limit } }) });
  });

  it('streams a stored file through and cuts it off past resources.maxFileBytes', async () => {
    const limited = loadConfig({ configDir, env: { KIOSK_MAX_RESOURCE_FILE_BYTES: '1000000' } });
    const small = new Hono<AppEnv>();
    small.onError(onError);
    small.use('*', async (c, next) => {
      c.set('deps', { config: limited } as Deps);
      await next();
    });
    small.use('/api/*', bodyLimits);
    small.route('/', app);
    for (const [size, status] of [
      [1_000_000, 200],
      [1_000_001, 413],
    ] as const) {
      const res = await small.request('/api/staff/media', {
        method: 'POST',
        body: stream(new Uint8Array(size)),
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(status);
      if (status === 413) {
        expect(await res.json()).toMatchObject({ code: 'resource.file-too-large', details: { limitBytes: 1_000_000 } });
        expect(res.headers.get('connection')).toBe('close');
      }
    }
  });

  it('limits the inflated size of a push by sync.batchBytes', () => {
    expect(pushLimits(s)).toEqual({
      inflatedBytes: 3 * s['sync.batchBytes'] + 1024 * 1024,
      wireBytes: 3 * s['sync.batchBytes'] + 1024 * 1024 + 64 * 1024,
    });
  });
});

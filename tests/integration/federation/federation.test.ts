import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { newKeyPair, signRequest } from '../../../server/src/federation/signing.ts';
import { build, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

type Fault = 'ok' | 'drop-request' | 'drop-response' | 'duplicate' | 'truncate';

let hub: Harness;
let center: Harness;
let hubStaff: Record<Role, string>;
let centerStaff: Record<Role, string>;
let faults: Fault[];
let wire: { requests: number; bytes: number };

/** The link between center and hub: the hub app on loopback-like fetch, with faults on demand. */
const link: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const fault = faults.shift() ?? 'ok';
  if (fault === 'drop-request') throw new TypeError('network down');
  let body = init?.body as Uint8Array | string | undefined;
  if (fault === 'truncate' && body instanceof Uint8Array) body = body.slice(0, Math.floor(body.length / 2));
  wire.requests++;
  wire.bytes += typeof body === 'string' ? Buffer.byteLength(body) : body?.length ?? 0;
  const send = async () => hub.app.request(url.pathname + url.search, { ...init, body: body as BodyInit | undefined });
  const res = await send();
  if (fault === 'duplicate') await send();
  if (fault === 'drop-response') throw new TypeError('connection reset');
  return res;
};

async function villagers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const personId = build.id();
    await center.json('PUT', `/api/people/${personId}`, people.anhTuan);
    const id = build.id();
    await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft', scores: { CS02: 1 + (i % 10) } }));
    await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { scores: { CS02: 1 + (i % 10) } }));
    ids.push(id);
  }
  return ids;
}

async function hubCounts(): Promise<Record<string, number>> {
  const rows = await hub.db.selectFrom('hub_record').select(['record_kind']).execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.record_kind] = (out[r.record_kind] ?? 0) + 1;
  out.history = (await hub.db.selectFrom('hub_record_history').select('id').execute()).length;
  return out;
}

async function enrol(): Promise<void> {
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin);
  const res = await center.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code }, centerStaff.admin);
  expect(res.status).toBe(200);
}

const run = () => center.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin);

const pgUrl = inject('pgUrl');
/** One contract suite for the hub's storage: SQLite, and PostgreSQL on a throwaway cluster. */
const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(hubStorages)('commune hub on %s', (storage) => {
  beforeEach(async () => {
    faults = [];
    wire = { requests: 0, bytes: 0 };
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    center = await startHarness(undefined, {}, link);
    hubStaff = await staffSessions(hub);
    centerStaff = await staffSessions(center);
  });
  afterEach(async () => {
    await center.close();
    await hub.close();
  });

  describe('enrolment', () => {
    it('registers a center with a one-time code and its Ed25519 key; the code then dies', async () => {
      const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin);
      expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const ok = await center.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test/', code: body.code }, centerStaff.admin);
      expect(ok.body).toMatchObject({ enrolled: true, hubUrl: 'http://hub.test', hubName: 'Xã Tân Lập, Tỉnh Phú Thọ', waiting: expect.any(Number) });
      const nodes = await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin);
      expect(nodes.body).toMatchObject([{ name: 'TTHTCĐ xã Tân Lập', status: 'active' }]);
      const again = await center.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code }, centerStaff.admin);
      expect(again.body.code).toBe('sync.enrolment-invalid');
    });

    it('refuses an expired code', async () => {
      const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubStaff.admin);
      hub.setNow(new Date('2026-11-26T04:00:00Z'));
      const res = await center.json('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code }, centerStaff.admin);
      expect(res.body.code).toBe('sync.enrolment-invalid');
    });
  });

  describe('upward push', () => {
    it('sends the outbox in order, applies each change once, and advances only on acknowledgement', async () => {
      await enrol();
      await villagers(20);
      const status = await run();
      expect(status.body).toMatchObject({ waiting: 0, lastError: null });
      expect(await hubCounts()).toEqual({ person: 20, assessment: 20, history: 60 });
      const before = wire.requests;
      await run();
      expect(wire.requests).toBe(before);
      expect(await hubCounts()).toEqual({ person: 20, assessment: 20, history: 60 });
      const [node] = (await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin)).body;
      expect(node).toMatchObject({ backlog: 0, lastSeq: 60 });
    });

    it('through dropped requests and answers, duplicates and cut bodies, every change lands exactly once', async () => {
      await enrol();
      const ids = await villagers(60);
      let seed = 11;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const kinds: Fault[] = ['drop-request', 'drop-response', 'duplicate', 'truncate'];
      faults = Array.from({ length: 200 }, () => (random() < 0.5 ? kinds[Math.floor(random() * 4)]! : 'ok'));
      let rounds = 0;
      for (;;) {
        const { body } = await run();
        rounds++;
        if (body.waiting === 0) break;
        expect(rounds).toBeLessThan(300);
      }
      expect(await hubCounts()).toEqual({ person: 60, assessment: 60, history: 180 });
      const onHub = await hub.db.selectFrom('hub_record').select(['record_id', 'revision']).where('record_kind', '=', 'assessment').execute();
      expect(new Set(onHub.map((r) => r.record_id))).toEqual(new Set(ids));
      expect(onHub.every((r) => r.revision === 2)).toBe(true);
    });

    it('shows the last error in words when the hub cannot be reached, and recovers', async () => {
      await enrol();
      await villagers(3);
      faults = ['drop-request'];
      const failed = await run();
      expect(failed.body).toMatchObject({ waiting: 9, lastError: { code: 'sync.unreachable' } });
      const ok = await run();
      expect(ok.body).toMatchObject({ waiting: 0, lastError: null });
    });

    it('bounds batches in bytes and compresses them: well under 1 KB per assessment on the wire', async () => {
      await enrol();
      await villagers(100);
      wire = { requests: 0, bytes: 0 };
      await run();
      const perAssessment = wire.bytes / 100;
      console.log(`federation: ${wire.requests} requests, ${wire.bytes} bytes for 100 villagers (person + draft + submitted): ${perAssessment.toFixed(0)} B per assessment`);
      expect(wire.requests).toBeGreaterThanOrEqual(1);
      expect(perAssessment).toBeLessThan(1024);
    });

    it('an erasure at the center erases the person at the hub, history included', async () => {
      await enrol();
      await villagers(2);
      await run();
      const [person] = await center.db.selectFrom('person').select('id').execute();
      await center.json('DELETE', `/api/staff/people/${person!.id}`, undefined, centerStaff.facilitator);
      await run();
      expect(await hubCounts()).toEqual({ person: 1, assessment: 1, history: 3 });
      const all = JSON.stringify(await hub.db.selectFrom('hub_record_history').select('payload').execute());
      expect(all).not.toContain(person!.id);
    });
  });

  describe('evidence files', () => {
    const photo = (seed: number) => {
      const b = new Uint8Array(4000).map((_, i) => (i * 13 + seed * 7) % 251);
      b.set([0xff, 0xd8, 0xff, 0xe0], 0);
      return b;
    };
    const filesOn = (h: Harness) => (existsSync(join(h.dir, 'evidence')) ? readdirSync(join(h.dir, 'evidence'), { recursive: true }).filter((f) => String(f).length > 60).map(String).sort() : []);

    async function withPhotos(n: number): Promise<string[]> {
      const hashes: string[] = [];
      for (let i = 0; i < n; i++) {
        const personId = build.id();
        await center.json('PUT', `/api/people/${personId}`, people.baLan);
        const id = build.id();
        await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft' }));
        // Two villagers share one photo (the same certificate): it travels once.
        const bytes = photo(i % 4);
        await center.app.request(`/api/assessments/${id}/evidence/${build.id()}?indicator=CS03`, { method: 'PUT', body: bytes });
        hashes.push(createHash('sha256').update(bytes).digest('hex'));
      }
      return [...new Set(hashes)];
    }

    it('sends each file the hub lacks once, by hash, through faults, and never a partial file', async () => {
      await enrol();
      const hashes = await withPhotos(6);
      faults = ['ok', 'ok', 'truncate', 'drop-response', 'ok', 'drop-request', 'duplicate'];
      for (let i = 0; i < 20; i++) {
        const { body } = await run();
        if (body.lastError === null) break;
      }
      expect(filesOn(hub)).toEqual(filesOn(center));
      expect(filesOn(hub)).toHaveLength(hashes.length);
      expect(readdirSync(join(hub.dir, 'evidence'), { recursive: true }).some((f) => String(f).endsWith('.tmp'))).toBe(false);
      const puts = wire.requests;
      await run();
      expect(wire.requests).toBe(puts);
    });

    it('refuses a file whose content does not match its hash', async () => {
      await enrol();
      const state = await center.db.selectFrom('sync_state').selectAll().execute();
      const nodeId = state.find((r) => r.key === 'nodeId')!.value;
      const key = state.find((r) => r.key === 'privateKey')!.value;
      const bytes = photo(9);
      const wrong = 'a'.repeat(64);
      const res = await hub.app.request(`/api/hub/evidence/${wrong}`, { method: 'PUT', headers: signRequest(nodeId, key, 'PUT', `/api/hub/evidence/${wrong}`, bytes, new Date('2026-11-23T03:00:00Z')), body: bytes as BodyInit });
      expect(res.status).toBe(422);
      expect((await res.json()).code).toBe('evidence.hash-mismatch');
      expect(filesOn(hub)).toEqual([]);
    });
  });

  describe('signed requests', () => {
    let nodeId: string;
    let privateKey: string;
    const body = gzipSync(Buffer.from(JSON.stringify({ changes: [{ seq: 1, message: { type: 'PersonUpsertV1', id: build.id(), revision: 1, name: 'Kẻ Mạo Danh' } }], backlog: 0 })));
    const push = async (headers: Record<string, string>, payload: Uint8Array = body) =>
      hub.app.request('/api/hub/push', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload as BodyInit });

    beforeEach(async () => {
      await enrol();
      const state = await center.db.selectFrom('sync_state').selectAll().execute();
      nodeId = state.find((r) => r.key === 'nodeId')!.value;
      privateKey = state.find((r) => r.key === 'privateKey')!.value;
    });

    it.each<[string, () => Promise<Response>, number, string]>([
      ['a forged signature (another key)', () => push(signRequest(nodeId, newKeyPair().privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z'))), 401, 'sync.signature-invalid'],
      ['a body changed after signing', () => push(signRequest(nodeId, privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z')), gzipSync(Buffer.from('{"changes":[],"backlog":0}'))), 401, 'sync.signature-invalid'],
      ['a stale timestamp', () => push(signRequest(nodeId, privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T02:50:00Z'))), 401, 'sync.request-stale'],
      ['an unknown sender', () => push(signRequest(build.id(), privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z'))), 401, 'sync.node-unknown'],
      ['no signature at all', () => push({}), 401, 'sync.node-unknown'],
    ])('refuses %s, records it and changes nothing', async (_name, send, status, code) => {
      const res = await send();
      expect(res.status).toBe(status);
      expect((await res.json()).code).toBe(code);
      expect(await hubCounts()).toEqual({ history: 0 });
      const refusals = await hub.db.selectFrom('hub_refusal').select('code').execute();
      expect(refusals.map((r) => r.code)).toEqual([code]);
    });

    it('refuses a replayed request', async () => {
      const headers = signRequest(nodeId, privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z'));
      expect((await push(headers)).status).toBe(200);
      const counts = await hubCounts();
      const replay = await push(headers);
      expect(replay.status).toBe(409);
      expect((await replay.json()).code).toBe('sync.request-replayed');
      expect(await hubCounts()).toEqual(counts);
    });

    it('refuses a revoked key from then on, and the center says so', async () => {
      const [node] = (await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin)).body;
      await hub.json('POST', `/api/staff/hub/nodes/${node.id}/revoke`, undefined, hubStaff.admin);
      await villagers(1);
      const status = await run();
      expect(status.body.lastError.code).toBe('sync.node-revoked');
      expect(await hubCounts()).toEqual({ history: 0 });
    });
  });
});

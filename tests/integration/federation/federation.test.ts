import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { newKeyPair, signRequest } from '../../../server/src/sync/signing.ts';
import { CriteriaSets } from '../../../server/src/criteria/criteria-sets.ts';
import { build, people } from '../../fixtures/people.ts';
import { cookieOf, staff, staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { closeLists } from '../hub/close-lists.ts';

type Fault = 'ok' | 'drop-request' | 'drop-response' | 'duplicate' | 'truncate';

let hub: Harness;
let center: Harness;
let hubStaff: Record<Role, string>;
let centerStaff: Record<Role, string>;
let faults: Fault[];
let wire: { requests: number; bytes: number };
let feedReads = 0;

/** The link between center and hub: the hub app on loopback-like fetch, with faults on demand. */
const link: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const fault = faults.shift() ?? 'ok';
  if (fault === 'drop-request') throw new TypeError('network down');
  let body = init?.body as Uint8Array | string | undefined;
  if (fault === 'truncate' && body instanceof Uint8Array) body = body.slice(0, Math.floor(body.length / 2));
  // Reads of the downward feed are counted apart: the figures below are about what goes up.
  if (url.pathname === '/api/hub/feed') feedReads++;
  else {
    wire.requests++;
    wire.bytes += typeof body === 'string' ? Buffer.byteLength(body) : (body?.length ?? 0);
  }
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
    await center.json(
      'PUT',
      `/api/assessments/${id}`,
      build.assessment(personId, { status: 'draft', scores: { CS02: 1 + (i % 10) } }),
    );
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
  const res = await center.json(
    'POST',
    '/api/staff/federation/enrol',
    { hubUrl: 'http://hub.test', code: body.code },
    centerStaff.admin,
  );
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
      const { body } = await hub.json(
        'POST',
        '/api/staff/hub/enrolments',
        { name: 'TTHTCĐ xã Tân Lập' },
        hubStaff.admin,
      );
      expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
      const ok = await center.json(
        'POST',
        '/api/staff/federation/enrol',
        { hubUrl: 'http://hub.test/', code: body.code },
        centerStaff.admin,
      );
      expect(ok.body).toMatchObject({
        enrolled: true,
        hubUrl: 'http://hub.test',
        hubName: 'Xã Tân Lập, Tỉnh Phú Thọ',
        waiting: expect.any(Number),
      });
      const nodes = await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin);
      expect(nodes.body).toMatchObject([{ name: 'TTHTCĐ xã Tân Lập', status: 'active' }]);
      const again = await center.json(
        'POST',
        '/api/staff/federation/enrol',
        { hubUrl: 'http://hub.test', code: body.code },
        centerStaff.admin,
      );
      expect(again.body.code).toBe('sync.enrolment-invalid');
    });

    it('refuses an expired code', async () => {
      const { body } = await hub.json(
        'POST',
        '/api/staff/hub/enrolments',
        { name: 'TTHTCĐ xã Tân Lập' },
        hubStaff.admin,
      );
      hub.setNow(new Date('2026-11-26T04:00:00Z'));
      const res = await center.json(
        'POST',
        '/api/staff/federation/enrol',
        { hubUrl: 'http://hub.test', code: body.code },
        centerStaff.admin,
      );
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
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
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
      const onHub = await hub.db
        .selectFrom('hub_record')
        .select(['record_id', 'revision'])
        .where('record_kind', '=', 'assessment')
        .execute();
      expect(new Set(onHub.map((r) => r.record_id))).toEqual(new Set(ids));
      expect(onHub.every((r) => r.revision === 2)).toBe(true);
    });

    it('shows the last error in words when the hub cannot be reached, and recovers', async () => {
      await enrol();
      await villagers(3);
      // A dropped request is tried again three times within a run; a fourth loss ends the run.
      faults = ['drop-request', 'drop-response', 'drop-request', 'drop-request'];
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
      console.log(
        `federation: ${wire.requests} requests, ${wire.bytes} bytes for 100 villagers (person + draft + submitted): ${perAssessment.toFixed(0)} B per assessment`,
      );
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
    const filesOn = (h: Harness) =>
      existsSync(join(h.dir, 'evidence'))
        ? readdirSync(join(h.dir, 'evidence'), { recursive: true })
            .filter((f) => String(f).length > 60)
            .map(String)
            .sort()
        : [];

    // The villagers' photos below go up as when the commune asked for them (by default they stay at
    // the center: tests/integration/evidence-to-commune.test.ts); the center was told so before enrolling.
    beforeEach(async () => {
      await center.close();
      center = await startHarness(undefined, { KIOSK_EVIDENCE_TO_COMMUNE: 'on' }, link);
      centerStaff = await staffSessions(center);
    });

    async function withPhotos(n: number): Promise<string[]> {
      const hashes: string[] = [];
      for (let i = 0; i < n; i++) {
        const personId = build.id();
        await center.json('PUT', `/api/people/${personId}`, people.baLan);
        const id = build.id();
        await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId, { status: 'draft' }));
        // Two villagers share one photo (the same certificate): it travels once.
        const bytes = photo(i % 4);
        const path = `/api/assessments/${id}/evidence/${build.id()}`;
        await center.app.request(`${path}?indicator=CS03`, {
          method: 'PUT',
          headers: center.tablet.header('PUT', path),
          body: bytes,
        });
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
      expect(readdirSync(join(hub.dir, 'evidence'), { recursive: true }).some((f) => String(f).endsWith('.tmp'))).toBe(
        false,
      );
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
      const res = await hub.app.request(`/api/hub/evidence/${wrong}`, {
        method: 'PUT',
        headers: signRequest(nodeId, key, 'PUT', `/api/hub/evidence/${wrong}`, bytes, new Date('2026-11-23T03:00:00Z')),
        body: bytes as BodyInit,
      });
      expect(res.status).toBe(422);
      expect((await res.json()).code).toBe('evidence.hash-mismatch');
      expect(filesOn(hub)).toEqual([]);
    });
  });

  describe('signed requests', () => {
    let nodeId: string;
    let privateKey: string;
    const body = gzipSync(
      Buffer.from(
        JSON.stringify({
          changes: [{ seq: 1, message: { type: 'PersonUpsertV1', id: build.id(), revision: 1, name: 'Kẻ Mạo Danh' } }],
          backlog: 0,
        }),
      ),
    );
    const push = async (headers: Record<string, string>, payload: Uint8Array = body) =>
      hub.app.request('/api/hub/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload as BodyInit,
      });

    beforeEach(async () => {
      await enrol();
      const state = await center.db.selectFrom('sync_state').selectAll().execute();
      nodeId = state.find((r) => r.key === 'nodeId')!.value;
      privateKey = state.find((r) => r.key === 'privateKey')!.value;
    });

    it.each<[string, () => Promise<Response>, number, string]>([
      [
        'a forged signature (another key)',
        () =>
          push(
            signRequest(
              nodeId,
              newKeyPair().privateKey,
              'POST',
              '/api/hub/push',
              body,
              new Date('2026-11-23T03:00:00Z'),
            ),
          ),
        401,
        'sync.signature-invalid',
      ],
      [
        'a body changed after signing',
        () =>
          push(
            signRequest(nodeId, privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z')),
            gzipSync(Buffer.from('{"changes":[],"backlog":0}')),
          ),
        401,
        'sync.signature-invalid',
      ],
      [
        'a stale timestamp',
        () => push(signRequest(nodeId, privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T02:50:00Z'))),
        401,
        'sync.request-stale',
      ],
      [
        'an unknown sender',
        () =>
          push(signRequest(build.id(), privateKey, 'POST', '/api/hub/push', body, new Date('2026-11-23T03:00:00Z'))),
        401,
        'sync.node-unknown',
      ],
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
  describe('downward feed', () => {
    const pass = (id: string) => ({
      scores: ['CS01', 'CS02', 'CS03', 'CS04', 'CS05', 'CS06', 'CS07', 'CS08', 'CS09', 'CS10'].map((indicatorId) => ({
        indicatorId,
        score: id === 'short' && indicatorId === 'CS07' ? 4 : 8,
        ...(id === 'short' && indicatorId === 'CS07' ? { reason: 'Chưa có minh chứng' } : {}),
      })),
    });

    /** Villagers who submitted and were appraised at the center, then pushed to the hub. */
    const assessmentOf = new Map<string, string>();
    async function appraised(kinds: ('passes' | 'short')[]): Promise<string[]> {
      const ids: string[] = [];
      for (const kind of kinds) {
        const personId = build.id();
        await center.json('PUT', `/api/people/${personId}`, people.baLan);
        const id = build.id();
        expect((await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId))).status).toBe(200);
        const saved = await center.json(
          'PUT',
          `/api/staff/appraisals/${id}`,
          pass(kind === 'short' ? 'short' : id),
          centerStaff.appraiser,
        );
        expect(saved.status).toBe(200);
        assessmentOf.set(personId, id);
        ids.push(personId);
      }
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      if (kinds.includes('passes'))
        await closeLists(center, centerStaff.appraiser, year, [{ village: people.baLan.village }]);
      expect((await run()).body.lastError).toBeNull();
      return ids;
    }

    const decide = (year: number, personIds: string[], number = '125/QĐ-UBND') =>
      hub.json(
        'POST',
        '/api/staff/hub/decisions',
        { year, number, signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã', personIds },
        hubStaff.admin,
      );
    const recognitionsOf = async (personId: string) =>
      (await center.json('GET', `/api/people/${personId}`)).body.recognitions;

    it('a decision recorded at the hub reaches the center through faults, once, and its withdrawal too', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan, tuan, short] = await appraised(['passes', 'passes', 'short']);
      const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${year}`, undefined, hubStaff.admin))
        .body as { personId: string; proposed: boolean; center: string }[];
      expect(table).toHaveLength(3);
      expect(
        table
          .filter((p) => p.proposed)
          .map((p) => p.personId)
          .sort(),
      ).toEqual([lan, tuan].sort());
      expect(table[0]!.center).toBe('TTHTCĐ xã Tân Lập');

      const made = await decide(year, [lan!]);
      expect(made.status).toBe(200);
      faults = ['ok', 'drop-response', 'ok', 'duplicate'];
      for (let i = 0; i < 10 && (await run()).body.lastError !== null; i++);
      expect(await recognitionsOf(lan!)).toEqual([
        { title: 'cdht', year, decisionNumber: '125/QĐ-UBND', signedOn: '2026-12-05' },
      ]);
      expect(await recognitionsOf(tuan!)).toEqual([]);
      faults = [];
      const reads = feedReads;
      await run();
      expect(feedReads).toBe(reads + 1);
      expect(await center.db.selectFrom('recognition').selectAll().execute()).toHaveLength(1);

      // Decided results are locked below: the appraisal cannot change, nor be reopened at the center.
      const lanAssessment = assessmentOf.get(lan!)!;
      expect(
        (await center.json('PUT', `/api/staff/appraisals/${lanAssessment}`, pass(lanAssessment), centerStaff.appraiser))
          .body.code,
      ).toBe('appraisal.locked');
      const reopen = () =>
        center.json(
          'POST',
          `/api/staff/appraisals/${lanAssessment}/reopen`,
          { reason: 'Chấm lại CS03' },
          centerStaff.admin,
        );
      expect((await reopen()).body).toMatchObject({
        code: 'appraisal.decided',
        details: { decisionNumber: '125/QĐ-UBND' },
      });
      // Tuan is on the closed list but not decided: the administrator may still reopen his appraisal.
      expect(
        (
          await center.json(
            'POST',
            `/api/staff/appraisals/${assessmentOf.get(tuan!)}/reopen`,
            { reason: 'Chấm lại CS03' },
            centerStaff.admin,
          )
        ).status,
      ).toBe(200);

      const revoked = await hub.json(
        'POST',
        `/api/staff/hub/decisions/${made.body.id}/revoke`,
        { reason: 'Ghi nhầm số quyết định' },
        hubStaff.admin,
      );
      expect(revoked.status).toBe(200);
      await run();
      expect(await recognitionsOf(lan!)).toEqual([]);
      // Withdrawn by the commune: the center's administrator may reopen it again.
      expect((await reopen()).status).toBe(200);
      const again = await hub.json(
        'POST',
        `/api/staff/hub/decisions/${made.body.id}/revoke`,
        { reason: 'Lần nữa' },
        hubStaff.admin,
      );
      expect(again.body.code).toBe('decision.already-revoked');
      void short;
    });

    it('refuses to recognize anyone not proposed, or twice in a year, and changes nothing', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan, short] = await appraised(['passes', 'short']);
      expect((await decide(year, [lan!])).status).toBe(200);
      const before = await hub.counts();
      const feed = await hub.db.selectFrom('hub_feed').selectAll().execute();
      expect((await decide(year, [short!], '126/QĐ-UBND')).body).toMatchObject({
        code: 'decision.not-proposed',
        details: { personIds: [short] },
      });
      expect((await decide(year, [build.id()], '126/QĐ-UBND')).body.code).toBe('decision.not-proposed');
      expect((await decide(year, [lan!], '127/QĐ-UBND')).body).toMatchObject({
        code: 'decision.already-recognized',
        details: { personIds: [lan] },
      });
      expect((await decide(year + 1, [lan!], '128/QĐ-UBND')).body.code).toBe('decision.not-proposed');
      expect(await hub.counts()).toEqual(before);
      expect(await hub.db.selectFrom('hub_feed').selectAll().execute()).toEqual(feed);
    });

    it('lists as outstanding those recognized five years in a row, and not those with a gap', async () => {
      const signInAs = async (h: Harness, who: { name: string; pin: string }) =>
        cookieOf((await h.json('POST', '/api/staff/sign-in', { name: who.name, pin: who.pin })).headers);
      const lan = build.id();
      const hoa = build.id();
      for (const year of [2022, 2023, 2024, 2025, 2026]) {
        const at = new Date(`${year}-11-23T03:00:00Z`);
        hub.setNow(at);
        center.setNow(at);
        if (year === 2022) {
          // Sessions last hours, not years: everyone signs in again at each year's clock.
          hubStaff = { ...hubStaff, admin: await signInAs(hub, staff.chiHoa) };
          centerStaff = { ...centerStaff, admin: await signInAs(center, staff.chiHoa) };
          await enrol();
          await center.json('PUT', `/api/people/${lan}`, people.baLan);
          await center.json('PUT', `/api/people/${hoa}`, { ...people.baLan, name: 'Đỗ Thị Hòa' });
        }
        const appraiser = await signInAs(center, staff.coMai);
        const officer = await signInAs(hub, staff.chiHoa);
        const named = year === 2024 ? [lan] : [lan, hoa];
        for (const personId of named) {
          const id = build.id();
          expect((await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId))).status).toBe(200);
          expect((await center.json('PUT', `/api/staff/appraisals/${id}`, pass(id), appraiser)).status).toBe(200);
        }
        centerStaff = { ...centerStaff, admin: await signInAs(center, staff.chiHoa) };
        await closeLists(center, appraiser, year, [{ village: people.baLan.village }]);
        expect((await run()).body.lastError).toBeNull();
        const decided = await hub.json(
          'POST',
          '/api/staff/hub/decisions',
          { year, number: `${year}/QĐ-UBND`, signedOn: `${year}-12-05`, signer: 'Chủ tịch UBND xã', personIds: named },
          officer,
        );
        expect(decided.status).toBe(200);
        const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${year}`, undefined, officer)).body as {
          personId: string;
          streak: number;
          outstanding: boolean;
        }[];
        const of = (id: string) => table.find((p) => p.personId === id);
        expect(of(lan)).toMatchObject({ streak: year - 2021, outstanding: year === 2026 });
        if (year !== 2024)
          expect(of(hoa)).toMatchObject({
            streak: year === 2022 || year === 2023 ? year - 2021 : year - 2024,
            outstanding: false,
          });
        // The dashboard counts the same: Lan alone is outstanding, in 2026.
        const board = (await hub.json('GET', `/api/staff/hub/dashboard?year=${year}`, undefined, officer)).body;
        expect(board.total.counts).toMatchObject({ recognized: named.length, outstanding: year === 2026 ? 1 : 0 });
        expect(board.trend.map((t: { year: number }) => t.year)).toEqual(
          Array.from({ length: year - 2021 }, (_, i) => 2022 + i),
        );
        if (year === 2026) {
          const village = board.placeTrend.find((p: { name: string }) => p.name === people.baLan.village);
          expect(village.points.map((p: { year: number; numerator: number }) => [p.year, p.numerator])).toEqual([
            [2022, 2],
            [2023, 2],
            [2024, 1],
            [2025, 2],
            [2026, 2],
          ]);
        }
      }
    });

    it('a declined proposal reaches its center with the reason, and is taken back when the person is recognized after all', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan] = await appraised(['passes']);
      expect(
        (
          await hub.json(
            'POST',
            '/api/staff/hub/declines',
            { personId: lan, year, reason: 'Minh chứng CS03 chưa rõ' },
            hubStaff.admin,
          )
        ).status,
      ).toBe(200);
      expect((await run()).body.lastError).toBeNull();
      const caseOf = async () =>
        (await center.json('GET', `/api/staff/appraisals/${assessmentOf.get(lan!)}`, undefined, centerStaff.appraiser))
          .body;
      expect((await caseOf()).declined).toMatchObject({
        reason: 'Minh chứng CS03 chưa rõ',
        on: '2026-11-23T03:00:00.000Z',
      });
      expect((await decide(year, [lan!])).status).toBe(200);
      expect((await run()).body.lastError).toBeNull();
      expect((await caseOf()).declined).toBeNull();
      expect(await recognitionsOf(lan!)).toHaveLength(1);
    });

    it('a center reads only its own people in the feed', async () => {
      await enrol();
      const year = (await center.json('GET', '/api/kiosk')).body.year as number;
      const [lan] = await appraised(['passes']);
      expect((await decide(year, [lan!])).status).toBe(200);
      const other = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ thôn khác' }, hubStaff.admin);
      const keys = newKeyPair();
      const enrolled = await hub.json('POST', '/api/hub/enrol', {
        code: other.body.code,
        publicKey: keys.publicKey,
        name: 'Thôn khác',
      });
      const body = Buffer.from(JSON.stringify({ after: 0, limit: 100 }));
      const res = await hub.app.request('/api/hub/feed', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          ...signRequest(
            enrolled.body.nodeId,
            keys.privateKey,
            'POST',
            '/api/hub/feed',
            body,
            new Date('2026-11-23T03:00:00Z'),
          ),
        },
      });
      const page = (await res.json()) as { items: { kind: string }[]; more: boolean };
      expect(page.items.map((i) => i.kind)).toEqual(['criteria-sets', 'evidence-policy']);
    });

    it('the criteria sets decided above reach the center, which then uses them, also after a restart', async () => {
      await hub.close();
      hub = await startHarness(
        undefined,
        { KIOSK_ROLE: 'hub', KIOSK_CDHT_CRITERIA_SET: 'cdht-2023@2023.1' },
        undefined,
        storage === 'postgres' ? pgUrl : null,
      );
      hubStaff = await staffSessions(hub);
      await enrol();
      expect((await center.json('GET', '/api/kiosk')).body.criteriaSet).toMatchObject({
        id: 'cdht-2022',
        version: '2022.1',
      });
      expect((await run()).body.lastError).toBeNull();
      expect((await center.json('GET', '/api/kiosk')).body.criteriaSet).toMatchObject({
        id: 'cdht-2023',
        version: '2023.1',
      });
      // An assessment begun on the earlier set is still accepted.
      const personId = build.id();
      await center.json('PUT', `/api/people/${personId}`, people.baLan);
      expect(
        (await center.json('PUT', `/api/assessments/${build.id()}`, build.assessment(personId, { status: 'draft' })))
          .status,
      ).toBe(200);
      // Read again from the database, as at the box's next start.
      const restarted = await CriteriaSets.load(center.db, center.config);
      expect(restarted.forYear(2026)).toMatchObject({ id: 'cdht-2023' });
      // Published once: a further sync brings no new revision.
      await run();
      expect(
        await hub.db.selectFrom('hub_feed').select('revision').where('kind', '=', 'criteria-sets').execute(),
      ).toEqual([{ revision: 1 }]);
    });
  });
});

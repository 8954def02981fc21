import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../../server/src/sync/signing.ts';
import { build, people } from '../../fixtures/people.ts';
import type { Harness } from '../harness.ts';
import {
  center,
  centerStaff,
  enrol,
  hub,
  hubAndCenterEachTest,
  hubCounts,
  hubStaff,
  hubStorages,
  resetWire,
  restartCenter,
  run,
  setFaults,
  villagers,
  wire,
  type Fault,
} from './federation-setup.ts';

/**
 * A center and its commune hub (federation-setup.ts): enrolment with a one-time code, the outbox
 * pushed up through faults, once each, within its bytes, erasures following; the evidence files the
 * hub lacks sent once by hash.
 */

describe.each(hubStorages)('commune hub on %s', (storage) => {
  hubAndCenterEachTest(storage);

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
      setFaults(Array.from({ length: 200 }, () => (random() < 0.5 ? kinds[Math.floor(random() * 4)]! : 'ok')));
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
      setFaults(['drop-request', 'drop-response', 'drop-request', 'drop-request']);
      const failed = await run();
      expect(failed.body).toMatchObject({ waiting: 9, lastError: { code: 'sync.unreachable' } });
      const ok = await run();
      expect(ok.body).toMatchObject({ waiting: 0, lastError: null });
    });

    it('bounds batches in bytes and compresses them: well under 1 KB per assessment on the wire', async () => {
      await enrol();
      await villagers(100);
      resetWire();
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
      await restartCenter({ KIOSK_EVIDENCE_TO_COMMUNE: 'on' });
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
      setFaults(['ok', 'ok', 'truncate', 'drop-response', 'ok', 'drop-request', 'duplicate']);
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
});

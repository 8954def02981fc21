import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { newKeyPair, signRequest } from '../../../server/src/sync/signing.ts';
import { build } from '../../fixtures/people.ts';
import {
  center,
  enrol,
  hub,
  hubAndCenterEachTest,
  hubCounts,
  hubStaff,
  hubStorages,
  run,
  villagers,
} from './federation-setup.ts';

/**
 * The hub takes only what its enrolled centers sign (federation-setup.ts): a forged, changed, stale,
 * unknown, unsigned, replayed or revoked request is refused, recorded, and changes nothing.
 */

describe.each(hubStorages)('commune hub on %s', (storage) => {
  hubAndCenterEachTest(storage);

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
});

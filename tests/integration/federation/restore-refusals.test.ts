import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../../../server/src/sync/signing.ts';
import { build } from '../../fixtures/people.ts';
import { backupOf, onHub, register, type App } from './boxes.ts';
import {
  root,
  AT,
  TIMEOUT,
  hubStorages,
  hub,
  hubApp,
  center,
  old,
  freshBoxesEachTest,
  run,
  restore,
  nodes,
  hubState,
  setHubApp,
} from './restore-setup.ts';

/** Issue 21: the old box after its replacement, a hub of the version before, and a push from another history. */
describe.each(hubStorages)('a center restored from its backup, %s hub', (storage) => {
  freshBoxesEachTest(storage);
  it(
    'the old box coming back after its replacement synced cannot push: an error on its screen and in npm run doctor, never "nothing waiting"',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const backup = await backupOf(center);
      const box = await restore(backup);
      expect(await run(box)).toMatchObject({ lastError: null });

      const [stray] = await register(old, 1);
      const before = await hubState();
      const status = await run(old);
      expect(status).toMatchObject({ historyUnresolved: true, lastError: { code: 'sync.history-unresolved' } });
      expect(status.waiting).toBeGreaterThan(0);
      expect(await hubState()).toEqual(before);
      expect(await onHub(hub.db, 'person', stray!)).toBeUndefined();
      // The health screen says so too: never "every change sent".
      const health = (await old.call('GET', '/api/health')).body as {
        checks: { id: string; status: string; message: string }[];
      };
      expect(health.checks.find((c) => c.id === 'outbox')).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('chưa khớp lịch sử đồng bộ'),
      });
      // Still so after another try, and the replacement is not disturbed.
      expect(await run(old)).toMatchObject({ historyUnresolved: true, lastError: { code: 'sync.history-unresolved' } });
      const [mine] = await register(box, 1);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null });
      expect(await onHub(hub.db, 'person', mine!)).toMatchObject({ id: mine });

      if (storage === 'sqlite') {
        const doctor = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/doctor.ts'], {
          cwd: root,
          env: { ...process.env, KIOSK_DATA_DIR: center.dir },
          encoding: 'utf8',
        });
        expect(doctor.status).toBe(1);
        expect(doctor.stdout).toContain('Lịch sử đồng bộ');
        expect(doctor.stdout).toContain('không khớp với xã');
      }
    },
    TIMEOUT,
  );

  it(
    'with a hub of the version before (no position route) the center pushes as it did; a restore waiting to be agreed there is an error, not silence',
    async () => {
      const current = hubApp;
      setHubApp({
        request: (path: string, init?: RequestInit) =>
          String(path).startsWith('/api/hub/position')
            ? new Response(JSON.stringify({ code: 'route.not-found', message: 'No such route.', details: {} }), {
                status: 404,
                headers: { 'content-type': 'application/json' },
              })
            : current.request(path, init),
      } as unknown as App);
      const early = await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0, lastError: null, historyUnresolved: false });
      for (const id of early) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
      expect((await nodes())[0]!.epoch).toBeNull();

      const box = await restore(await backupOf(center));
      const [after] = await register(box, 1);
      const before = await hubState();
      expect(await run(box)).toMatchObject({ historyUnresolved: true, lastError: { code: 'sync.history-unresolved' } });
      expect(await hubState()).toEqual(before);
      expect(await onHub(hub.db, 'person', after!)).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    'a push from another history or from another position is refused with its code and changes nothing; a center sending no epoch still pushes',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const state = Object.fromEntries(
        (await center.db.selectFrom('sync_state').selectAll().execute()).map((r) => [r.key, r.value]),
      );
      const [node] = await nodes();
      const push = (body: unknown) => {
        const bytes = gzipSync(Buffer.from(JSON.stringify(body)));
        return hub.app.request('/api/hub/push', {
          method: 'POST',
          body: bytes as BodyInit,
          headers: {
            'content-type': 'application/json',
            'content-encoding': 'gzip',
            ...signRequest(state.nodeId!, state.privateKey!, 'POST', '/api/hub/push', bytes, AT),
          },
        });
      };
      const person = {
        type: 'PersonUpsertV1',
        id: build.id(),
        revision: 1,
        code: 'ABC234',
        name: 'Lò Thị Mai',
        birthYear: 1960,
        village: 'Thôn Khe Ngang',
        phone: null,
        consents: [],
      };
      const change = (seq: number) => ({ changes: [{ seq, message: person }], backlog: 0 });
      const before = await hubState();
      for (const [body, code] of [
        [{ ...change(node!.last_seq + 1), epoch: 'f'.repeat(32), after: node!.last_seq }, 'sync.epoch-mismatch'],
        [{ ...change(node!.last_seq), epoch: state.epoch, after: node!.last_seq - 1 }, 'sync.position-mismatch'],
        [{ ...change(node!.last_seq + 5), epoch: state.epoch, after: node!.last_seq + 4 }, 'sync.position-mismatch'],
      ] as const) {
        const res = await push(body);
        expect(res.status).toBe(409);
        expect(await res.json()).toMatchObject({ code, details: { lastSeq: node!.last_seq } });
      }
      expect(await hubState()).toEqual(before);
      // A center of the version before (no epoch, no position) pushes as it always did.
      const res = await push(change(node!.last_seq + 1));
      expect(await res.json()).toMatchObject({ ackSeq: node!.last_seq + 1, applied: 1 });
    },
    TIMEOUT,
  );
});

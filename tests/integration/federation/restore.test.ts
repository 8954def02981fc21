import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { signRequest } from '../../../server/src/sync/signing.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import {
  backupOf,
  boxOf,
  highestSeq,
  linkTo,
  onHub,
  openBox,
  register,
  removeTemps,
  restoredCenter,
  tempDir,
  type App,
  type Box,
} from './boxes.ts';

/**
 * Issue 21: a center synced, was backed up, synced more, died, and was restored from the backup.
 * What it makes after the restore must reach the hub (its outbox numbers and record revisions
 * start again below what the hub already acknowledged), what the hub got from the dead box and the
 * backup lacks is counted for the administrator, and a history the center cannot agree on with
 * the hub is an error on its screen and in `npm run doctor`, never "nothing waiting".
 */

const root = resolve(import.meta.dirname, '../../..');
const AT = new Date('2026-11-23T03:00:00Z');
const now = () => AT;
const pgUrl = inject('pgUrl');
/** Boxes die and come back, some through pg_dump or a child process: more than the default 5 s on a busy machine. */
const TIMEOUT = 60_000;
const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(hubStorages)('a center restored from its backup, %s hub', (storage) => {
  let hub: Harness;
  let hubApp: App;
  let center: Harness;
  let admin: string;
  let old: Box;
  const opened: Box[] = [];
  const link = linkTo(() => hubApp);

  beforeEach(async () => {
    hub = await startHarness(AT, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    hubApp = hub.app;
    center = await startHarness(AT, {}, link);
    admin = (await staffSessions(center)).admin;
    old = boxOf(center, admin);
    const hubAdmin = (await staffSessions(hub)).admin;
    const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubAdmin);
    expect(
      (await old.call('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code })).status,
    ).toBe(200);
  });
  afterEach(async () => {
    for (const b of opened.splice(0)) await b.close();
    await center.close();
    await hub.close();
    removeTemps();
  });

  const run = async (box: Box) => (await box.call('POST', '/api/staff/federation/run')).body;
  const restore = async (backup: string) => {
    const box = await restoredCenter(center, admin, backup, now, link);
    opened.push(box);
    return box;
  };
  const nodes = () => hub.db.selectFrom('hub_node').selectAll().execute();
  /** What a refused push must leave as it was: the counts, every record, the registry of nodes. */
  const hubState = async () => ({
    counts: await hub.counts(),
    records: await hub.db
      .selectFrom('hub_record')
      .select(['record_kind', 'record_id', 'revision'])
      .orderBy('record_id')
      .execute(),
    history: (await hub.db.selectFrom('hub_record_history').select('id').execute()).length,
    nodes: await nodes(),
  });

  it(
    'every record made after the restore reaches the hub, edits after it win, and what went with the old box is counted',
    async () => {
      const [lan, tuan] = await register(old, 3);
      const clan = build.id();
      expect(
        (await old.call('POST', '/api/staff/clans', { id: clan, name: 'Họ Hà', representative: 'Hà Văn Khánh' }))
          .status,
      ).toBe(200);
      const draft = build.id();
      expect(
        (
          await old.call(
            'PUT',
            `/api/assessments/${draft}`,
            build.assessment(lan!, { status: 'draft', scores: { CS02: 3 } }),
          )
        ).status,
      ).toBe(200);
      expect(await run(old)).toMatchObject({ waiting: 0, lastError: null });
      const backup = await backupOf(center);
      const seqAtBackup = await highestSeq(center.db);

      // The box goes on for a while: five more villagers, a consent withdrawn, the draft and the clan changed; all reach the hub.
      await register(old, 5);
      await old.call('POST', `/api/staff/people/${tuan}/consents`, { purpose: 'publicList', granted: false });
      await old.call(
        'PUT',
        `/api/assessments/${draft}`,
        build.assessment(lan!, { status: 'draft', scores: { CS02: 5 } }),
      );
      await old.call('PUT', `/api/staff/clans/${clan}`, { name: 'Họ Hà Văn', representative: 'Hà Văn Khánh' });
      expect(await run(old)).toMatchObject({ waiting: 0, lastError: null });
      const [node] = await nodes();
      const lost = node!.last_seq - seqAtBackup;
      expect(lost).toBeGreaterThan(0);

      // It dies; a new box is restored from the backup and takes five villagers and the same kinds of edits.
      const box = await restore(backup);
      const after = await register(box, 5);
      expect(
        (await box.call('POST', `/api/staff/people/${tuan}/consents`, { purpose: 'statistics', granted: false }))
          .status,
      ).toBe(200);
      expect(
        (
          await box.call(
            'PUT',
            `/api/assessments/${draft}`,
            build.assessment(lan!, { status: 'draft', scores: { CS02: 9 } }),
          )
        ).status,
      ).toBe(200);
      expect(
        (await box.call('PUT', `/api/staff/clans/${clan}`, { name: 'Họ Hà Đông', representative: 'Hà Văn Khánh' }))
          .status,
      ).toBe(200);
      const made = (await box.db.selectFrom('outbox').select('seq').where('seq', '>', seqAtBackup).execute()).length;
      expect(made).toBeGreaterThanOrEqual(8);
      expect((await box.call('GET', '/api/staff/federation')).body).toMatchObject({
        waiting: made,
        historyUnresolved: false,
      });

      expect(await run(box)).toMatchObject({
        waiting: 0,
        lastError: null,
        lostChanges: lost,
        historyUnresolved: false,
      });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
      const consents = (await onHub(hub.db, 'person', tuan!)).consents as { purpose: string; granted: boolean }[];
      expect(consents.filter((c) => c.purpose === 'statistics').at(-1)?.granted).toBe(false);
      expect(
        (await onHub(hub.db, 'assessment', draft)).answers.find(
          (a: { indicatorId: string }) => a.indicatorId === 'CS02',
        ).score,
      ).toBe(9);
      expect(await onHub(hub.db, 'clan', clan)).toMatchObject({ name: 'Họ Hà Đông' });
      expect((await nodes()).filter((n) => n.status === 'active')).toHaveLength(1);
      const audit = await box.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'sync.history-lost')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([
        expect.objectContaining({ lost, hubSeq: node!.last_seq, restoredSeq: seqAtBackup }),
      ]);

      // From then on it syncs as before: nothing more to send, a new villager goes up.
      const sent = (await nodes())[0]!.last_seq;
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: lost });
      expect((await nodes())[0]!.last_seq).toBe(sent);
      const [late] = await register(box, 1);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null });
      expect(await onHub(hub.db, 'person', late!)).toMatchObject({ id: late });
    },
    TIMEOUT,
  );

  it(
    'a restore with nothing lost (the box died before syncing again) sends everything and counts nothing',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const backup = await backupOf(center);
      await register(old, 2);
      const box = await restore(backup);
      const after = await register(box, 3);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: 0 });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
      expect(
        await box.db.selectFrom('audit_log').selectAll().where('action', '=', 'sync.history-lost').execute(),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a database file copied back by hand (no restore mark) is recognised: what is made on it reaches the hub',
    async () => {
      await register(old, 2);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const copy = join(tempDir('by-hand'), 'data');
      mkdirSync(copy, { recursive: true });
      cpSync(join(await backupOf(center), 'kiosk.sqlite'), join(copy, 'kiosk.sqlite'));
      await register(old, 4);
      expect(await run(old)).toMatchObject({ waiting: 0 });
      const hubSeq = (await nodes())[0]!.last_seq;

      const box = await openBox(copy, center.config, admin, now, link);
      opened.push(box);
      const after = await register(box, 2);
      const held = await highestSeq(box.db);
      expect(await run(box)).toMatchObject({ waiting: 0, lastError: null, lostChanges: hubSeq - held });
      for (const id of after) expect(await onHub(hub.db, 'person', id)).toMatchObject({ id });
    },
    TIMEOUT,
  );

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
      hubApp = {
        request: (path: string, init?: RequestInit) =>
          String(path).startsWith('/api/hub/position')
            ? new Response(JSON.stringify({ code: 'route.not-found', message: 'No such route.', details: {} }), {
                status: 404,
                headers: { 'content-type': 'application/json' },
              })
            : current.request(path, init),
      } as unknown as App;
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

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { boxOf, linkTo, onHub, register, removeTemps, snapshotHub, type App, type Box } from './boxes.ts';

/**
 * Issue 21: a hub restored from an older backup holds less of a center's history than the center
 * believes it sent. The center must find out (also when it has nothing new to send) and send
 * again from the hub's position: records, later edits and photos; the hub applies each once.
 */

const AT = new Date('2026-11-23T03:00:00Z');
const now = () => AT;
const pgUrl = inject('pgUrl');
/** Boxes die and come back, some through pg_dump or a child process: more than the default 5 s on a busy machine. */
const TIMEOUT = 60_000;
const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

const photo = (seed: number) => {
  const b = new Uint8Array(4000).map((_, i) => (i * 13 + seed * 7) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
};
const filesIn = (dir: string) =>
  existsSync(join(dir, 'evidence'))
    ? readdirSync(join(dir, 'evidence'), { recursive: true })
        .map(String)
        .filter((f) => /[0-9a-f]{64}$/.test(f))
        .sort()
    : [];

describe.each(hubStorages)('a %s hub restored from an older backup', (storage) => {
  let hub: Harness;
  let hubApp: App;
  let center: Harness;
  let box: Box;
  let admin: string;
  let closeRestored: (() => Promise<void>) | null = null;

  beforeEach(async () => {
    // The commune asks for the villagers' photos too (they stay at the center by default).
    hub = await startHarness(
      AT,
      { KIOSK_ROLE: 'hub', KIOSK_EVIDENCE_TO_COMMUNE: 'on' },
      undefined,
      storage === 'postgres' ? pgUrl : null,
    );
    hubApp = hub.app;
    center = await startHarness(
      AT,
      { KIOSK_EVIDENCE_TO_COMMUNE: 'on' },
      linkTo(() => hubApp),
    );
    admin = (await staffSessions(center)).admin;
    box = boxOf(center, admin);
    const { body } = await hub.json(
      'POST',
      '/api/staff/hub/enrolments',
      { name: 'TTHTCĐ xã Tân Lập' },
      (await staffSessions(hub)).admin,
    );
    expect(
      (await box.call('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code: body.code })).status,
    ).toBe(200);
  });
  afterEach(async () => {
    await closeRestored?.();
    closeRestored = null;
    await center.close();
    await hub.close();
    removeTemps();
  });

  const run = async () => (await box.call('POST', '/api/staff/federation/run')).body;

  /** A villager with a draft and a photo: the photo travels by hash after the records. */
  async function withPhoto(seed: number): Promise<string> {
    const [person] = await register(box, 1);
    const assessment = build.id();
    expect(
      (await box.call('PUT', `/api/assessments/${assessment}`, build.assessment(person!, { status: 'draft' }))).status,
    ).toBe(200);
    const res = await center.app.request(`/api/assessments/${assessment}/evidence/${build.id()}?indicator=CS03`, {
      method: 'PUT',
      headers: { cookie: admin },
      body: photo(seed) as BodyInit,
    });
    expect(res.status).toBe(200);
    return person!;
  }

  it(
    'gets everything again from the center, photos included, with nothing new to send and after',
    async () => {
      const early = [...(await register(box, 2)), await withPhoto(1)];
      expect(await run()).toMatchObject({ waiting: 0, lastError: null });
      const snapshot = await snapshotHub(hub, now, storage === 'postgres' ? pgUrl : null);

      const later = [...(await register(box, 3)), await withPhoto(2)];
      await box.call('POST', `/api/staff/people/${early[0]}/consents`, { purpose: 'statistics', granted: false });
      expect(await run()).toMatchObject({ waiting: 0, lastError: null });

      // The hub's disk fails; it is restored from the snapshot, which holds only the early records.
      const restored = await snapshot.reopen();
      closeRestored = restored.close;
      hubApp = restored.app;
      for (const id of later) expect(await onHub(restored.db, 'person', id)).toBeUndefined();
      expect(filesIn(restored.dir)).toHaveLength(1);

      // Nothing new at the center: the run still finds the hub behind and sends again from its position.
      expect(await run()).toMatchObject({ waiting: 0, lastError: null, lostChanges: 0, historyUnresolved: false });
      for (const id of [...early, ...later]) expect(await onHub(restored.db, 'person', id)).toMatchObject({ id });
      const consents = (await onHub(restored.db, 'person', early[0]!)).consents as {
        purpose: string;
        granted: boolean;
      }[];
      expect(consents.filter((c) => c.purpose === 'statistics').at(-1)?.granted).toBe(false);
      expect(filesIn(restored.dir)).toEqual(filesIn(center.dir));
      expect(filesIn(center.dir)).toHaveLength(2);
      const centerSeq = Number(
        (
          await center.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.max<number>('seq').as('s'))
            .executeTakeFirstOrThrow()
        ).s,
      );
      expect((await restored.db.selectFrom('hub_node').select('last_seq').executeTakeFirstOrThrow()).last_seq).toBe(
        centerSeq,
      );

      // And it goes on from there.
      const [last] = await register(box, 1);
      expect(await run()).toMatchObject({ waiting: 0, lastError: null });
      expect(await onHub(restored.db, 'person', last!)).toMatchObject({ id: last });
    },
    TIMEOUT,
  );
});

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { newKeyPair } from '../../../server/src/sync/signing.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { boxOf, linkTo, onHub, register, type Box, type Fault } from './boxes.ts';

/**
 * Issue 21: enrolment retried after lost answers left two orphan centers active on the hub. The
 * center keeps the key pair it sent until it is enrolled, and the hub answers the same center for
 * the same key: one center on the hub after any retry sequence.
 */

const AT = new Date('2026-11-23T03:00:00Z');
const pgUrl = inject('pgUrl');
/** Boxes die and come back, some through pg_dump or a child process: more than the default 5 s on a busy machine. */
const TIMEOUT = 60_000;
const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(hubStorages)('enrolment retried after lost answers, %s hub', (storage) => {
  let hub: Harness;
  let center: Harness;
  let hubAdmin: string;
  let box: Box;
  const faults: { path: string; fault: Fault }[] = [];

  beforeEach(async () => {
    faults.length = 0;
    hub = await startHarness(AT, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    center = await startHarness(
      AT,
      {},
      linkTo(() => hub.app, faults),
    );
    hubAdmin = (await staffSessions(hub)).admin;
    box = boxOf(center, (await staffSessions(center)).admin);
  });
  afterEach(async () => {
    await center.close();
    await hub.close();
  });

  const issue = async () =>
    (await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ xã Tân Lập' }, hubAdmin)).body.code as string;
  const enrol = (code: string) => box.call('POST', '/api/staff/federation/enrol', { hubUrl: 'http://hub.test', code });
  const loseNext = (fault: Fault = 'drop-response') => faults.push({ path: '/api/hub/enrol', fault });
  const registry = async () => ({
    nodes: await hub.db.selectFrom('hub_node').selectAll().orderBy('id').execute(),
    codes: await hub.db.selectFrom('hub_enrolment').selectAll().orderBy('code_hash').execute(),
  });
  /** Enrolled for real: the center's records reach the hub under the one node. */
  async function syncsAsTheOneNode(): Promise<void> {
    const { nodes } = await registry();
    expect(nodes.map((n) => n.status)).toEqual(['active']);
    const state = await box.call('GET', '/api/staff/federation');
    expect(state.body).toMatchObject({ enrolled: true });
    const [person] = await register(box, 1);
    expect((await box.call('POST', '/api/staff/federation/run')).body).toMatchObject({ waiting: 0, lastError: null });
    expect(
      (
        await hub.db
          .selectFrom('hub_record')
          .select('origin')
          .where('record_id', '=', person!)
          .executeTakeFirstOrThrow()
      ).origin,
    ).toBe(nodes[0]!.id);
    expect(await onHub(hub.db, 'person', person!)).toMatchObject({ id: person });
  }

  it(
    'the same code sent again after its answer was lost answers the same center',
    async () => {
      const code = await issue();
      loseNext();
      const lost = await enrol(code);
      expect(lost).toMatchObject({ status: 502, body: { code: 'sync.unreachable' } });
      expect((await registry()).nodes).toHaveLength(1);
      expect((await box.call('GET', '/api/staff/federation')).body).toMatchObject({ enrolled: false });

      expect((await enrol(code)).status).toBe(200);
      await syncsAsTheOneNode();
    },
    TIMEOUT,
  );

  it(
    'a new code after a lost answer makes no second center: the code is spent on the same one',
    async () => {
      loseNext();
      expect((await enrol(await issue())).status).toBe(502);
      const second = await issue();
      expect((await enrol(second)).status).toBe(200);
      const { codes } = await registry();
      expect(codes.map((c) => c.used_at !== null)).toEqual([true, true]);
      expect(new Set(codes.map((c) => c.node_id)).size).toBe(1);
      await syncsAsTheOneNode();
    },
    TIMEOUT,
  );

  it(
    'lost twice, a request that never left, a mistyped code, then through: still one center',
    async () => {
      const first = await issue();
      loseNext();
      expect((await enrol(first)).status).toBe(502);
      loseNext();
      expect((await enrol(first)).status).toBe(502);
      loseNext('drop-request');
      expect((await enrol(await issue())).status).toBe(502);
      expect((await enrol('ZZZZZ-ZZZZZ')).body.code).toBe('sync.enrolment-invalid');
      expect((await enrol(first)).status).toBe(200);
      // The hub already knew it; once enrolled the center asks no more.
      await syncsAsTheOneNode();
      expect((await enrol(first)).body.code).toBe('sync.enrolment-invalid');
      expect((await registry()).nodes).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'refusals change nothing: a spent code with another key, a key that has pushed presented with a new code, an expired code',
    async () => {
      const code = await issue();
      expect((await enrol(code)).status).toBe(200);
      await syncsAsTheOneNode();
      const [node] = (await registry()).nodes;
      const before = await registry();
      // Someone else with the spent code and a key of their own.
      const stranger = newKeyPair();
      expect(
        (await hub.json('POST', '/api/hub/enrol', { code, publicKey: stranger.publicKey, name: 'Kẻ lạ' })).body.code,
      ).toBe('sync.enrolment-invalid');
      expect(await registry()).toEqual(before);
      // The enrolled center's key with a new code: it has pushed, so it is not a retry.
      const fresh = await issue();
      const withCode = await registry();
      expect(
        (
          await hub.json('POST', '/api/hub/enrol', {
            code: fresh,
            publicKey: node!.public_key,
            name: 'TTHTCĐ xã Tân Lập',
          })
        ).body.code,
      ).toBe('sync.enrolment-invalid');
      expect(await registry()).toEqual(withCode);
      // An expired code, even with a key the hub has never seen.
      hub.setNow(new Date('2026-11-30T03:00:00Z'));
      expect(
        (await hub.json('POST', '/api/hub/enrol', { code: fresh, publicKey: stranger.publicKey, name: 'Kẻ lạ' })).body
          .code,
      ).toBe('sync.enrolment-invalid');
      expect(await registry()).toEqual(withCode);
    },
    TIMEOUT,
  );
});

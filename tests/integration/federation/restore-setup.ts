import { resolve } from 'node:path';
import { afterEach, beforeEach, expect, inject } from 'vitest';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { boxOf, linkTo, removeTemps, restoredCenter, type App, type Box } from './boxes.ts';

export const root = resolve(import.meta.dirname, '../../..');
export const AT = new Date('2026-11-23T03:00:00Z');
export const now = () => AT;
export const pgUrl = inject('pgUrl');
/** Boxes die and come back, some through pg_dump or a child process: more than the default 5 s on a busy machine. */
export const TIMEOUT = 60_000;
export const hubStorages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

export let hub: Harness;
export let hubApp: App;
/** Puts another app in the hub's place for the calling test. */
export function setHubApp(app: App): void {
  hubApp = app;
}
export let center: Harness;
export let admin: string;
export let old: Box;
export const opened: Box[] = [];
export const link = linkTo(() => hubApp);

/** Before each test a hub on `storage` and a center synced, backed up and synced again; closed after. */
export function freshBoxesEachTest(storage: (typeof hubStorages)[number]): void {
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
}

export const run = async (box: Box) => (await box.call('POST', '/api/staff/federation/run')).body;
export const restore = async (backup: string) => {
  const box = await restoredCenter(center, admin, backup, now, link);
  opened.push(box);
  return box;
};
export const nodes = () => hub.db.selectFrom('hub_node').selectAll().execute();
/** What a refused push must leave as it was: the counts, every record, the registry of nodes. */
export const hubState = async () => ({
  counts: await hub.counts(),
  records: await hub.db
    .selectFrom('hub_record')
    .select(['record_kind', 'record_id', 'revision'])
    .orderBy('record_id')
    .execute(),
  history: (await hub.db.selectFrom('hub_record_history').select('id').execute()).length,
  nodes: await nodes(),
});

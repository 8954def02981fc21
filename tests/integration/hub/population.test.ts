import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type {
  ChangeMessage,
  CommuneAggregateV2,
  HouseholdUpsertV1,
  PersonUpsertV1,
} from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';

/**
 * Issue 21: the commune entered population figures for villages that do not exist, and they were
 * taken (and counted in the rates). A commune hub now takes adults and households only for a
 * village it knows: one of its own configuration (the commune's villages), one its centers sent
 * (people, households, units, villages assessed as communities), or a name of a recorded merge or
 * rename. A province hub, whose places are communes, only for a commune it knows. Staff of a
 * learning unit stay open (the 80 % of units counts every unit of the commune, registered or not).
 * On SQLite and PostgreSQL.
 */

const YEAR = 2026;
const AT = '2026-11-20T03:00:00.000Z';
/** Not among the hub's configured villages (kiosk-config/centers/demo.json). */
const NA_HIN = 'Bản Nà Hin';
const HOUSEHOLD_VILLAGE = 'Bản Pá Khoang';

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

const person = (id: string, village: string): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id,
  revision: 1,
  code: `C${id.slice(-6)}`,
  name: 'Lò Thị Xuân',
  birthYear: 1970,
  village,
  consents: [{ purpose: 'assessment', granted: true, at: AT }],
});
const household = (id: string, village: string, headPersonId: string): HouseholdUpsertV1 => ({
  type: 'HouseholdUpsertV1',
  id,
  revision: 1,
  village,
  headPersonId,
  memberPersonIds: [headPersonId],
  facts: [],
  registeredAt: AT,
});

describe.each(storages)('population figures on %s', (storage) => {
  let hub: Harness;
  let officer: string;
  let deps: HubDeps;
  const seq = new Map<string, number>();

  const nodeNamed = (h: Harness, name: string): Promise<HubNodeRow> => nodeIn(h.db, name);
  async function push(node: HubNodeRow, changes: ChangeMessage[], to: HubDeps = deps) {
    const first = (seq.get(node.id) ?? 0) + 1;
    seq.set(node.id, first + changes.length - 1);
    const res = await applyPush(to, node, body(changes, first));
    expect(JSON.stringify(res)).not.toMatch(/"code"/);
  }
  const enter = (h: Harness, who: string, body: Record<string, unknown>) =>
    h.json('PUT', '/api/staff/hub/population', { year: YEAR, count: 120, ...body }, who);
  const entered = async (h: Harness, who: string) =>
    (
      (await h.json('GET', `/api/staff/hub/population?year=${YEAR}`, undefined, who)).body as {
        kind: string;
        name: string;
        count: number;
      }[]
    ).map((r) => [r.kind, r.name, r.count]);

  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, undefined, storage === 'postgres' ? pgUrl : null);
    officer = (await staffSessions(hub)).admin;
    deps = hubDeps(hub.db);
  });
  afterEach(async () => {
    await hub.close();
  });

  it('refuses a village the commune does not know, changing nothing', async () => {
    for (const [kind, name] of [
      ['village', 'Thôn Không Có'],
      ['households', 'Thôn Không Có'],
      ['village', NA_HIN],
      ['households', HOUSEHOLD_VILLAGE],
    ]) {
      const before = await hub.counts();
      const audited = await hub.db.selectFrom('audit_log').select('id').execute();
      const res = await enter(hub, officer, { kind, name });
      expect(res).toMatchObject({ status: 422, body: { code: 'population.village-unknown', details: { name } } });
      expect(await hub.counts()).toEqual(before);
      expect(await hub.db.selectFrom('audit_log').select('id').execute()).toEqual(audited);
    }
    expect(await entered(hub, officer)).toEqual([]);
  });

  it('takes the villages of its configuration before any center has sent anything, under their own spelling', async () => {
    expect((await enter(hub, officer, { kind: 'village', name: 'Thôn Đồng Chằm' })).status).toBe(200);
    // Typed without capitals or with other spacing, it is the same village.
    expect((await enter(hub, officer, { kind: 'households', name: 'thôn  khe ngang', count: 40 })).status).toBe(200);
    expect(await entered(hub, officer)).toEqual([
      ['households', 'Thôn Khe Ngang', 40],
      ['village', 'Thôn Đồng Chằm', 120],
    ]);
  });

  it("takes the villages its centers sent: its people's and its households'", async () => {
    const center = await nodeNamed(hub, 'TTHTCĐ điểm Nà Hin');
    const [xuan, head, hh] = [build.id(), build.id(), build.id()];
    await push(center, [person(xuan, NA_HIN), person(head, 'Thôn Khe Ngang'), household(hh, HOUSEHOLD_VILLAGE, head)]);
    expect((await enter(hub, officer, { kind: 'village', name: NA_HIN })).status).toBe(200);
    expect((await enter(hub, officer, { kind: 'households', name: HOUSEHOLD_VILLAGE, count: 31 })).status).toBe(200);
    expect(await entered(hub, officer)).toEqual([
      ['households', HOUSEHOLD_VILLAGE, 31],
      ['village', NA_HIN, 120],
    ]);
  });

  it("takes the new name of a merge or rename, so this year's figures go under it", async () => {
    expect((await enter(hub, officer, { kind: 'village', name: 'Thôn Gò Mây' })).body.code).toBe(
      'population.village-unknown',
    );
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'village', from: ['Thôn Gò Chè', 'Thôn Suối Mây'], to: 'Thôn Gò Mây', year: YEAR },
          officer,
        )
      ).status,
    ).toBe(200);
    expect((await enter(hub, officer, { kind: 'village', name: 'Thôn Gò Mây', count: 55 })).status).toBe(200);
    const d = (await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, officer)).body as {
      byPlace: { name: string; population: number | null }[];
    };
    expect(d.byPlace.find((r) => r.name === 'Thôn Gò Mây')?.population).toBe(55);
  });

  it('keeps staff of any learning unit open, under the text rule', async () => {
    expect((await enter(hub, officer, { kind: 'unit', name: 'Hợp tác xã chè Tân Lập', count: 18 })).status).toBe(200);
    const before = await hub.counts();
    for (const name of ['Hợp tác xã\u0000 chè', 'Hợp tác xã \u202Echè']) {
      expect((await enter(hub, officer, { kind: 'unit', name })).body).toMatchObject({
        code: 'text.invalid-characters',
        details: { fields: ['name'] },
      });
      expect((await enter(hub, officer, { kind: 'village', name: `Thôn Đồng${name.slice(-5)}` })).body.code).toBe(
        'text.invalid-characters',
      );
    }
    expect(await hub.counts()).toEqual(before);
  });

  it('on a province hub, takes adults only for a commune that relayed its figures', async () => {
    const province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    try {
      const who = (await staffSessions(province)).admin;
      const before = await province.counts();
      // A village of the province hub's file is no commune.
      for (const name of ['Xã Không Có', 'Thôn Đồng Chằm'])
        expect((await enter(province, who, { kind: 'village', name })).body.code).toBe('population.village-unknown');
      expect(await province.counts()).toEqual(before);
      const commune = await nodeNamed(province, 'Xã Tân Lập');
      const aggregate: CommuneAggregateV2 = {
        type: 'CommuneAggregateV2',
        id: `${commune.id}:${YEAR}`,
        revision: 1,
        commune: 'Xã Tân Lập, Tỉnh Phú Thọ',
        year: YEAR,
        rows: [],
        villages: [],
      };
      await push(commune, [aggregate], { ...deps, db: province.db });
      expect(
        (await enter(province, who, { kind: 'village', name: 'Xã Tân Lập, Tỉnh Phú Thọ', count: 9000 })).status,
      ).toBe(200);
      expect(await entered(province, who)).toEqual([['village', 'Xã Tân Lập, Tỉnh Phú Thọ', 9000]]);
    } finally {
      await province.close();
    }
  });
});

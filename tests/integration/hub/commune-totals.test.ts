import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import type { HubDeps } from '../../../server/src/hub/context/hub.context.ts';
import { applyPush } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ModelRatesView } from '../../../shared/schemas/model-rates.ts';
import type { ChangeMessage } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { body, hubDeps, nodeIn } from './hub-db-setup.ts';

/**
 * Issue 24: the commune enters per year the total number of clans, and of agencies, schools,
 * enterprises and other organisations, as the denominators of the clan and unit rates (387/QĐ-TTg
 * counts all of them, not only those registered). Validated (never fewer than registered), audited,
 * stable codes; a province hub has no such totals.
 */
const YEAR = 2026;
const AT = '2026-11-20T03:00:00.000Z';

describe('the commune totals of clans and units', () => {
  let hub: Harness;
  let officer: string;
  let deps: HubDeps;

  async function pushClans(n: number): Promise<void> {
    const node: HubNodeRow = await nodeIn(hub.db, 'Trung tâm học tập cộng đồng xã Tân Lập');
    const changes: ChangeMessage[] = Array.from({ length: n }, (_, i) => ({
      type: 'ClanUpsertV1',
      id: build.id(),
      revision: 1,
      name: `Họ Đinh ${i + 1}`,
      representative: 'Ông Trưởng họ',
      householdIds: [],
      registeredAt: AT,
    }));
    expect(JSON.stringify(await applyPush(deps, node, body(changes, 1)))).not.toMatch(/"code"/);
  }
  const enter = (body: Record<string, unknown>, h: Harness = hub, who = officer) =>
    h.json('PUT', '/api/staff/hub/population', { year: YEAR, ...body }, who);
  const rates = async () =>
    (await hub.json('GET', `/api/staff/hub/model-rates?year=${YEAR}`, undefined, officer)).body as ModelRatesView;

  beforeEach(async () => {
    hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    officer = (await staffSessions(hub)).admin;
    deps = hubDeps(hub.db);
  });
  afterEach(async () => {
    await hub.close();
  });

  it('divides the clans and units by the totals entered, kept under the commune, audited', async () => {
    await pushClans(2);
    expect((await rates()).total.rates.clans.denominator).toBeNull();
    expect((await enter({ kind: 'clans-total', count: 12 })).status).toBe(200);
    expect((await enter({ kind: 'units-total', count: 7 })).status).toBe(200);
    const view = await rates();
    expect(view.total.clans.registered).toBe(2);
    expect(view.total.rates.clans).toMatchObject({ numerator: 0, denominator: 12, rate: 0 });
    expect(view.total.rates.units).toMatchObject({ numerator: 0, denominator: 7, rate: 0 });
    const rows = (await hub.json('GET', `/api/staff/hub/population?year=${YEAR}`, undefined, officer)).body as {
      kind: string;
      name: string;
      count: number;
    }[];
    expect(rows.map((r) => [r.kind, r.name, r.count])).toEqual([
      ['clans-total', 'Xã Tân Lập', 12],
      ['units-total', 'Xã Tân Lập', 7],
    ]);
    // The commune's name is not a village: no row of its own among the villages.
    expect(view.places.map((r) => r.name)).not.toContain('Xã Tân Lập');
    const audited = await hub.db.selectFrom('audit_log').select(['action', 'subject_kind', 'details']).execute();
    expect(audited.filter((a) => a.action === 'hub.population').map((a) => a.subject_kind)).toEqual([
      'clans-total',
      'units-total',
    ]);
    // Corrected: the new figure, the old one in the audit.
    expect((await enter({ kind: 'clans-total', count: 14 })).status).toBe(200);
    expect((await rates()).total.rates.clans.denominator).toBe(14);
  });

  it('refuses bad totals with stable codes, changing nothing', async () => {
    await pushClans(3);
    const before = await hub.counts();
    for (const [body, code] of [
      [{ kind: 'clans-total', count: 2 }, 'population.total-below-registered'],
      [{ kind: 'clans-total', count: -1 }, 'request.invalid'],
      [{ kind: 'clans-total', count: 1.5 }, 'request.invalid'],
      [{ kind: 'units-total', count: 3, name: 'Thôn Đồng Chằm' }, 'request.invalid'],
      [{ kind: 'clans-total' }, 'request.invalid'],
      [{ kind: 'clans-total', count: 5, year: 1999 }, 'request.invalid'],
    ] as const) {
      const res = await enter(body);
      expect(res.body, JSON.stringify(body)).toMatchObject({ code });
    }
    expect(await hub.counts()).toEqual(before);
    const province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    try {
      const res = await enter({ kind: 'clans-total', count: 5 }, province, (await staffSessions(province)).admin);
      expect(res).toMatchObject({ status: 422, body: { code: 'population.totals-commune-only' } });
    } finally {
      await province.close();
    }
  });
});

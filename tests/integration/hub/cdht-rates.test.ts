import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * Issue 24: the commune's CDHT rate was over all adults 15+ and compared with decision 677's 40 %,
 * which is of adults in learning families, clans and communities. The dashboard and the yearly
 * report now carry both: 677's rate over its own population against the target in force, and the
 * all-adults rate against the commune's own target (the rule, table by table: shared/domain/cdht-rates.test.ts).
 */

const YEAR = 2026;
let hub: Harness;
let admin: string;

beforeAll(async () => {
  hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  admin = (await staffSessions(hub)).admin;
  for (const [name, count] of [
    ['Thôn Đồng Chằm', 60],
    ['Thôn Gò Chè', 40],
  ] as const)
    expect(
      (await hub.json('PUT', '/api/staff/hub/population', { kind: 'village', name, year: YEAR, count }, admin)).status,
    ).toBe(200);
}, 60_000);
afterAll(() => hub.close());

type Row = { rates: { cdht: { target: number | null } } };
/** The CDHT targets of the villages' rows and of this year's point of the trend. */
const rowTargets = (d: { byPlace: Row[]; trend: { year: number; row: Row }[] }) => ({
  places: d.byPlace.map((r) => r.rates.cdht.target),
  trend: d.trend.find((p) => p.year === YEAR)!.row.rates.cdht.target,
});
const board = async () => (await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, admin)).body;

describe('the CDHT rate of decision 677 beside the rate over all adults 15+', () => {
  it('677’s has no population while no family, clan or village is recognized; all adults are the 100 entered', async () => {
    const d = await board();
    // National 44 % in 2026 (40 % in 2025, 60 % in 2030); the demo commune's table holds 45 %: the higher applies to 677's.
    expect(d.cdhtRates.decision677).toMatchObject({ numerator: 0, denominator: 0, rate: null, target: 0.45 });
    expect(d.cdhtRates.allAdults).toMatchObject({ numerator: 0, denominator: 100, rate: 0, target: 0.45, met: false });
    // Every row over all adults (each village, the trend) goes by the commune's own table too.
    expect(rowTargets(d)).toEqual({ places: [0.45, 0.45], trend: 0.45 });
  }, 30_000);

  it('a commune target below the national one: 677’s rate keeps the national, all adults take the commune’s own', async () => {
    const adjust = { measure: 'cdht', year: YEAR, value: 0.1, reason: 'Nghị quyết HĐND xã số 12' };
    expect((await hub.json('POST', '/api/staff/hub/targets', adjust, admin)).status).toBe(200);
    const d = await board();
    expect(d.cdhtRates.decision677.target).toBeCloseTo(0.44, 6);
    expect(d.cdhtRates.allAdults.target).toBe(0.1);
    // So do the villages' rows and the trend: the all-adults rate never meets 677's target in force.
    expect(rowTargets(d)).toEqual({ places: [0.1, 0.1], trend: 0.1 });
    // The yearly report's section I says both.
    const html = (await hub.json('GET', `/api/staff/hub/report?year=${YEAR}&format=html`, undefined, admin))
      .body as string;
    expect(html).toContain('Tỷ lệ CDHT theo Quyết định 677/QĐ-TTg');
    expect(html).toContain('Tỷ lệ người từ 15 tuổi trở lên là CDHT (chỉ tiêu riêng của địa phương)');
  }, 30_000);
});

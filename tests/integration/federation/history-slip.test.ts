import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import type { Role } from '../../fixtures/staff.ts';
import type { Harness } from '../harness.ts';
import { enrolledPair, syncPair } from './enrolled-pair.ts';
import { fiveYears, upload, workbook } from '../hub/history-setup.ts';
import { closeLists } from '../hub/close-lists.ts';

/**
 * Issue 24 across a center and its commune hub: bà Lan was recognized on paper every year from
 * 2021 to 2025. Once the commune imports those decisions, her recognition of 2026 at the hub makes
 * her "tiêu biểu xuất sắc" (whichever comes first, the import or the 2026 decision), and after the
 * center's next sync her slip, looked up by her code, shows all six years. Hub on SQLite and PostgreSQL.
 */

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
const YEAR = 2026;

describe.each(storages)('past recognitions reach the slip (hub on %s)', (storage) => {
  let hub: Harness;
  let center: Harness;
  let hubAdmin: string;
  let centerStaff: Record<Role, string>;

  beforeEach(async () => {
    ({ hub, center, hubAdmin, centerStaff } = await enrolledPair(storage === 'postgres' ? pgUrl : null));
  }, 60_000);
  afterEach(async () => {
    await center.close();
    await hub.close();
  });

  const sync = () => syncPair({ hub, center, hubAdmin, centerStaff });

  /** Registered, assessed in 2026 and appraised passing at the center. */
  async function appraised(who: { name: string; birthYear: number; village: string }): Promise<string> {
    const personId = build.id();
    expect((await center.json('PUT', `/api/people/${personId}`, { ...people.baLan, ...who })).status).toBe(200);
    const id = build.id();
    expect((await center.json('PUT', `/api/assessments/${id}`, build.assessment(personId))).status).toBe(200);
    const scores = indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 }));
    expect((await center.json('PUT', `/api/staff/appraisals/${id}`, { scores }, centerStaff.appraiser)).status).toBe(
      200,
    );
    return personId;
  }
  const decide = (personIds: string[]) =>
    hub.json(
      'POST',
      '/api/staff/hub/decisions',
      { year: YEAR, number: '125/QĐ-UBND', signedOn: '2026-12-05', signer: 'Chủ tịch UBND xã', personIds },
      hubAdmin,
    );
  const proposal = async (personId: string) =>
    (
      (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, hubAdmin)).body as {
        personId: string;
        streak: number;
        outstanding: boolean;
      }[]
    ).find((p) => p.personId === personId)!;

  it('makes her "tiêu biểu xuất sắc" and shows the six years on her slip', async () => {
    const lan = await appraised(people.baLan);
    const hai = await appraised({ name: 'Đỗ Văn Hải', birthYear: 1960, village: 'Thôn Gò Chè' });
    await closeLists(center, centerStaff.appraiser, YEAR, [
      { village: people.baLan.village },
      { village: 'Thôn Gò Chè' },
    ]);
    await sync();
    // Bà Lan: the paper years come in first, then the 2026 decision.
    const imported = await upload(hub, hubAdmin, await workbook(fiveYears('Nguyễn Thị Lan', 1954, 'Thôn Đồng Chằm')));
    expect(imported.body).toMatchObject({ added: 5, matched: 5 });
    expect(await proposal(lan)).toMatchObject({ streak: 0, outstanding: false });
    expect((await decide([lan, hai])).status).toBe(200);
    expect(await proposal(lan)).toMatchObject({ streak: 6, outstanding: true });
    // Ông Hải: decided in 2026 first, his paper years imported after.
    expect(await proposal(hai)).toMatchObject({ streak: 1, outstanding: false });
    await upload(hub, hubAdmin, await workbook(fiveYears('Đỗ Văn Hải', 1960, 'Thôn Gò Chè')));
    expect(await proposal(hai)).toMatchObject({ streak: 6, outstanding: true });

    await sync();
    const code = (await center.json('GET', `/api/people/${lan}`)).body.code as string;
    const slip = await center.json('GET', `/api/people/by-code/${code}?birthYear=1954`, undefined, undefined, {
      token: null,
    });
    expect(slip.status).toBe(200);
    expect(slip.body.recognitions).toEqual([
      { title: 'cdht', year: 2026, decisionNumber: '125/QĐ-UBND', signedOn: '2026-12-05' },
      ...[2025, 2024, 2023, 2022, 2021].map((y) => ({
        title: 'cdht',
        year: y,
        decisionNumber: `${y - 2000}/QĐ-UBND`,
        signedOn: `${y}-12-15`,
      })),
    ]);
  }, 120_000);
});

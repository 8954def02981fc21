import { afterEach, beforeEach, expect, inject } from 'vitest';
import type { Counts, Dashboard, DashboardRow } from '../../../shared/schemas/dashboard.ts';
import { build, indicatorIds } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * What the commune dashboard's tests (dashboard.test.ts, dashboard-reporting.test.ts) share: two
 * centers enrolled with a commune hub that relays to a province, each with a deterministic mix of
 * villagers synced up, and the counts the dashboard should show, computed here from those villagers.
 */

export type Stage = 'registered' | 'draft' | 'submitted' | 'short' | 'pass';
export interface Villager {
  village: string;
  group: string;
  stage: Stage;
  cs05: number;
  assisted: boolean;
  publicList: boolean;
  name: string;
}

export const YEAR = 2026;
export const VILLAGES = ['Thôn Đồng Chằm', 'Thôn Bãi Muống', 'Thôn Gò Chè', 'Thôn Suối Mây'];
export const GROUPS = ['nhom-1', 'nhom-2', 'nhom-3'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dung', 'Giang', 'Hà', 'Khánh'];
const STAGES: Stage[] = ['registered', 'draft', 'submitted', 'short', 'pass', 'pass', 'pass'];

/** A deterministic mix of villagers for one center. */
function villagersOf(center: number, n: number): Villager[] {
  return Array.from({ length: n }, (_, i) => ({
    village: VILLAGES[(i + center) % VILLAGES.length]!,
    group: GROUPS[(i * 7 + center) % GROUPS.length]!,
    stage: STAGES[(i * 3 + center) % STAGES.length]!,
    cs05: 6 + ((i + center * 2) % 5),
    assisted: (i + center) % 4 === 0,
    publicList: i % 3 !== 0,
    name: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]} ${['Tân', 'Xuân'][center]}`,
  }));
}

export interface Site {
  h: Harness;
  staff: Record<Role, string> & { ids: Record<Role, string> };
  people: (Villager & { personId: string; assessmentId: string })[];
}

/** The commune hub, the province above it, the hub's staff signed in, and the two centers below it. */
export interface Commune {
  hub: Harness;
  province: Harness;
  hubStaff: Record<Role, string>;
  sites: Site[];
}

const linkTo =
  (to: () => Harness): typeof fetch =>
  async (input, init) => {
    const url = new URL(String(input));
    return to().app.request(url.pathname + url.search, init);
  };

async function register(site: Site, list: Villager[]): Promise<void> {
  for (const v of list) {
    const personId = build.id();
    const assessmentId = build.id();
    const reg = await site.h.json('PUT', `/api/people/${personId}`, {
      name: v.name,
      birthYear: 1970,
      village: v.village,
      consents: { assessment: true, publicList: v.publicList, statistics: true },
    });
    expect(reg.status).toBe(200);
    site.people.push({ ...v, personId, assessmentId });
    if (v.stage === 'registered') continue;
    const scores = {
      ...Object.fromEntries(indicatorIds.map((id) => [id, 9])),
      CS05: v.cs05,
      ...(v.stage === 'short' ? { CS07: 4 } : {}),
    };
    const assessment = build.assessment(personId, {
      group: v.group,
      status: v.stage === 'draft' ? 'draft' : 'submitted',
      scores,
      ...(v.assisted ? { assistedBy: site.staff.ids.facilitator } : {}),
    });
    expect((await site.h.json('PUT', `/api/assessments/${assessmentId}`, assessment)).status).toBe(200);
    if (v.stage === 'short' || v.stage === 'pass') {
      const appraisal = {
        scores: indicatorIds.map((indicatorId) => ({
          indicatorId,
          score: indicatorId === 'CS05' ? v.cs05 : indicatorId === 'CS07' && v.stage === 'short' ? 4 : 9,
          ...(indicatorId === 'CS07' && v.stage === 'short' ? { reason: 'Chưa có minh chứng' } : {}),
        })),
      };
      expect(
        (await site.h.json('PUT', `/api/staff/appraisals/${assessmentId}`, appraisal, site.staff.appraiser)).status,
      ).toBe(200);
    }
  }
}

export async function sync(site: Site): Promise<void> {
  const res = await site.h.json('POST', '/api/staff/federation/run', undefined, site.staff.admin);
  expect(res.body.lastError).toBeNull();
}

/** What the dashboard should say, counted from the villagers themselves. */
export function expected(people: Site['people'], recognized: Set<string>, digitalMin: number): Counts {
  const assessed = people.filter((p) => p.stage !== 'registered' && p.stage !== 'draft');
  const rec = people.filter((p) => recognized.has(p.personId));
  const digital = rec.filter((p) => p.cs05 >= digitalMin);
  return {
    registered: people.length,
    selfAssessed: assessed.length,
    appraised: assessed.filter((p) => p.stage === 'short' || p.stage === 'pass').length,
    recognized: rec.length,
    digital: digital.length,
    proficient: digital.filter((p) => !p.assisted).length,
    outstanding: 0,
  };
}

export const rowNamed = (rows: DashboardRow[], name: string) => {
  const row = rows.find((r) => r.name === name);
  expect(row, name).toBeDefined();
  return row!;
};

const pgUrl = inject('pgUrl');
export const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

/** Starts the province, the commune hub on `storage`, and the two centers, which enrol, register and sync. */
export async function startCommune(storage: (typeof storages)[number]): Promise<Commune> {
  const province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
  const database = storage === 'postgres' ? pgUrl : null;
  const hub = await startHarness(
    undefined,
    { KIOSK_ROLE: 'hub' },
    linkTo(() => province),
    database,
  );
  const hubStaff = await staffSessions(hub);
  const sites: Site[] = [];
  for (const [i, name] of ['TTHTCĐ Tân Lập', 'TTHTCĐ Xuân Sơn'].entries()) {
    const h = await startHarness(
      undefined,
      {},
      linkTo(() => hub),
    );
    const site: Site = { h, staff: await staffSessions(h), people: [] };
    const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name }, hubStaff.admin);
    expect(
      (
        await h.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://hub.test', code: body.code },
          site.staff.admin,
        )
      ).status,
    ).toBe(200);
    await register(site, villagersOf(i, 21 + i * 5));
    await sync(site);
    sites.push(site);
  }
  return { hub, province, hubStaff, sites };
}

export async function stopCommune({ hub, province, sites }: Commune): Promise<void> {
  for (const s of sites) await s.h.close();
  await hub.close();
  await province.close();
}

export let hub: Harness;
export let province: Harness;
export let hubStaff: Record<Role, string>;
export let sites: Site[];

/** Before each test a fresh commune on `storage` (hub, province, two centers synced up); stopped after. */
export function communeEachTest(storage: (typeof storages)[number]): void {
  beforeEach(async () => {
    ({ hub, province, hubStaff, sites } = await startCommune(storage));
  }, 60_000);
  afterEach(async () => {
    await stopCommune({ hub, province, hubStaff, sites });
  });
}

/** The administrator's session after she signs in again. */
export function setAdminCookie(admin: string): void {
  hubStaff = { ...hubStaff, admin };
}

/** The commune's dashboard of YEAR, as its administrator reads it. */
export async function dashboard(): Promise<Dashboard> {
  const res = await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, hubStaff.admin);
  expect(res.status).toBe(200);
  return res.body as Dashboard;
}

import ExcelJS from 'exceljs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { HubNodeRow } from '../../../server/src/db/schema.ts';
import { applyPush, type HubDeps } from '../../../server/src/hub/ingest/hub.service.ts';
import type { ModelRateRowView, ModelRatesView } from '../../../shared/schemas/model-rates.ts';
import type {
  AssessmentUpsertV1,
  ChangeMessage,
  ClanUpsertV1,
  HouseholdUpsertV1,
  ModelAggregateV1,
  PersonUpsertV1,
  UnitUpsertV1,
} from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * The four other titles on the commune hub: two centers push people, households, clans, units and
 * their self-assessments as real change messages; the commune's decisions are rows (the decision
 * service for these titles is not this test's subject); the officer enters households and adults
 * per village. The route's counts and rates must equal what this test counts itself from what it
 * pushed; then a merge of two villages, the recognitions to renew, the yearly report's sheets and
 * the relay to the province (numbers only).
 */

const YEAR = 2026;
const AT = '2026-11-20T03:00:00.000Z';
const VILLAGES = ['Thôn Đồng Chằm', 'Thôn Bãi Muống', 'Thôn Gò Chè'] as const;
const villageName = (v: number): string => VILLAGES[v]!;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'];
const GIVEN = ['Thị Lan', 'Văn Tuấn', 'Thị Cúc', 'Văn Dũng', 'Thị Hà'];
/** Households entered per village, and adults. */
const HOUSEHOLDS = [6, 5, 4];
const ADULTS = [25, 20, 15];

interface Person {
  id: string;
  name: string;
  village: number;
  cdht: boolean;
}
interface Household {
  id: string;
  village: number;
  members: Person[];
  registeredAt: string;
  assessed: 'submitted' | 'draft' | null;
}
interface Decision {
  title: string;
  kind: string;
  id: string;
  year: number;
  signedOn: string;
  through: string;
  number: string;
  revoked?: boolean;
}

/** Everything pushed, kept to count from. */
interface Scenario {
  people: Person[];
  households: Household[];
  clans: { id: string; name: string; households: Household[]; registeredAt: string; assessed: boolean }[];
  units: {
    id: string;
    name: string;
    village: number;
    staff: number | null;
    members: Person[];
    assessed: 'submitted' | 'draft' | null;
  }[];
  communities: { village: number; assessed: boolean }[];
  decisions: Decision[];
}

function scenario(): Scenario {
  const people: Person[] = VILLAGES.flatMap((_, v) =>
    Array.from({ length: 10 }, (_x, i) => ({
      id: build.id(),
      name: `${SURNAMES[(i + v) % SURNAMES.length]} ${GIVEN[i % GIVEN.length]} ${v}${i}`,
      village: v,
      cdht: i % 3 !== 0,
    })),
  );
  const of = (v: number, i: number) => people.filter((p) => p.village === v)[i]!;
  const households: Household[] = VILLAGES.flatMap((_, v) =>
    Array.from({ length: 4 }, (_x, k) => ({
      id: build.id(),
      village: v,
      members: [of(v, 2 * k), of(v, 2 * k + 1)],
      registeredAt: k === 0 ? '2025-05-01T02:00:00.000Z' : '2026-03-01T02:00:00.000Z',
      assessed: k === 2 ? ('draft' as const) : k === 3 && v === 2 ? null : ('submitted' as const),
    })),
  );
  const h = (v: number, k: number) => households[v * 4 + k]!;
  const clans = [
    // Across two villages: in each of their rows, once in the commune's.
    {
      id: build.id(),
      name: 'Họ Nguyễn Văn',
      households: [h(0, 1), h(1, 1), h(1, 2)],
      registeredAt: '2025-08-01T02:00:00.000Z',
      assessed: true,
    },
    {
      id: build.id(),
      name: 'Họ Lê Đình',
      households: [h(2, 0), h(2, 2)],
      registeredAt: '2026-02-01T02:00:00.000Z',
      assessed: false,
    },
  ];
  const units = [
    {
      id: build.id(),
      name: 'Trường Tiểu học Đồng Chằm',
      village: 0,
      staff: 10,
      members: [of(0, 8), of(0, 9), of(1, 8)],
      assessed: 'submitted' as const,
    },
    {
      id: build.id(),
      name: 'Hợp tác xã Bãi Muống',
      village: 1,
      staff: 6,
      members: [of(1, 9)],
      assessed: 'draft' as const,
    },
    { id: build.id(), name: 'Trạm y tế Gò Chè', village: 2, staff: null, members: [of(2, 8)], assessed: null },
  ];
  const decision = (
    title: string,
    kind: string,
    id: string,
    year: number,
    signedOn: string,
    through: string,
    number: string,
    revoked = false,
  ): Decision => ({ title, kind, id, year, signedOn, through, number, revoked });
  const decisions: Decision[] = [
    ...[h(0, 0), h(0, 1), h(1, 0), h(1, 1), h(2, 0)].map((x) =>
      decision('gdht', 'household', x.id, YEAR, '2026-11-15', '2027-11-14', '21/QĐ-UBND'),
    ),
    decision('gdht', 'household', h(2, 1).id, YEAR, '2026-11-15', '2027-11-14', '22/QĐ-UBND', true),
    // Last year's family, 12 months from 20/3/2025: ended on 19/3/2026, to be recognized again.
    decision('gdht', 'household', h(1, 3).id, 2025, '2025-03-20', '2026-03-19', '7/QĐ-UBND'),
    decision('dhht', 'clan', clans[0]!.id, YEAR, '2026-11-20', '2027-11-19', '23/QĐ-UBND'),
    // A village recognized for 2024, 36 months from 20/3/2025: still stands at the end of 2026.
    decision('cddht', 'community', VILLAGES[0], 2024, '2025-03-20', '2028-03-19', '5/QĐ-UBND'),
    decision('dvht', 'unit', units[0]!.id, YEAR, '2026-11-20', '2027-11-19', '24/QĐ-UBND'),
    decision('dvht', 'unit', units[2]!.id, YEAR, '2026-11-20', '2027-11-19', '24/QĐ-UBND'),
    // A unit recognized for 2025 on 20/12/2025: ends on 19/12/2026, in this year.
    decision('dvht', 'unit', units[1]!.id, 2025, '2025-12-20', '2026-12-19', '40/QĐ-UBND'),
  ];
  return {
    people,
    households,
    clans,
    units,
    communities: [
      { village: 0, assessed: true },
      { village: 2, assessed: true },
    ],
    decisions,
  };
}

const personMsg = (p: Person): PersonUpsertV1 => ({
  type: 'PersonUpsertV1',
  id: p.id,
  revision: 1,
  code: `C${p.id.slice(-6)}`,
  name: p.name,
  birthYear: 1970,
  village: villageName(p.village),
  consents: [
    { purpose: 'assessment', granted: true, at: '2025-04-01T02:00:00.000Z' },
    { purpose: 'publicList', granted: true, at: '2025-04-01T02:00:00.000Z' },
  ],
});
const assessmentMsg = (
  subjectKind: string,
  subjectId: string,
  title: string,
  status: 'draft' | 'submitted',
  year = YEAR,
): AssessmentUpsertV1 => ({
  type: 'AssessmentUpsertV1',
  id: build.id(),
  revision: 1,
  subjectKind,
  subjectId,
  title,
  year,
  criteriaSetId: `${title}-2025`,
  criteriaSetVersion: '2025.1',
  group: '',
  status,
  answers: [],
  submittedAt: status === 'submitted' ? AT : null,
  assistedBy: null,
});

/** What each center pushes: center 0 the first two villages, center 1 the third. */
function messagesOf(s: Scenario, center: number): ChangeMessage[] {
  const mine = (v: number) => (v < 2 ? 0 : 1) === center;
  const out: ChangeMessage[] = s.people.filter((p) => mine(p.village)).map(personMsg);
  for (const h of s.households.filter((x) => mine(x.village))) {
    out.push({
      type: 'HouseholdUpsertV1',
      id: h.id,
      revision: 1,
      village: villageName(h.village),
      headPersonId: h.members[0]!.id,
      memberPersonIds: h.members.map((m) => m.id),
      facts: [{ year: YEAR, schoolAgeChildren: 1, allChildrenInSchool: true }],
      registeredAt: h.registeredAt,
    } satisfies HouseholdUpsertV1);
    if (h.assessed) out.push(assessmentMsg('household', h.id, 'gdht', h.assessed));
  }
  for (const c of s.clans.filter((x) => mine(x.households[0]!.village))) {
    out.push({
      type: 'ClanUpsertV1',
      id: c.id,
      revision: 1,
      name: c.name,
      representative: 'Ông Trưởng họ',
      householdIds: c.households.map((h) => h.id),
      registeredAt: c.registeredAt,
    } satisfies ClanUpsertV1);
    if (c.assessed) out.push(assessmentMsg('clan', c.id, 'dhht', 'submitted'));
  }
  for (const u of s.units.filter((x) => mine(x.village))) {
    out.push({
      type: 'UnitUpsertV1',
      id: u.id,
      revision: 1,
      name: u.name,
      kind: 'school',
      village: villageName(u.village),
      staffCounts:
        u.staff === null
          ? []
          : [
              { year: 2025, count: u.staff - 1 },
              { year: YEAR, count: u.staff },
            ],
      memberPersonIds: u.members.map((m) => m.id),
      registeredAt: '2025-06-01T02:00:00.000Z',
    } satisfies UnitUpsertV1);
    if (u.assessed) out.push(assessmentMsg('unit', u.id, 'dvht', u.assessed));
  }
  for (const c of s.communities.filter((x) => mine(x.village)))
    out.push(assessmentMsg('community', villageName(c.village), 'cddht', c.assessed ? 'submitted' : 'draft'));
  return out;
}

async function nodeIn(h: Harness, name: string): Promise<HubNodeRow> {
  const id = build.id();
  await h.db
    .insertInto('hub_node')
    .values({
      id,
      name,
      public_key: 'x',
      status: 'active',
      enrolled_at: AT,
      last_contact_at: AT,
      last_seq: 0,
      backlog: 0,
    })
    .execute();
  return h.db.selectFrom('hub_node').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The center's next changes, numbered after those the hub already has from it. */
async function push(h: Harness, node: HubNodeRow, changes: ChangeMessage[]): Promise<void> {
  const deps: HubDeps = {
    db: h.db,
    now: () => new Date(AT),
    hubName: 'Xã Tân Lập',
    enrolmentHours: 72,
    clockSkewSeconds: 300,
  };
  const current = await h.db.selectFrom('hub_node').selectAll().where('id', '=', node.id).executeTakeFirstOrThrow();
  const body = gzipSync(
    Buffer.from(
      JSON.stringify({
        changes: changes.map((message, i) => ({ seq: current.last_seq + i + 1, message })),
        backlog: 0,
      }),
    ),
  );
  const ack = await applyPush(deps, current, body);
  expect(ack.ackSeq).toBe(current.last_seq + changes.length);
}

interface DecisionRow {
  title: string;
  year: number;
  signedOn: string;
  number: string;
  revoked?: boolean;
  subjects: { kind: string; id: string }[];
}
async function insertDecision(h: Harness, d: DecisionRow, node: string): Promise<void> {
  const id = build.id();
  await h.db
    .insertInto('hub_decision')
    .values({
      id,
      title: d.title,
      year: d.year,
      number: d.number,
      signed_on: d.signedOn,
      signer: 'Chủ tịch UBND xã',
      revision: d.revoked ? 2 : 1,
      revoked_reason: d.revoked ? 'Nhầm hộ' : null,
      created_at: AT,
      created_by: 'Phạm Thị Hoa',
    })
    .execute();
  await h.db
    .insertInto('hub_decision_subject')
    .values(d.subjects.map((x) => ({ decision_id: id, subject_kind: x.kind, subject_id: x.id, node_id: node })))
    .execute();
}

/** The commune's decisions as rows, and the CDHT decision naming the people recognized this year. */
async function decide(h: Harness, s: Scenario, node: string): Promise<void> {
  const rows: DecisionRow[] = [
    ...s.decisions.map((d) => ({ ...d, subjects: [{ kind: d.kind, id: d.id }] })),
    {
      title: 'cdht',
      year: YEAR,
      signedOn: '2026-11-10',
      number: '20/QĐ-UBND',
      revoked: false,
      subjects: s.people.filter((p) => p.cdht).map((p) => ({ kind: 'person', id: p.id })),
    },
  ];
  for (const d of rows) await insertDecision(h, d, node);
}

// ---- What the route should say, counted here from the scenario itself.

const recognizedIn = (s: Scenario, kind: string, id: string, year: number) =>
  s.decisions.some(
    (d) =>
      d.kind === kind &&
      d.id === id &&
      !d.revoked &&
      (d.year === year || (d.year < year && d.through >= `${year}-12-31`)),
  );

interface Expected {
  families: { registered: number; assessed: number; recognized: number };
  clans: { registered: number; assessed: number; recognized: number };
  communities: { registered: number; assessed: number; recognized: number };
  units: { registered: number; assessed: number; recognized: number };
  households: number;
  adults: number;
  workers: [number, number];
  unitStaff: [number, number | null];
}

/** One village's (or several villages' together) counts and the numerators and denominators of its rates. */
function expectedOf(s: Scenario, villages: number[]): Expected {
  const households = s.households.filter((h) => villages.includes(h.village));
  const clans = s.clans.filter((c) => c.households.some((h) => villages.includes(h.village)));
  const units = s.units.filter((u) => villages.includes(u.village));
  const communities = s.communities.filter((c) => villages.includes(c.village));
  const recognizedVillages = villages.filter((v) => recognizedIn(s, 'community', villageName(v), YEAR));
  // A merged village stands recognized only when every part does.
  const wholeRecognized = recognizedVillages.length === villages.length;
  let workers: [number, number];
  if (wholeRecognized) {
    workers = [
      s.people.filter((p) => villages.includes(p.village) && p.cdht).length,
      villages.reduce((n, v) => n + ADULTS[v]!, 0),
    ];
  } else {
    const inModels = households.filter(
      (h) =>
        recognizedIn(s, 'household', h.id, YEAR) ||
        s.clans.some((c) => c.households.includes(h) && recognizedIn(s, 'clan', c.id, YEAR)),
    );
    const adults = inModels.flatMap((h) => h.members);
    workers = [adults.filter((p) => p.cdht).length, adults.length];
  }
  const staffed = units.filter((u) => recognizedIn(s, 'unit', u.id, YEAR) && u.staff !== null);
  return {
    families: {
      registered: households.length,
      assessed: households.filter((h) => h.assessed === 'submitted').length,
      recognized: households.filter((h) => recognizedIn(s, 'household', h.id, YEAR)).length,
    },
    clans: {
      registered: clans.length,
      assessed: clans.filter((c) => c.assessed).length,
      recognized: clans.filter((c) => recognizedIn(s, 'clan', c.id, YEAR)).length,
    },
    communities: {
      registered: villages.length === 0 ? 0 : 1,
      assessed: communities.some((c) => c.assessed) ? 1 : 0,
      recognized: wholeRecognized ? 1 : 0,
    },
    units: {
      registered: units.length,
      assessed: units.filter((u) => u.assessed === 'submitted').length,
      recognized: units.filter((u) => recognizedIn(s, 'unit', u.id, YEAR)).length,
    },
    households: villages.reduce((n, v) => n + HOUSEHOLDS[v]!, 0),
    adults: villages.reduce((n, v) => n + ADULTS[v]!, 0),
    workers,
    unitStaff: [
      staffed.flatMap((u) => u.members).filter((p) => p.cdht).length,
      staffed.length === 0 ? null : staffed.reduce((n, u) => n + u.staff!, 0),
    ],
  };
}

function expectRow(row: ModelRateRowView, e: Expected, label: string): void {
  expect(
    {
      families: row.families,
      units: row.units,
      communities: row.communities,
      households: row.households,
      adults: row.adults,
    },
    label,
  ).toEqual({
    families: e.families,
    units: e.units,
    communities: e.communities,
    households: e.households,
    adults: e.adults,
  });
  expect(row.rates.families, label).toMatchObject({ numerator: e.families.recognized, denominator: e.households });
  expect(row.rates.families.rate, label).toBeCloseTo(e.families.recognized / e.households, 9);
  expect(row.rates.workers, label).toMatchObject({ numerator: e.workers[0], denominator: e.workers[1] });
  expect(row.rates.unitStaff, label).toMatchObject({ numerator: e.unitStaff[0], denominator: e.unitStaff[1] });
}

const pgUrl = inject('pgUrl');
const storages = pgUrl ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

describe.each(storages)('the four other titles on the commune hub, %s', (storage) => {
  let province: Harness;
  let hub: Harness;
  let admin: string;
  let s: Scenario;
  let centers: HubNodeRow[];

  beforeEach(async () => {
    province = await startHarness(undefined, { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' });
    hub = await startHarness(
      undefined,
      { KIOSK_ROLE: 'hub' },
      async (input, init) => {
        const url = new URL(String(input));
        return province.app.request(url.pathname + url.search, init);
      },
      storage === 'postgres' ? pgUrl : null,
    );
    admin = (await staffSessions(hub)).admin;
    s = scenario();
    centers = [await nodeIn(hub, 'TTHTCĐ Tân Lập'), await nodeIn(hub, 'TTHTCĐ Xuân Sơn')];
    for (const [i, node] of centers.entries()) await push(hub, node, messagesOf(s, i));
    await decide(hub, s, centers[0]!.id);
    for (const [v, name] of VILLAGES.entries()) {
      expect(
        (
          await hub.json(
            'PUT',
            '/api/staff/hub/population',
            { kind: 'households', name, year: YEAR, count: HOUSEHOLDS[v] },
            admin,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await hub.json(
            'PUT',
            '/api/staff/hub/population',
            { kind: 'village', name, year: YEAR, count: ADULTS[v] },
            admin,
          )
        ).status,
      ).toBe(200);
    }
  });
  afterEach(async () => {
    await hub.close();
    await province.close();
  });

  const rates = async (h = hub, cookie = admin, year = YEAR): Promise<ModelRatesView> => {
    const res = await h.json('GET', `/api/staff/hub/model-rates?year=${year}`, undefined, cookie);
    expect(res.status).toBe(200);
    return res.body as ModelRatesView;
  };
  const row = (view: ModelRatesView, name: string) => {
    const found = view.places.find((r) => r.name === name);
    expect(found, name).toBeDefined();
    return found!;
  };

  it('counts and rates per village and for the commune as this test counts them from what was pushed', async () => {
    const view = await rates();
    expect(view).toMatchObject({ level: 'commune', scope: 'Xã Tân Lập', year: YEAR });
    expect(view.places.map((r) => r.name).sort()).toEqual([...VILLAGES].sort());
    for (const [v, name] of VILLAGES.entries()) expectRow(row(view, name), expectedOf(s, [v]), name);

    // Workers: the recognized village from its figures; elsewhere the adults of recognized families and clans.
    const perVillage = [0, 1, 2].map((v) => expectedOf(s, [v]).workers);
    const workers: [number, number] = [
      perVillage.reduce((n, w) => n + w[0], 0),
      perVillage.reduce((n, w) => n + w[1], 0),
    ];
    const all = expectedOf(s, [0, 1, 2]);
    expectRow(view.total, { ...all, communities: { registered: 3, assessed: 2, recognized: 1 }, workers }, 'commune');
    expect(view.total.rates.workers.rate).toBeCloseTo(workers[0] / workers[1], 9);
    expect(workers[0]).toBeGreaterThan(0);
    // A clan across two villages is in both rows, and once in the commune's.
    expect(row(view, VILLAGES[0]).clans).toEqual({ registered: 1, assessed: 1, recognized: 1 });
    expect(row(view, VILLAGES[1]).clans).toEqual({ registered: 1, assessed: 1, recognized: 1 });
    expect(view.total.clans).toEqual({ registered: 2, assessed: 1, recognized: 1 });
    // Unit staff: only recognized units with a count; the one without is named.
    expect(view.total.rates.unitStaff).toMatchObject({
      numerator: s.units[0]!.members.filter((p) => p.cdht).length,
      denominator: 10,
    });
    expect(view.notes).toEqual([{ kind: 'unit-staff-unknown', name: 'Trạm y tế Gò Chè' }]);
    // Against the year's national targets (387/QĐ-TTg: families 70 % in 2025, 80 % in 2030: 72 % in 2026).
    expect(view.targets.find((t) => t.measure === 'families')!.value).toBeCloseTo(0.72, 9);
    expect(view.total.rates.families.target).toBeCloseTo(0.72, 9);
    expect(view.total.rates.families.met).toBe(all.families.recognized / all.households >= 0.72);

    // The households entered are not adults: the Learning Citizen dashboard still divides by the adults.
    const board = (await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, admin)).body;
    expect(board.total.population).toBe(ADULTS.reduce((a, b) => a + b, 0));
  });

  it("across the years: from the first year with anything of the four titles, each year as its own view; a village's 36 months count in the later year", async () => {
    const LAST = YEAR - 1;
    const households2025 = [5, 4, 4];
    const adults2025 = [24, 19, 15];
    // Last year's figures, CDHT decision and the self-assessments of the households registered then;
    // families of Đồng Chằm and Bãi Muống recognized for 2025 (12 months); Gò Chè recognized as a
    // learning community for 2025 by a decision of 10/2/2026 (36 months, through 9/2/2029).
    for (const [v, name] of VILLAGES.entries()) {
      expect(
        (
          await hub.json(
            'PUT',
            '/api/staff/hub/population',
            { kind: 'households', name, year: LAST, count: households2025[v] },
            admin,
          )
        ).status,
      ).toBe(200);
      expect(
        (
          await hub.json(
            'PUT',
            '/api/staff/hub/population',
            { kind: 'village', name, year: LAST, count: adults2025[v] },
            admin,
          )
        ).status,
      ).toBe(200);
    }
    const cdht2025 = s.people.filter((p, i) => p.cdht && i % 2 === 0);
    const firstHouseholds = s.households.filter((h) => h.registeredAt.startsWith(`${LAST}-`));
    expect(firstHouseholds).toHaveLength(3);
    const families2025 = firstHouseholds.filter((h) => h.village < 2);
    await insertDecision(
      hub,
      {
        title: 'cdht',
        year: LAST,
        signedOn: '2025-11-10',
        number: '30/QĐ-UBND',
        subjects: cdht2025.map((p) => ({ kind: 'person', id: p.id })),
      },
      centers[0]!.id,
    );
    await insertDecision(
      hub,
      {
        title: 'gdht',
        year: LAST,
        signedOn: '2025-11-20',
        number: '31/QĐ-UBND',
        subjects: families2025.map((h) => ({ kind: 'household', id: h.id })),
      },
      centers[0]!.id,
    );
    await insertDecision(
      hub,
      {
        title: 'cddht',
        year: LAST,
        signedOn: '2026-02-10',
        number: '3/QĐ-UBND',
        subjects: [{ kind: 'community', id: VILLAGES[2] }],
      },
      centers[1]!.id,
    );
    for (const [i, node] of centers.entries()) {
      await push(
        hub,
        node,
        firstHouseholds
          .filter((h) => (h.village < 2 ? 0 : 1) === i)
          .map((h) => assessmentMsg('household', h.id, 'gdht', 'submitted', LAST)),
      );
    }

    const view = await rates();
    // The first year with anything: 2024, the year Đồng Chằm was recognized for.
    expect(view.trend.map((p) => p.year)).toEqual([2024, LAST, YEAR]);
    expect(view.trend.at(-1)!.row).toEqual(view.total);
    // Each year's figures are that year's own view, not a second set of rules.
    for (const p of view.trend) expect(p.row, String(p.year)).toEqual((await rates(hub, admin, p.year)).total);
    expect((await rates(hub, admin, LAST)).trend).toEqual(view.trend.slice(0, 2));
    expect((await rates(hub, admin, 2023)).trend.map((p) => p.year)).toEqual([2023]);

    // 2025, counted here: three households registered and assessed, two recognized, of the households entered then.
    const last = view.trend[1]!.row;
    expect(last.families).toEqual({ registered: 3, assessed: 3, recognized: 2 });
    expect(last.rates.families).toMatchObject({ numerator: 2, denominator: households2025.reduce((a, b) => a + b, 0) });
    expect(last.rates.families.target).toBeCloseTo(0.7, 9);
    expect(last.clans).toEqual({ registered: 1, assessed: 0, recognized: 0 });
    expect(last.communities).toEqual({ registered: 3, assessed: 0, recognized: 2 });
    expect(last.units).toEqual({ registered: 3, assessed: 0, recognized: 1 });
    // The unit recognized for 2025: its staff who were CDHT in 2025, of its count for 2025.
    const unit = s.units[1]!;
    expect(last.rates.unitStaff).toMatchObject({
      numerator: unit.members.filter((p) => cdht2025.includes(p)).length,
      denominator: unit.staff! - 1,
    });
    // Workers: the two recognized villages from their 2025 figures; Bãi Muống from its recognized family's adults.
    const inVillage = (v: number) => cdht2025.filter((p) => p.village === v).length;
    const family = families2025.find((h) => h.village === 1)!;
    expect(last.rates.workers).toMatchObject({
      numerator: inVillage(0) + inVillage(2) + family.members.filter((p) => cdht2025.includes(p)).length,
      denominator: adults2025[0]! + adults2025[2]! + family.members.length,
    });
    // 2024: Đồng Chằm alone, nothing registered yet, no figures entered.
    const first = view.trend[0]!.row;
    expect(first.communities).toEqual({ registered: 3, assessed: 0, recognized: 1 });
    expect(first.families).toEqual({ registered: 0, assessed: 0, recognized: 0 });
    expect(first.rates.families.rate).toBeNull();

    // Gò Chè's recognition for 2025 still stands at the end of 2026: it counts then too, its workers from its figures.
    expect(row(view, VILLAGES[2]).communities).toEqual({ registered: 1, assessed: 1, recognized: 1 });
    expect(view.total.communities).toEqual({ registered: 3, assessed: 2, recognized: 2 });
    expect(row(view, VILLAGES[2]).rates.workers).toMatchObject({
      numerator: s.people.filter((p) => p.village === 2 && p.cdht).length,
      denominator: ADULTS[2],
    });
    // The families recognized for 2025 (12 months) do not count in 2026 on that decision.
    expect(view.validity.filter((x) => x.decisionNumber === '31/QĐ-UBND')).toEqual([]);

    // The report: the years in section VII and in their own sheet, as the view says.
    const html = (await hub.json('GET', `/api/staff/hub/report?year=${YEAR}&format=html&kind=report`, undefined, admin))
      .body as string;
    expect(html).toContain('9. Kết quả qua các năm');
    const res = await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=xlsx&kind=report`, {
      headers: { cookie: admin },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheetRows: unknown[][] = [];
    workbook.getWorksheet('Mô hình qua các năm')!.eachRow((r, n) => {
      if (n > 4 && typeof r.getCell(1).value === 'number') sheetRows.push((r.values as unknown[]).slice(1));
    });
    expect(sheetRows.map((r) => [r[0], r[1], r[5]])).toEqual(
      view.trend.map((p) => [p.year, p.row.families.recognized, p.row.communities.recognized]),
    );
    expect(sheetRows[1]![2]).toBeCloseTo(last.rates.families.rate!, 9);
  });

  it('enters households per village like the adults: listed, audited, refused when wrong', async () => {
    const listed = (await hub.json('GET', `/api/staff/hub/population?year=${YEAR}`, undefined, admin)).body as {
      kind: string;
      name: string;
      count: number;
    }[];
    expect(
      listed
        .filter((r) => r.kind === 'households')
        .map((r) => [r.name, r.count])
        .sort(),
    ).toEqual(VILLAGES.map((n, v) => [n, HOUSEHOLDS[v]]).sort());
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'households', name: VILLAGES[0], year: YEAR, count: 7 },
          admin,
        )
      ).status,
    ).toBe(200);
    const audit = await hub.db
      .selectFrom('audit_log')
      .select(['action', 'subject_kind', 'subject_id', 'details'])
      .where('action', '=', 'hub.population')
      .where('subject_kind', '=', 'households')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(4);
    expect(audit.at(-1)).toMatchObject({ subject_id: `${VILLAGES[0]}/${YEAR}` });
    expect(JSON.parse(audit.at(-1)!.details)).toEqual({ count: 7, before: 6 });
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'households', name: VILLAGES[0], year: YEAR, count: -1 },
          admin,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'families', name: VILLAGES[0], year: YEAR, count: 3 },
          admin,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(row(await rates(), VILLAGES[0]).households).toBe(7);
  });

  it('a merged village is counted whole under its new name, the old names kept', async () => {
    const before = await rates();
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'village', from: [VILLAGES[1], VILLAGES[2]], to: 'Thôn Bãi Chè', year: YEAR },
          admin,
        )
      ).status,
    ).toBe(200);
    const view = await rates();
    expect(view.places.map((r) => r.name).sort()).toEqual(['Thôn Bãi Chè', VILLAGES[0]].sort());
    const merged = row(view, 'Thôn Bãi Chè');
    expect(merged.formerNames.sort()).toEqual([VILLAGES[1], VILLAGES[2]].sort());
    const e = expectedOf(s, [1, 2]);
    expectRow(merged, e, 'Thôn Bãi Chè');
    // Assessed as a community because one part was; not recognized, since not every part was.
    expect(merged.communities).toEqual({ registered: 1, assessed: 1, recognized: 0 });
    expect(merged.clans).toEqual({ registered: 2, assessed: 1, recognized: 1 });
    // The commune's figures do not change with the names, except the number of villages.
    const unchanged = (r: ModelRateRowView) => ({ ...r, communities: null, rates: { ...r.rates, communities: null } });
    expect(unchanged(view.total)).toEqual(unchanged(before.total));
    expect(view.total.communities).toEqual({ registered: 2, assessed: 2, recognized: 1 });
    // The recognitions follow: the unit of Bãi Muống is now in Thôn Bãi Chè.
    expect(view.validity.find((x) => x.subjectId === s.units[1]!.id)?.village).toBe('Thôn Bãi Chè');
  });

  it('lists what stands in the year with its decision, what ends in it to be renewed, and what has already ended', async () => {
    const view = await rates();
    const standing = s.decisions.filter((d) => !d.revoked && d.year <= YEAR && d.through >= `${YEAR}-01-01`);
    expect(view.validity).toHaveLength(standing.length);
    for (const d of standing) {
      expect(
        view.validity.find((x) => x.subjectId === d.id && x.title === d.title),
        d.id,
      ).toMatchObject({
        subjectKind: d.kind,
        decisionNumber: d.number,
        decisionDate: d.signedOn,
        validThrough: d.through,
        expiresInYear: d.through.startsWith(`${YEAR}-`),
        expired: d.through < '2026-11-23',
      });
    }
    const ending = view.validity.filter((x) => x.expiresInYear);
    const household = s.households[1 * 4 + 3]!;
    expect(ending).toEqual([
      {
        title: 'gdht',
        subjectKind: 'household',
        subjectId: household.id,
        label: household.members[0]!.name,
        village: VILLAGES[1],
        decisionNumber: '7/QĐ-UBND',
        decisionDate: '2025-03-20',
        validThrough: '2026-03-19',
        expiresInYear: true,
        expired: true,
      },
      {
        title: 'dvht',
        subjectKind: 'unit',
        subjectId: s.units[1]!.id,
        label: 'Hợp tác xã Bãi Muống',
        village: VILLAGES[1],
        decisionNumber: '40/QĐ-UBND',
        decisionDate: '2025-12-20',
        validThrough: '2026-12-19',
        expiresInYear: true,
        expired: false,
      },
    ]);
    expect(view.expiring).toEqual([
      { title: 'gdht', count: 1 },
      { title: 'dhht', count: 0 },
      { title: 'cddht', count: 0 },
      { title: 'dvht', count: 1 },
    ]);
    // Last year's recognitions are not this year's: neither counts as recognized in 2026.
    expect(row(view, VILLAGES[1]).units.recognized).toBe(0);
    expect(view.validity.find((x) => x.title === 'cddht')).toMatchObject({
      label: VILLAGES[0],
      village: VILLAGES[0],
      expiresInYear: false,
    });
    expect(view.validity.find((x) => x.title === 'dhht')?.village).toBe(`${VILLAGES[1]}, ${VILLAGES[0]}`);
  });

  it("the yearly report holds the four models' tables, the two member rates and what ends in the year", async () => {
    const view = await rates();
    const res = await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=xlsx&kind=report`, {
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const names = workbook.worksheets.map((w) => w.name);
    for (const name of [
      'Mô hình học tập',
      'Gia đình học tập',
      'Dòng họ học tập',
      'Cộng đồng học tập',
      'Đơn vị học tập',
      'Người lao động là CDHT',
      'Cán bộ đơn vị là CDHT',
      'Hết hiệu lực',
    ])
      expect(names).toContain(name);
    /** The body rows of a sheet (those after its header row, 4). */
    const rowsOf = (sheet: string) => {
      const out: unknown[][] = [];
      workbook.getWorksheet(sheet)!.eachRow((r, n) => {
        if (n > 4) out.push((r.values as unknown[]).slice(1));
      });
      return out;
    };
    const byName = (sheet: string, name: string) => rowsOf(sheet).find((r) => r[1] === name)!;
    for (const [sheet, kind] of [
      ['Gia đình học tập', 'families'],
      ['Dòng họ học tập', 'clans'],
      ['Cộng đồng học tập', 'communities'],
      ['Đơn vị học tập', 'units'],
    ] as const) {
      for (const place of [...view.places, { ...view.total, name: 'Toàn xã' }]) {
        const source = place.name === 'Toàn xã' ? view.total : place;
        expect(byName(sheet, place.name)?.slice(3, 6), `${sheet} ${place.name}`).toEqual([
          source[kind].registered,
          source[kind].assessed,
          source[kind].recognized,
        ]);
      }
    }
    expect(byName('Gia đình học tập', 'Toàn xã')[7]).toBeCloseTo(view.total.rates.families.rate!, 9);
    expect(byName('Người lao động là CDHT', 'Toàn xã').slice(3, 5)).toEqual([
      view.total.rates.workers.numerator,
      view.total.rates.workers.denominator,
    ]);
    expect(byName('Cán bộ đơn vị là CDHT', 'Toàn xã').slice(3, 5)).toEqual([
      view.total.rates.unitStaff.numerator,
      view.total.rates.unitStaff.denominator,
    ]);
    expect(rowsOf('Hết hiệu lực').map((r) => [r[1], r[2], r[4], r[7]])).toEqual([
      ['Gia đình học tập', s.households[7]!.members[0]!.name, '7/QĐ-UBND', 'Đã hết hiệu lực'],
      ['Đơn vị học tập', 'Hợp tác xã Bãi Muống', '40/QĐ-UBND', 'Cần công nhận lại'],
    ]);
    const html = await hub.json('GET', `/api/staff/hub/report?year=${YEAR}&format=html&kind=report`, undefined, admin);
    expect(html.body).toContain('VII. Gia đình, dòng họ, cộng đồng và đơn vị học tập');
  });

  it('relays numbers only to the province, once per change, and the province shows them per commune', async () => {
    const commune = await rates();
    const provinceStaff = await staffSessions(province);
    const { body } = await province.json(
      'POST',
      '/api/staff/hub/enrolments',
      { name: 'Xã Tân Lập' },
      provinceStaff.admin,
    );
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/federation/enrol',
          { hubUrl: 'http://province.test', code: body.code },
          admin,
        )
      ).status,
    ).toBe(200);
    expect((await hub.json('POST', '/api/staff/federation/run', undefined, admin)).body.lastError).toBeNull();

    const queued = await hub.db
      .selectFrom('outbox')
      .select(['record_id', 'revision', 'payload'])
      .where('message_type', '=', 'ModelAggregateV1')
      .execute();
    const thisYear = queued.map((q) => JSON.parse(q.payload) as ModelAggregateV1).find((m) => m.year === YEAR)!;
    expect(thisYear.villages.map((v) => v.village).sort()).toEqual([...VILLAGES].sort());
    for (const v of thisYear.villages) {
      const r = row(commune, v.village);
      expect(v).toEqual({
        village: v.village,
        families: r.families,
        clans: r.clans,
        communities: r.communities,
        units: r.units,
        households: r.households,
        adults: r.adults,
        workers: { recognized: r.rates.workers.numerator, of: r.rates.workers.denominator },
        unitStaff: { recognized: r.rates.unitStaff.numerator, of: r.rates.unitStaff.denominator },
      });
    }
    expect(thisYear.communeClans).toEqual(commune.total.clans);
    expect(thisYear.expiring).toEqual(commune.expiring);
    // Counts only: no person, household, clan or unit, by id or by name.
    const text = queued.map((q) => q.payload).join('\n');
    const secrets = [
      ...s.people.flatMap((p) => [p.id, p.name]),
      ...s.households.map((h) => h.id),
      ...s.clans.flatMap((c) => [c.id, c.name, 'Ông Trưởng họ']),
      ...s.units.flatMap((u) => [u.id, u.name]),
      ...s.decisions.map((d) => d.number),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/personId|householdId|memberPersonIds|headPersonId|label/);

    // Unchanged content is not queued again; a changed figure is the next revision.
    expect((await hub.json('POST', '/api/staff/federation/run', undefined, admin)).body.lastError).toBeNull();
    const count = async () =>
      (
        await hub.db
          .selectFrom('outbox')
          .select('revision')
          .where('message_type', '=', 'ModelAggregateV1')
          .where('record_id', 'like', `%:${YEAR}`)
          .execute()
      ).map((r) => r.revision);
    expect(await count()).toEqual([1]);
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'households', name: VILLAGES[2], year: YEAR, count: 8 },
          admin,
        )
      ).status,
    ).toBe(200);
    expect((await hub.json('POST', '/api/staff/federation/run', undefined, admin)).body.lastError).toBeNull();
    expect((await count()).sort()).toEqual([1, 2]);

    const after = await rates();
    const view = await rates(province, provinceStaff.admin);
    expect(view).toMatchObject({ level: 'province', scope: 'Tỉnh Phú Thọ', validity: [] });
    expect(view.places).toHaveLength(1);
    const place = view.places[0]!;
    expect(place.name).toBe('Xã Tân Lập, Tỉnh Phú Thọ');
    expect({ ...place, name: null, formerNames: null }).toEqual({ ...after.total, name: null, formerNames: null });
    expect(view.total.rates).toEqual(after.total.rates);
    expect(view.expiring).toEqual(after.expiring);
    // Across the years, from the communes' aggregates of each year: the commune's own figures, year by year.
    expect(view.trend.map((p) => p.year)).toEqual(after.trend.map((p) => p.year));
    expect(view.trend.length).toBeGreaterThan(1);
    for (const [i, p] of view.trend.entries())
      expect({ ...p.row, name: null }, String(p.year)).toEqual({ ...after.trend[i]!.row, name: null });
    expect(view.trend.at(-1)!.row).toEqual(view.total);
    // What the province holds is what the commune computed: no household, clan, unit or person record.
    const held = (await province.db.selectFrom('hub_record').select('record_kind').distinct().execute()).map(
      (r) => r.record_kind,
    );
    expect(held).toContain('model-aggregate');
    for (const kind of held) expect(['aggregate', 'model-aggregate', 'recognized-list']).toContain(kind);
  });
});

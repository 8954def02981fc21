import type {
  AssessmentUpsertV1,
  ChangeMessage,
  ClanUpsertV1,
  HouseholdUpsertV1,
  PersonUpsertV1,
  UnitUpsertV1,
} from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';

/**
 * What the tests of the four other titles on the commune hub (model-rates*.test.ts) push and count
 * from: three villages' people, households, clans and units, their self-assessments as real change
 * messages from two centers, and the commune's decisions on them.
 */

export const YEAR = 2026;
export const AT = '2026-11-20T03:00:00.000Z';
export const VILLAGES = ['Thôn Đồng Chằm', 'Thôn Bãi Muống', 'Thôn Gò Chè'] as const;
export const villageName = (v: number): string => VILLAGES[v]!;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'];
const GIVEN = ['Thị Lan', 'Văn Tuấn', 'Thị Cúc', 'Văn Dũng', 'Thị Hà'];
/** Households entered per village, and adults. */
export const HOUSEHOLDS = [6, 5, 4];
export const ADULTS = [25, 20, 15];

export interface Person {
  id: string;
  name: string;
  village: number;
  cdht: boolean;
}
export interface Household {
  id: string;
  village: number;
  members: Person[];
  registeredAt: string;
  assessed: 'submitted' | 'draft' | null;
}
export interface Decision {
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
export interface Scenario {
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

export function scenario(): Scenario {
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
export const assessmentMsg = (
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
export function messagesOf(s: Scenario, center: number): ChangeMessage[] {
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

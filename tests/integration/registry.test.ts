import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../shared/schemas/person.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * The registry of the other learning models: households registered at a tablet with adults linked
 * by slip codes, children only as household facts, clans across villages, units with staff counts.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;

interface Registered {
  id: string;
  code: string;
  birthYear: number;
  name: string;
}
async function register(person: RegisterPerson): Promise<Registered> {
  const id = build.id();
  const res = await h.json('PUT', `/api/people/${id}`, person);
  expect(res.status).toBe(200);
  return { id, code: res.body.code, birthYear: person.birthYear, name: person.name };
}
const adult = (name: string, birthYear: number, village = 'Thôn Đồng Chằm'): RegisterPerson => ({
  name,
  birthYear,
  village,
  consents: { assessment: true, publicList: false, statistics: true },
});

let lan: Registered, hung: Registered, mai: Registered;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
  lan = await register(people.baLan);
  hung = await register(adult('Nguyễn Văn Hùng', 1978));
  mai = await register(adult('Nguyễn Thị Mai', 1981));
});
afterEach(async () => {
  await h.close();
});

async function household(head: Registered, village = 'Thôn Đồng Chằm') {
  const id = build.id();
  const res = await h.json('PUT', `/api/households/${id}`, {
    village,
    headCode: head.code,
    headBirthYear: head.birthYear,
  });
  expect(res.status).toBe(200);
  return id;
}
const link = (householdId: string, p: Registered, cookie?: string, move?: boolean) =>
  h.json(
    'POST',
    `/api/households/${householdId}/members`,
    { code: p.code, birthYear: p.birthYear, ...(move ? { move } : {}) },
    cookie,
  );

describe('households', () => {
  it('the head registers at the tablet, links adults by their codes; a retry is a no-op; facts hold only counts', async () => {
    const id = build.id();
    const body = { village: 'Thôn Đồng Chằm', headCode: hung.code, headBirthYear: hung.birthYear };
    const first = await h.json('PUT', `/api/households/${id}`, body);
    expect(first.body).toMatchObject({
      id,
      village: 'Thôn Đồng Chằm',
      headPersonId: hung.id,
      members: [{ personId: hung.id, role: 'head' }],
      facts: {},
      clanId: null,
    });
    expect((await h.json('PUT', `/api/households/${id}`, body)).body).toEqual(first.body);

    for (const p of [mai, lan]) expect((await link(id, p)).status).toBe(200);
    const again = await link(id, mai);
    expect(again.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      [hung.name, 'head'],
      [mai.name, 'member'],
      [lan.name, 'member'],
    ]);

    const facts = await h.json('PUT', `/api/households/${id}/facts/2026`, {
      schoolAgeChildren: 2,
      allChildrenInSchool: false,
    });
    expect(facts.body.facts).toEqual({ 2026: { schoolAgeChildren: 2, allChildrenInSchool: false } });
    expect(
      (await h.json('PUT', `/api/households/${id}/facts/2026`, { schoolAgeChildren: 2, allChildrenInSchool: true }))
        .body.facts['2026'].allChildrenInSchool,
    ).toBe(true);
    expect((await h.json('GET', `/api/people/${mai.id}/household`)).body.household.id).toBe(id);
  });

  type Act = () => Promise<{ status: number; body: any }>;
  it.each<[string, () => Promise<Act>, string]>([
    [
      'a member already in another household',
      async () => {
        const a = await household(hung);
        await link(a, mai);
        const b = await household(lan);
        return () => link(b, mai);
      },
      'household.member-taken',
    ],
    [
      'an unknown code',
      async () => {
        const a = await household(hung);
        return () => h.json('POST', `/api/households/${a}/members`, { code: 'ZZZZZZ', birthYear: 1980 });
      },
      'person.not-found',
    ],
    [
      'a right code with a wrong birth year',
      async () => {
        const a = await household(hung);
        return () => h.json('POST', `/api/households/${a}/members`, { code: mai.code, birthYear: 1990 });
      },
      'person.not-found',
    ],
    [
      'a head already in a household',
      async () => {
        await household(hung);
        return () =>
          h.json('PUT', `/api/households/${build.id()}`, {
            village: 'Thôn Đồng Chằm',
            headCode: hung.code,
            headBirthYear: hung.birthYear,
          });
      },
      'household.member-taken',
    ],
    [
      'another household under a used id',
      async () => {
        const a = await household(hung);
        return () =>
          h.json('PUT', `/api/households/${a}`, {
            village: 'Thôn Đồng Chằm',
            headCode: lan.code,
            headBirthYear: lan.birthYear,
          });
      },
      'household.id-conflict',
    ],
    [
      'an unknown village',
      async () => () =>
        h.json('PUT', `/api/households/${build.id()}`, {
          village: 'Thôn Không Có',
          headCode: lan.code,
          headBirthYear: lan.birthYear,
        }),
      'person.village-unknown',
    ],
    [
      'children in school said without children',
      async () => {
        const a = await household(hung);
        return () =>
          h.json('PUT', `/api/households/${a}/facts/2026`, { schoolAgeChildren: 0, allChildrenInSchool: true });
      },
      'request.invalid',
    ],
    [
      'a child by name',
      async () => {
        const a = await household(hung);
        return () =>
          h.json('PUT', `/api/households/${a}/facts/2026`, {
            schoolAgeChildren: 1,
            allChildrenInSchool: true,
            children: [{ name: 'Bé Na' }],
          });
      },
      'request.invalid',
    ],
    [
      'facts for a year not begun',
      async () => {
        const a = await household(hung);
        return () =>
          h.json('PUT', `/api/households/${a}/facts/2031`, { schoolAgeChildren: 1, allChildrenInSchool: true });
      },
      'household.year-invalid',
    ],
    [
      'a move asked for without staff',
      async () => {
        const a = await household(hung);
        await link(a, mai);
        const b = await household(lan);
        return () => link(b, mai, undefined, true);
      },
      'household.member-taken',
    ],
    [
      "a move of another household's head",
      async () => {
        await household(hung);
        const b = await household(lan);
        return () => link(b, hung, staff.facilitator, true);
      },
      'household.head-cannot-leave',
    ],
  ])('refuses %s with a stable code and changes nothing', async (_name, setUp, code) => {
    const act = await setUp();
    const before = await h.counts();
    expect((await act()).body.code).toBe(code);
    expect(await h.counts()).toEqual(before);
  });

  it('a refused link writes nothing', async () => {
    const a = await household(hung);
    await link(a, mai);
    const b = await household(lan);
    const before = await h.counts();
    expect((await link(b, mai)).body.code).toBe('household.member-taken');
    expect((await h.json('POST', `/api/households/${b}/members`, { code: 'ZZZZZZ', birthYear: 1980 })).body.code).toBe(
      'person.not-found',
    );
    expect(
      (await h.json('PUT', `/api/households/${b}/facts/2026`, { schoolAgeChildren: 0, allChildrenInSchool: false }))
        .body.code,
    ).toBe('request.invalid');
    expect(await h.counts()).toEqual(before);
  });

  it('staff move a person between households; history is kept; the head hands over before leaving', async () => {
    const a = await household(hung);
    await link(a, mai);
    const b = await household(lan);
    const moved = await link(b, mai, staff.facilitator, true);
    expect(moved.body.members.map((m: { personId: string }) => m.personId)).toEqual([lan.id, mai.id]);
    expect(
      (await h.json('GET', `/api/households/${a}`)).body.members.map((m: { personId: string }) => m.personId),
    ).toEqual([hung.id]);
    const exported = (await h.json('GET', `/api/staff/people/${mai.id}/data?format=json`, undefined, staff.admin)).body;
    expect(
      exported.memberships.households.map((m: { householdId: string; leftAt: string | null }) => [
        m.householdId,
        m.leftAt === null,
      ]),
    ).toEqual([
      [a, false],
      [b, true],
    ]);
    const history = await h.db
      .selectFrom('household_member')
      .select(['household_id', 'left_at'])
      .where('person_id', '=', mai.id)
      .orderBy('id')
      .execute();
    expect(history.map((r) => [r.household_id, r.left_at === null])).toEqual([
      [a, false],
      [b, true],
    ]);

    expect(
      (await h.json('POST', `/api/staff/households/${b}/members/${lan.id}/leave`, undefined, staff.facilitator)).body
        .code,
    ).toBe('household.head-cannot-leave');
    expect(
      (await h.json('PUT', `/api/staff/households/${b}/head`, { personId: mai.id }, staff.facilitator)).body
        .headPersonId,
    ).toBe(mai.id);
    const left = await h.json(
      'POST',
      `/api/staff/households/${b}/members/${lan.id}/leave`,
      undefined,
      staff.facilitator,
    );
    expect(left.body.members.map((m: { personId: string; role: string }) => [m.personId, m.role])).toEqual([
      [mai.id, 'head'],
    ]);
    expect((await h.json('POST', `/api/staff/households/${b}/members/${lan.id}/leave`, undefined)).status).toBe(401);
  });

  it('erasing a head passes the household to the next member; erasing its only adult removes it', async () => {
    const a = await household(hung);
    await link(a, mai);
    const b = await household(lan);
    await h.json('PUT', `/api/households/${b}/facts/2026`, { schoolAgeChildren: 1, allChildrenInSchool: true });
    for (const p of [hung, lan])
      expect((await h.json('DELETE', `/api/staff/people/${p.id}`, undefined, staff.admin)).status).toBe(200);
    // Read by staff: the erased heads' tablet sessions went with them.
    expect((await h.json('GET', `/api/households/${a}`, undefined, staff.admin)).body).toMatchObject({
      headPersonId: mai.id,
      members: [{ personId: mai.id, role: 'head' }],
    });
    expect((await h.json('GET', `/api/households/${b}`, undefined, staff.admin)).body.code).toBe('household.not-found');
    expect(
      await h.db.selectFrom('household_member').select('id').where('person_id', 'in', [hung.id, lan.id]).execute(),
    ).toEqual([]);
    expect(await h.db.selectFrom('household_facts').selectAll().execute()).toEqual([]);
  });
});

describe('clans and units', () => {
  it('a clan gathers households from two villages, each in one clan at a time', async () => {
    const a = await household(hung);
    const far = await register(adult('Nguyễn Văn Tư', 1960, 'Thôn Bãi Muống'));
    await household(far, 'Thôn Bãi Muống');
    const clanId = build.id();
    const clan = { id: clanId, name: 'Họ Nguyễn Văn', representative: 'Nguyễn Văn Tư' };
    expect((await h.json('POST', '/api/staff/clans', clan, staff.facilitator)).status).toBe(200);
    expect((await h.json('POST', '/api/staff/clans', { ...clan, name: 'Họ Khác' }, staff.facilitator)).body.code).toBe(
      'clan.id-conflict',
    );
    for (const p of [hung, far])
      expect(
        (await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: p.code }, staff.facilitator)).status,
      ).toBe(200);
    const view = (await h.json('GET', `/api/staff/clans/${clanId}`, undefined, staff.facilitator)).body;
    expect(view.villages).toEqual(['Thôn Bãi Muống', 'Thôn Đồng Chằm']);
    expect((await h.json('GET', `/api/households/${a}`)).body.clanId).toBe(clanId);

    const other = build.id();
    await h.json(
      'POST',
      '/api/staff/clans',
      { id: other, name: 'Họ Trần', representative: 'Trần Văn Ba' },
      staff.facilitator,
    );
    const before = await h.counts();
    expect(
      (await h.json('POST', `/api/staff/clans/${other}/households`, { headCode: hung.code }, staff.facilitator)).body
        .code,
    ).toBe('clan.household-taken');
    expect(
      (await h.json('POST', `/api/staff/clans/${other}/households`, { headCode: mai.code }, staff.facilitator)).body
        .code,
    ).toBe('household.not-found');
    expect(await h.counts()).toEqual(before);
  });

  it('a unit keeps a staff count per year never below its linked staff; zero is a valid count', async () => {
    const unitId = build.id();
    const unit = { id: unitId, name: 'Hợp tác xã chè Tân Lập', kind: 'cooperative', village: 'Thôn Gò Chè' };
    expect((await h.json('POST', '/api/staff/units', unit, staff.admin)).body).toMatchObject({
      ...unit,
      staffCounts: {},
      members: [],
    });
    expect(
      (await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 0 }, staff.admin)).body.staffCounts,
    ).toEqual({ 2026: 0 });

    const before = await h.counts();
    const over = await h.json(
      'POST',
      `/api/staff/units/${unitId}/members`,
      { code: hung.code, birthYear: hung.birthYear },
      staff.admin,
    );
    expect(over.body).toMatchObject({ code: 'unit.staff-count-below-linked', details: { count: 0, linked: 1 } });
    expect(await h.counts()).toEqual(before);

    await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 2 }, staff.admin);
    for (const p of [hung, mai])
      expect(
        (
          await h.json(
            'POST',
            `/api/staff/units/${unitId}/members`,
            { code: p.code, birthYear: p.birthYear },
            staff.admin,
          )
        ).status,
      ).toBe(200);
    const before2 = await h.counts();
    expect(
      (await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 1 }, staff.admin)).body.code,
    ).toBe('unit.staff-count-below-linked');
    expect(
      (
        await h.json(
          'POST',
          `/api/staff/units/${unitId}/members`,
          { code: lan.code, birthYear: lan.birthYear },
          staff.admin,
        )
      ).body.code,
    ).toBe('unit.staff-count-below-linked');
    expect((await h.json('POST', '/api/staff/units', { ...unit, name: 'Khác' }, staff.admin)).body.code).toBe(
      'unit.id-conflict',
    );
    expect(
      (await h.json('POST', '/api/staff/units', { ...unit, id: build.id(), kind: 'bank' }, staff.admin)).body.code,
    ).toBe('request.invalid');
    expect(await h.counts()).toEqual(before2);

    const left = await h.json('POST', `/api/staff/units/${unitId}/members/${mai.id}/leave`, undefined, staff.admin);
    expect(left.body.members.map((m: { personId: string }) => m.personId)).toEqual([hung.id]);
    expect((await h.json('GET', '/api/staff/units', undefined, staff.appraiser)).status).toBe(403);
  });
});

import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { h, staff, lan, hung, mai, freshBoxEachTest, household, link } from './registry-setup.ts';

freshBoxEachTest();

/**
 * The registry of the other learning models: households registered at a tablet with adults linked
 * by slip codes, children only as household facts, clans across villages, units with staff counts.
 */

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

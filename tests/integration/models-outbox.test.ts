import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import {
  appended,
  chu,
  facts,
  h,
  household,
  link,
  outboxAfter,
  pao,
  refused,
  REGISTERED_AT,
  registerHousehold,
  sinh,
  soi,
  staff,
  useOutboxBox,
  type Registered,
} from './models-outbox-setup.ts';

/**
 * Households, clans and units, and the self-assessments and appraisals of the four other titles,
 * go to the outbox as their whole current record in the transaction of each change, at the next
 * revision: once per change, never for a retry that changes nothing or a refused change, without
 * an erased person, and with children only as the household's two facts. Households, clans and
 * units here; the other titles' assessments, erasure and children in models-outbox-assessments.test.ts.
 */

useOutboxBox();

describe('a household goes up with every change', () => {
  it('registration, links, facts, head handover and a member leaving: one whole record each, revisions 1, 2, 3…; retries send nothing', async () => {
    const id = build.id();
    const first = await appended(() => registerHousehold(id, pao));
    expect(first).toEqual([
      {
        kind: 'household',
        id,
        revision: 1,
        type: 'HouseholdUpsertV1',
        message: {
          type: 'HouseholdUpsertV1',
          id,
          revision: 1,
          village: 'Thôn Khe Ngang',
          headPersonId: pao.id,
          memberPersonIds: [pao.id],
          facts: [],
          registeredAt: REGISTERED_AT,
        },
      },
    ]);
    expect(await appended(() => registerHousehold(id, pao))).toEqual([]);

    expect((await appended(() => link(id, soi))).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([
      [2, [pao.id, soi.id]],
    ]);
    expect(await appended(() => link(id, soi))).toEqual([]);
    expect((await appended(() => link(id, sinh))).map((r) => r.revision)).toEqual([3]);

    const withFacts = await appended(() => facts(id, 2, true));
    expect(withFacts.map((r) => [r.revision, r.message.facts])).toEqual([
      [4, [{ year: 2026, schoolAgeChildren: 2, allChildrenInSchool: true }]],
    ]);
    expect(await appended(() => facts(id, 2, true))).toEqual([]);
    expect((await appended(() => facts(id, 2, false))).map((r) => [r.revision, r.message.facts])).toEqual([
      [5, [{ year: 2026, schoolAgeChildren: 2, allChildrenInSchool: false }]],
    ]);

    const handover = await appended(() =>
      h.json('PUT', `/api/staff/households/${id}/head`, { personId: soi.id }, staff.facilitator),
    );
    expect(handover.map((r) => [r.revision, r.message.headPersonId, r.message.memberPersonIds])).toEqual([
      [6, soi.id, [soi.id, pao.id, sinh.id]],
    ]);
    expect(
      await appended(() => h.json('PUT', `/api/staff/households/${id}/head`, { personId: soi.id }, staff.facilitator)),
    ).toEqual([]);
    const left = await appended(() =>
      h.json('POST', `/api/staff/households/${id}/members/${sinh.id}/leave`, undefined, staff.facilitator),
    );
    expect(left.map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[7, [soi.id, pao.id]]]);

    // The household's own revision is the one sent, on the box and in the view the tablet gets.
    expect((await h.json('GET', `/api/households/${id}`)).body.revision).toBe(7);
  });

  it('a refused change sends nothing', async () => {
    const a = await household(pao, soi);
    const b = await household(chu);
    for (const [act, code] of [
      [() => link(b, soi), 'household.member-taken'],
      [() => h.json('POST', `/api/households/${b}/members`, { code: 'ZZZZZZ', birthYear: 1980 }), 'person.not-found'],
      [() => facts(b, 0, true), 'request.invalid'],
      [
        () => h.json('PUT', `/api/households/${b}/facts/2031`, { schoolAgeChildren: 1, allChildrenInSchool: true }),
        'household.year-invalid',
      ],
      [
        () => h.json('POST', `/api/staff/households/${a}/members/${pao.id}/leave`, undefined, staff.facilitator),
        'household.head-cannot-leave',
      ],
      [
        () =>
          h.json('PUT', `/api/households/${b}`, {
            village: 'Thôn Khe Ngang',
            headCode: soi.code,
            headBirthYear: soi.birthYear,
          }),
        'household.id-conflict',
      ],
    ] as const) {
      expect(await refused(act, code)).toEqual([]);
    }
    expect(await outboxAfter(0)).toHaveLength(3);
  });

  it('a move sends both households: the one she left without her, the one she joined with her', async () => {
    const a = await household(pao, soi);
    const b = await household(chu);
    const moved = await appended(() => link(b, soi, staff.facilitator, true));
    expect(moved.map((r) => [r.id, r.revision, r.message.memberPersonIds])).toEqual([
      [a, 3, [pao.id]],
      [b, 2, [chu.id, soi.id]],
    ]);
  });
});

describe('clans and units go up with every change', () => {
  it('a clan: created, then each household joining; retries and refusals send nothing', async () => {
    const a = await household(pao);
    const b = await household(chu);
    const clanId = build.id();
    const clan = { id: clanId, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo' };
    const created = await appended(() => h.json('POST', '/api/staff/clans', clan, staff.facilitator));
    expect(created).toEqual([
      {
        kind: 'clan',
        id: clanId,
        revision: 1,
        type: 'ClanUpsertV1',
        message: {
          type: 'ClanUpsertV1',
          id: clanId,
          revision: 1,
          name: 'Họ Hoàng',
          representative: 'Hoàng Văn Páo',
          householdIds: [],
          registeredAt: REGISTERED_AT,
        },
      },
    ]);
    expect(await appended(() => h.json('POST', '/api/staff/clans', clan, staff.facilitator))).toEqual([]);
    const join = (head: Registered, to = clanId) =>
      h.json('POST', `/api/staff/clans/${to}/households`, { headCode: head.code }, staff.facilitator);
    expect((await appended(() => join(pao))).map((r) => [r.revision, r.message.householdIds])).toEqual([[2, [a]]]);
    expect(await appended(() => join(pao))).toEqual([]);
    expect((await appended(() => join(chu))).map((r) => [r.revision, r.message.householdIds])).toEqual([[3, [a, b]]]);

    const other = build.id();
    await h.json(
      'POST',
      '/api/staff/clans',
      { id: other, name: 'Họ Lò', representative: 'Lò Văn Pằng' },
      staff.facilitator,
    );
    expect(await refused(() => join(pao, other), 'clan.household-taken')).toEqual([]);

    // Staff move it: it leaves the first clan (history kept) and joins the other; both go up.
    const move = await appended(() =>
      h.json('POST', `/api/staff/clans/${other}/households`, { headCode: pao.code, move: true }, staff.facilitator),
    );
    expect(move.map((r) => [r.id, r.revision, r.message.householdIds])).toEqual([
      [clanId, 4, [b]],
      [other, 2, [a]],
    ]);
    const memberships = await h.db
      .selectFrom('clan_household')
      .select(['clan_id', 'left_at'])
      .where('household_id', '=', a)
      .orderBy('id')
      .execute();
    expect(memberships.map((m) => [m.clan_id, m.left_at !== null])).toEqual([
      [clanId, true],
      [other, false],
    ]);

    // A household leaves; leaving again is refused. A corrected name goes up; the same again does not.
    const leave = () =>
      h.json('POST', `/api/staff/clans/${clanId}/households/${b}/leave`, undefined, staff.facilitator);
    expect((await appended(leave)).map((r) => [r.revision, r.message.householdIds])).toEqual([[5, []]]);
    expect(await refused(leave, 'clan.household-not-found')).toEqual([]);
    const rename = () =>
      h.json(
        'PUT',
        `/api/staff/clans/${clanId}`,
        { name: 'Họ Hoàng Văn', representative: 'Hoàng Văn Páo' },
        staff.facilitator,
      );
    expect((await appended(rename)).map((r) => [r.revision, r.message.name])).toEqual([[6, 'Họ Hoàng Văn']]);
    expect(await appended(rename)).toEqual([]);
    expect(
      await refused(
        () =>
          h.json(
            'PUT',
            `/api/staff/clans/${build.id()}`,
            { name: 'Họ Lạ', representative: 'Ai đó' },
            staff.facilitator,
          ),
        'clan.not-found',
      ),
    ).toEqual([]);
  });

  it('a unit: created, its staff count per year, staff linked and leaving; retries and refusals send nothing', async () => {
    const unitId = build.id();
    const unit = { id: unitId, name: 'Hợp tác xã chè Khe Ngang', kind: 'cooperative', village: 'Thôn Khe Ngang' };
    expect(await appended(() => h.json('POST', '/api/staff/units', unit, staff.admin))).toEqual([
      {
        kind: 'unit',
        id: unitId,
        revision: 1,
        type: 'UnitUpsertV1',
        message: {
          type: 'UnitUpsertV1',
          id: unitId,
          revision: 1,
          name: unit.name,
          kind: 'cooperative',
          village: 'Thôn Khe Ngang',
          staffCounts: [],
          memberPersonIds: [],
          registeredAt: REGISTERED_AT,
        },
      },
    ]);
    expect(await appended(() => h.json('POST', '/api/staff/units', unit, staff.admin))).toEqual([]);
    const count = (n: number) =>
      h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: n }, staff.admin);
    expect((await appended(() => count(2))).map((r) => [r.revision, r.message.staffCounts])).toEqual([
      [2, [{ year: 2026, count: 2 }]],
    ]);
    expect(await appended(() => count(2))).toEqual([]);
    const staffLink = (p: Registered) =>
      h.json('POST', `/api/staff/units/${unitId}/members`, { code: p.code, birthYear: p.birthYear }, staff.admin);
    expect((await appended(() => staffLink(pao))).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([
      [3, [pao.id]],
    ]);
    expect(await appended(() => staffLink(pao))).toEqual([]);
    expect((await appended(() => staffLink(soi))).map((r) => r.revision)).toEqual([4]);
    expect(await refused(() => staffLink(chu), 'unit.staff-count-below-linked')).toEqual([]);
    expect(await refused(() => count(1), 'unit.staff-count-below-linked')).toEqual([]);
    const leave = () => h.json('POST', `/api/staff/units/${unitId}/members/${pao.id}/leave`, undefined, staff.admin);
    expect((await appended(leave)).map((r) => [r.revision, r.message.memberPersonIds])).toEqual([[5, [soi.id]]]);
    expect(await refused(leave, 'unit.member-not-found')).toEqual([]);

    // Its name, kind and village corrected: the next revision; the same again, or an unknown village, sends nothing.
    const edit = (village: string) =>
      h.json(
        'PUT',
        `/api/staff/units/${unitId}`,
        { name: 'HTX chè Khe Ngang', kind: 'cooperative', village },
        staff.admin,
      );
    expect(
      (await appended(() => edit('Thôn Khe Ngang'))).map((r) => [
        r.revision,
        r.message.name,
        r.message.memberPersonIds,
      ]),
    ).toEqual([[6, 'HTX chè Khe Ngang', [soi.id]]]);
    expect(await appended(() => edit('Thôn Khe Ngang'))).toEqual([]);
    expect(await refused(() => edit('Thôn Không Có'), 'person.village-unknown')).toEqual([]);
  });
});

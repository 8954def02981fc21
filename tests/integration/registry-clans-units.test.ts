import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { h, staff, register, adult, lan, hung, mai, freshBoxEachTest, household } from './registry-setup.ts';

freshBoxEachTest();

/** The registry's clans across villages and units with staff counts (households: registry.test.ts). */
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

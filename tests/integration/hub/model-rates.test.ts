import { describe, expect, it } from 'vitest';
import type { ModelRateRowView } from '../../../shared/schemas/model-rates.ts';
import { ADULTS, HOUSEHOLDS, VILLAGES, YEAR } from './model-rates-scenario.ts';
import { admin, communeHubEachTest, expectedOf, expectRow, hub, rates, row, s, storages } from './model-rates-setup.ts';

/**
 * The four other titles on the commune hub (model-rates-setup.ts pushes the scenario of
 * model-rates-scenario.ts): the route's counts and rates per village and for the commune equal what
 * this test counts from what was pushed; households entered per village; a merge of two villages;
 * the recognitions standing in the year and those to renew.
 */

describe.each(storages)('the four other titles on the commune hub, %s', (storage) => {
  communeHubEachTest(storage);

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
});

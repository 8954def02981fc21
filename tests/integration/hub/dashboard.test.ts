import { describe, expect, it } from 'vitest';
import {
  communeEachTest,
  dashboard,
  expected,
  GROUPS,
  hub,
  hubStaff,
  rowNamed,
  sites,
  storages,
  sync,
  VILLAGES,
  YEAR,
} from './dashboard-setup.ts';
import { closeAllLists } from './close-lists.ts';

/**
 * The commune hub's dashboard and report against counts computed here, independently, from the
 * villagers each center registered: two centers sync, the officer decides, declines, reopens,
 * enters denominators, adjusts a target and merges two villages. The counts and rates here; the
 * reporting, merges, exports and the province in dashboard-reporting.test.ts.
 */

describe.each(storages)('commune dashboard on %s', (storage) => {
  communeEachTest(storage);

  it('counts what the centers sent, per village, center and group, and the decisions', async () => {
    const all = sites.flatMap((s) => s.people);
    const passing = all.filter((p) => p.stage === 'pass');
    const [declined, ...named] = passing;
    await closeAllLists(sites, YEAR, sync);
    const decision = await hub.json(
      'POST',
      '/api/staff/hub/decisions',
      {
        year: YEAR,
        number: '15/QĐ-UBND',
        signedOn: '2026-12-01',
        signer: 'Chủ tịch UBND xã',
        personIds: named.map((p) => p.personId),
      },
      hubStaff.admin,
    );
    expect(decision.status).toBe(200);
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/declines',
          { personId: declined!.personId, year: YEAR, reason: 'Minh chứng CS03 chưa rõ' },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    const recognized = new Set(named.map((p) => p.personId));
    const digitalMin = hub.config.settings['digital.minScore'];

    const d = await dashboard();
    expect(d.level).toBe('commune');
    expect(d.total.counts).toEqual(expected(all, recognized, digitalMin));
    for (const village of VILLAGES) {
      expect(rowNamed(d.byPlace, village).counts, village).toEqual(
        expected(
          all.filter((p) => p.village === village),
          recognized,
          digitalMin,
        ),
      );
    }
    for (const [i, site] of sites.entries()) {
      expect(rowNamed(d.byCenter, ['TTHTCĐ Tân Lập', 'TTHTCĐ Xuân Sơn'][i]!).counts).toEqual(
        expected(site.people, recognized, digitalMin),
      );
    }
    for (const group of GROUPS) {
      const inGroup = all.filter((p) => p.group === group && p.stage !== 'registered');
      // A group row's "registered" counts the people who began that year's assessment in the group.
      const title = hub.config.criteriaSets
        .find((set) => set.id === 'cdht-2022')!
        .groups.find((g) => g.id === group)!.title;
      expect(rowNamed(d.byGroup, title).counts).toEqual({
        ...expected(inGroup, recognized, digitalMin),
        registered: inGroup.length,
      });
    }
    // No denominators entered yet: counts, but no rate.
    expect(d.total.population).toBeNull();
    expect(d.total.rates.cdht).toMatchObject({ numerator: named.length, denominator: null, rate: null });
    expect(d.total.rates.digital.rate).toBeCloseTo(expected(all, recognized, digitalMin).digital / named.length, 6);

    // The declined proposal carries its reason; the proposal table shows it.
    const table = (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, hubStaff.admin)).body as {
      personId: string;
      declined: { reason: string } | null;
    }[];
    expect(table.find((p) => p.personId === declined!.personId)?.declined).toMatchObject({
      reason: 'Minh chứng CS03 chưa rõ',
    });
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/declines',
          { personId: named[0]!.personId, year: YEAR, reason: 'Nhầm' },
          hubStaff.admin,
        )
      ).body.code,
    ).toBe('decline.decided');

    // Reopening one decided result takes them out of the decision (and the counts), audited.
    const reopened = await hub.json(
      'POST',
      `/api/staff/hub/decisions/${decision.body.id}/reopen`,
      { personId: named[0]!.personId, reason: 'Chấm lại CS03' },
      hubStaff.admin,
    );
    expect(reopened.status).toBe(200);
    recognized.delete(named[0]!.personId);
    expect((await dashboard()).total.counts.recognized).toBe(recognized.size);
    const audit = await hub.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'hub.decision-reopen')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('rates against the denominators entered and the targets in force, with the trace of an adjustment', async () => {
    const all = sites.flatMap((s) => s.people);
    const named = all.filter((p) => p.stage === 'pass');
    await closeAllLists(sites, YEAR, sync);
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/decisions',
          {
            year: YEAR,
            number: '15/QĐ-UBND',
            signedOn: '2026-12-01',
            signer: 'Chủ tịch UBND xã',
            personIds: named.map((p) => p.personId),
          },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    const adults: Record<string, number> = {
      'Thôn Đồng Chằm': 40,
      'Thôn Bãi Muống': 35,
      'Thôn Gò Chè': 0,
      'Thôn Suối Mây': 25,
    };
    for (const [name, count] of Object.entries(adults)) {
      expect(
        (
          await hub.json(
            'PUT',
            '/api/staff/hub/population',
            { kind: 'village', name, year: YEAR, count },
            hubStaff.admin,
          )
        ).status,
      ).toBe(200);
    }
    // Bad input changes nothing and says why.
    const before = await hub.counts();
    expect(
      (
        await hub.json(
          'PUT',
          '/api/staff/hub/population',
          { kind: 'village', name: 'Thôn Đồng Chằm', year: YEAR, count: -3 },
          hubStaff.admin,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/targets',
          { measure: 'cdht', year: YEAR, value: 1.5, reason: 'Sai' },
          hubStaff.admin,
        )
      ).body.code,
    ).toBe('request.invalid');
    expect(await hub.counts()).toEqual(before);

    let d = await dashboard();
    // National: 40 % in 2025, 60 % in 2030, a straight line between: 44 % in 2026. The demo commune's
    // own table ends at 45 % in 2025, which holds after its last year, and is higher: it applies.
    const cdht = d.targets.find((t) => t.measure === 'cdht')!;
    expect(cdht.value).toBeCloseTo(0.45, 6);
    expect(cdht.trace).toEqual([
      { source: 'national', value: 0.44 },
      { source: 'province', value: null },
      { source: 'commune', value: 0.45 },
    ]);
    expect(d.total.population).toBe(100);
    expect(d.total.rates.cdht.rate).toBeCloseTo(named.length / 100, 6);
    expect(d.total.rates.cdht.met).toBe(named.length / 100 >= 0.45);
    // A village whose adults were entered as 0 has no rate, not a division by zero.
    expect(rowNamed(d.byPlace, 'Thôn Gò Chè').rates.cdht).toMatchObject({ denominator: 0, rate: null, met: null });

    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/targets',
          { measure: 'cdht', year: YEAR, value: 0.1, reason: 'Nghị quyết HĐND xã số 12' },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    d = await dashboard();
    // The adjustment is the local target now, but it is below the national 44 %: the higher applies.
    const adjusted = d.targets.find((t) => t.measure === 'cdht')!;
    expect(adjusted.value).toBeCloseTo(0.44, 6);
    expect(adjusted.trace.at(-1)).toMatchObject({ source: 'adjustment', value: 0.1 });
    expect(adjusted.trace.at(-1)!.note).toContain('Nghị quyết HĐND xã số 12');
    // The row's rate is over all adults 15+: it goes by the commune's own target, not 677's in force.
    expect(d.total.rates.cdht.target).toBe(0.1);
    expect(d.total.rates.cdht.met).toBe(named.length / 100 >= 0.1);
  });
});

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/schemas/dashboard.ts';
import { cookieOf, staff, staffSessions } from '../../fixtures/staff.ts';
import {
  communeEachTest,
  setAdminCookie,
  dashboard,
  hub,
  hubStaff,
  province,
  rowNamed,
  sites,
  storages,
  sync,
  VILLAGES,
  YEAR,
} from './dashboard-setup.ts';
import { closeAllLists } from './close-lists.ts';

/**
 * The commune hub's dashboard as the commune reports with it: villages merged and a center renamed,
 * which centers reported by the deadline, the yearly report and public list exported, and the
 * province's figures from what the commune relayed (the counts themselves: dashboard.test.ts).
 */

describe.each(storages)('commune dashboard on %s', (storage) => {
  communeEachTest(storage);

  it('merges villages and renames a center: history and rates stay whole, old names stay searchable', async () => {
    const all = sites.flatMap((s) => s.people);
    await hub.json(
      'PUT',
      '/api/staff/hub/population',
      { kind: 'village', name: 'Thôn Gò Chè', year: YEAR, count: 30 },
      hubStaff.admin,
    );
    await hub.json(
      'PUT',
      '/api/staff/hub/population',
      { kind: 'village', name: 'Thôn Suối Mây', year: YEAR, count: 20 },
      hubStaff.admin,
    );
    const before = await dashboard();
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'village', from: ['Thôn Gò Chè', 'Thôn Suối Mây'], to: 'Thôn Gò Mây', year: YEAR },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'center', from: ['TTHTCĐ Xuân Sơn'], to: 'TTHTCĐ xã Tân Lập, điểm Xuân Sơn', year: YEAR },
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'village', from: ['Thôn Gò Mây'], to: 'Thôn Gò Chè', year: YEAR },
          hubStaff.admin,
        )
      ).body.code,
    ).toBe('unit.cycle');
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/units',
          { kind: 'village', from: ['Thôn Không Có'], to: 'Thôn Mới', year: YEAR },
          hubStaff.admin,
        )
      ).body,
    ).toMatchObject({ code: 'unit.unknown', details: { names: ['Thôn Không Có'] } });

    const d = await dashboard();
    const merged = rowNamed(d.byPlace, 'Thôn Gò Mây');
    expect(merged.formerNames).toEqual(['Thôn Gò Chè', 'Thôn Suối Mây']);
    expect(merged.population).toBe(50);
    expect(merged.counts.registered).toBe(
      all.filter((p) => p.village === 'Thôn Gò Chè' || p.village === 'Thôn Suối Mây').length,
    );
    expect(d.byPlace.map((r) => r.name)).not.toContain('Thôn Suối Mây');
    expect(d.total.counts).toEqual(before.total.counts);
    expect(rowNamed(d.byCenter, 'TTHTCĐ xã Tân Lập, điểm Xuân Sơn').formerNames).toEqual(['TTHTCĐ Xuân Sơn']);
  });

  it('shows which centers reported by the deadline and the days left', async () => {
    const [first] = sites;
    const village = first!.people.find((p) => p.stage === 'pass')!.village;
    expect(
      (await first!.h.json('POST', '/api/staff/lists/finalize', { village, year: YEAR }, first!.staff.appraiser))
        .status,
    ).toBe(200);
    await sync(first!);
    const d = await dashboard();
    expect(d.reporting).toMatchObject({ deadline: '2026-11-30', daysLeft: 7 });
    expect(d.reporting.centers).toEqual([
      {
        name: 'TTHTCĐ Tân Lập',
        reportedAt: '2026-11-23T03:00:00.000Z',
        onTime: true,
        yearsDue: 1,
        yearsOnTime: 1,
        onTimeRate: 1,
      },
      { name: 'TTHTCĐ Xuân Sơn', reportedAt: null, onTime: null, yearsDue: 0, yearsOnTime: 0, onTimeRate: null },
    ]);
    // After the deadline the silent center is late.
    hub.setNow(new Date('2026-12-02T03:00:00Z'));
    // Sessions last hours: the officer signs in again a week later.
    setAdminCookie(
      cookieOf(
        (await hub.json('POST', '/api/staff/sign-in', { name: staff.chiHoa.name, pin: staff.chiHoa.pin })).headers,
      ),
    );
    const late = await dashboard();
    expect(late.reporting.daysLeft).toBe(-2);
    expect(late.reporting.centers[1]).toMatchObject({ onTime: false, yearsDue: 1, yearsOnTime: 0, onTimeRate: 0 });
    // A center whose key was revoked is no longer waited for.
    const nodes = (await hub.json('GET', '/api/staff/hub/nodes', undefined, hubStaff.admin)).body as {
      id: string;
      name: string;
    }[];
    await hub.json(
      'POST',
      `/api/staff/hub/nodes/${nodes.find((x) => x.name === 'TTHTCĐ Xuân Sơn')!.id}/revoke`,
      undefined,
      hubStaff.admin,
    );
    expect((await dashboard()).reporting.centers.map((c) => c.name)).toEqual(['TTHTCĐ Tân Lập']);
  });

  it('exports the yearly report as .xlsx and the public list with names and villages only', async () => {
    const all = sites.flatMap((s) => s.people);
    const named = all.filter((p) => p.stage === 'pass');
    await closeAllLists(sites, YEAR, sync);
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
    );
    const res = await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=xlsx`, {
      headers: { cookie: hubStaff.admin },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const list = book.getWorksheet('Danh sách công nhận')!;
    const names = new Set<string>();
    list.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string') names.add(v);
    });
    for (const p of named) expect(names.has(p.name), p.name).toBe(p.publicList);
    const html = await (
      await hub.app.request(`/api/staff/hub/report?year=${YEAR}&format=html&kind=public-list`, {
        headers: { cookie: hubStaff.admin },
      })
    ).text();
    for (const p of named) expect(html.includes(p.name)).toBe(p.publicList);
    expect(html).not.toContain('1970');
    expect(
      await hub.db.selectFrom('audit_log').select('action').where('action', '=', 'hub.report-export').execute(),
    ).toHaveLength(2);
  });

  it('the province sees the same figures per commune, from the aggregates the commune relayed', async () => {
    const all = sites.flatMap((s) => s.people);
    await closeAllLists(sites, YEAR, sync);
    await hub.json(
      'POST',
      '/api/staff/hub/decisions',
      {
        year: YEAR,
        number: '15/QĐ-UBND',
        signedOn: '2026-12-01',
        signer: 'Chủ tịch UBND xã',
        personIds: all.filter((p) => p.stage === 'pass').map((p) => p.personId),
      },
      hubStaff.admin,
    );
    for (const [i, name] of VILLAGES.entries())
      await hub.json(
        'PUT',
        '/api/staff/hub/population',
        { kind: 'village', name, year: YEAR, count: 30 + i },
        hubStaff.admin,
      );
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
          hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    expect((await hub.json('POST', '/api/staff/federation/run', undefined, hubStaff.admin)).body.lastError).toBeNull();

    const commune = await dashboard();
    const res = await province.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, provinceStaff.admin);
    expect(res.status).toBe(200);
    const d = res.body as Dashboard;
    expect(d).toMatchObject({ level: 'province', scope: 'Tỉnh Phú Thọ', byCenter: [] });
    expect(d.byPlace).toHaveLength(1);
    expect(d.byPlace[0]).toMatchObject({
      name: 'Xã Tân Lập, Tỉnh Phú Thọ',
      counts: commune.total.counts,
      population: 30 + 31 + 32 + 33,
    });
    expect(d.total.rates.cdht.rate).toBeCloseTo(commune.total.rates.cdht.rate!, 6);
    expect(d.byGroup.map((g) => [g.name, g.counts])).toEqual(commune.byGroup.map((g) => [g.name, g.counts]));
    expect(d.reporting).toMatchObject({ deadline: '2026-12-10', daysLeft: 17 });
    expect(d.reporting.centers).toMatchObject([{ name: 'Xã Tân Lập', onTime: true }]);
    // Nothing person-level reached the province.
    const held = await province.db.selectFrom('hub_record').select('record_kind').distinct().execute();
    expect(held.map((r) => r.record_kind).sort()).toEqual(['aggregate', 'recognized-list']);
  });
});

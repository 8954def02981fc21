import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ModelAggregateV1 } from '../../../shared/sync/messages.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { VILLAGES, YEAR } from './model-rates-scenario.ts';
import { admin, communeHubEachTest, hub, province, rates, row, s, storages } from './model-rates-setup.ts';

/**
 * What leaves the commune of the four other titles (model-rates-setup.ts): the yearly report's tables
 * and sheets, and the relay to the province hub, numbers only.
 */

describe.each(storages)('the four other titles on the commune hub, %s', (storage) => {
  communeHubEachTest(storage);

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

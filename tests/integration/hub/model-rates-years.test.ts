import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ADULTS, VILLAGES, YEAR, assessmentMsg } from './model-rates-scenario.ts';
import {
  admin,
  centers,
  communeHubEachTest,
  enterFigures,
  hub,
  insertDecision,
  push,
  rates,
  row,
  s,
  storages,
} from './model-rates-setup.ts';

/**
 * The four other titles across the years (model-rates-setup.ts): each year's figures are that year's
 * own view, from the first year with anything of them, and they go into the yearly report.
 */

describe.each(storages)('the four other titles on the commune hub, %s', (storage) => {
  communeHubEachTest(storage);

  it("across the years: from the first year with anything of the four titles, each year as its own view; a village's 36 months count in the later year", async () => {
    const LAST = YEAR - 1;
    const households2025 = [5, 4, 4];
    const adults2025 = [24, 19, 15];
    // Last year's figures, CDHT decision and the self-assessments of the households registered then;
    // families of Đồng Chằm and Bãi Muống recognized for 2025 (12 months); Gò Chè recognized as a
    // learning community for 2025 by a decision of 10/2/2026 (36 months, through 9/2/2029).
    await enterFigures(LAST, households2025, adults2025);
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
});

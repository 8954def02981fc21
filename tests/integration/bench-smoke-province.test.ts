import { describe, expect, inject, it } from 'vitest';
import { dashboardBench } from '../../bench/dashboard.ts';
import { provinceInOwnProcess } from '../../bench/hub-process.ts';
import { provinceBench } from '../../bench/province.ts';
import { requiredUnderCi } from '../support/postgres.ts';

/**
 * The benchmark parts of issue 27's province scale, at tiny sizes, so they cannot rot (no timing
 * asserted; tests/integration/bench-smoke.test.ts holds the others): the projection rebuild the
 * dashboard bench times on each storage, and a province hub on PostgreSQL taking its communes'
 * relays through applyPush, then its dashboard and yearly report.
 */

const pgUrl = inject('pgUrl');
if (!pgUrl)
  console.warn(
    `!! PostgreSQL missing: the province benchmark smoke test is skipped, the rebuild runs on SQLite only${requiredUnderCi ? ' (a failure under CI)' : ''}.`,
  );
/** PostgreSQL is there under CI: its absence is a failure, not a shorter run. */
const pgRequired = () => {
  if (requiredUnderCi) expect(pgUrl, 'PostgreSQL is required under CI').toBeTruthy();
};
const positive = (...xs: (number | null | undefined)[]) => {
  for (const x of xs) expect(x).toBeGreaterThan(0);
};

describe('the province-scale benchmarks at tiny sizes', () => {
  it(`projection rebuild${pgUrl ? ' on both storages' : ' on SQLite'}: its time and peak RSS`, async () => {
    pgRequired();
    const figures = await dashboardBench(pgUrl, { people: 120, runs: 1 });
    expect(figures.map((f) => f.storage)).toEqual(pgUrl ? ['sqlite', 'postgres'] : ['sqlite']);
    for (const f of figures) {
      const r = f.rebuild!;
      // 120 people, 600 assessments, and an appraisal for each appraised one.
      expect(r.records).toBeGreaterThan(720);
      expect(r.records).toBeLessThan(1320);
      positive(r.seconds, r.rssBeforeMb, r.peakRssMb);
      expect(r.peakRssMb).toBeGreaterThanOrEqual(r.rssBeforeMb);
    }
    const skipped = await dashboardBench(null, { people: 20, runs: 1, rebuild: false });
    expect(skipped[0]!.rebuild).toBeNull();
  }, 120_000);

  it.skipIf(!pgUrl && !requiredUnderCi)(
    'province hub on PostgreSQL: 3 communes relayed, its dashboard and report',
    async () => {
      pgRequired();
      // In a process of its own, as `npm run bench` runs it (bench/hub-process.ts).
      const p = (await provinceInOwnProcess(pgUrl, { communes: 3, people: 200, runs: 2 }))!;
      // Each commune relays per year (5) its aggregates and its public list.
      expect(p).toMatchObject({ storage: 'postgres', communes: 3, peoplePerCommune: 200, records: 30, runs: 2 });
      positive(p.listEntries, p.batches, p.relaySeconds, p.ingestSeconds, p.recordsPerSecond);
      positive(p.medianMs, p.p95Ms, p.minMs, p.reportXlsxMs, p.reportA4Ms);
      expect(await provinceBench(null, { communes: 1, people: 10 })).toBeNull();
    },
    120_000,
  );
});

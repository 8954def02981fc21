import { existsSync, rmSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { dashboardBench } from '../../bench/dashboard.ts';
import { hubIngestBench } from '../../bench/hub-ingest.ts';
import { ingestBench } from '../../bench/ingest.ts';
import { searchBench } from '../../bench/search.ts';
import { syncBench } from '../../bench/sync.ts';
import { tabletBench } from '../../bench/tablet.ts';
import { weightBench } from '../../bench/weight.ts';
import { chromiumPath } from '../support/kiosk-process.ts';
import { requiredUnderCi } from '../support/postgres.ts';

/**
 * `npm run bench` is not part of `npm test`; this runs each of its benchmarks at tiny sizes so the
 * suite cannot rot: every one must still run end to end and produce its figures. No timing is
 * asserted. PostgreSQL figures come when the throwaway cluster is there (always under CI), the
 * browser ones when Chromium is.
 */

const pgUrl = inject('pgUrl');
const hasChromium = existsSync(chromiumPath);
// Under CI (or REQUIRE_BROWSER) a missing Chromium fails the browser parts instead of skipping them.
const requireBrowser = requiredUnderCi || process.env.REQUIRE_BROWSER === '1';
if (!pgUrl)
  console.warn(
    `!! PostgreSQL missing: the benchmark smoke test runs its hub parts on SQLite only${requiredUnderCi ? ' (a failure under CI)' : ''}.`,
  );
if (!hasChromium)
  console.warn(
    `!! Chromium missing at ${chromiumPath}: the benchmark smoke test's browser parts are skipped${requireBrowser ? ' (a failure under CI)' : ''}.`,
  );
/** PostgreSQL is there under CI: its absence is a failure, not a shorter run. */
const pgRequired = () => {
  if (requiredUnderCi) expect(pgUrl, 'PostgreSQL is required under CI').toBeTruthy();
};
const positive = (...xs: (number | null)[]) => {
  for (const x of xs) expect(x).toBeGreaterThan(0);
};

describe('the benchmark suite at tiny sizes', () => {
  it('PWA weight: the first screen, the precache and the largest chunks', () => {
    const w = weightBench();
    expect(w.firstScreen.files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(w.firstScreen.files.some((f) => f.endsWith('.css'))).toBe(true);
    positive(
      w.firstScreen.rawKb,
      w.firstScreen.gzipKb,
      w.firstScreen.brotliKb,
      w.precache.entries,
      w.precache.rawKb,
      w.precache.gzipKb,
    );
    expect(w.firstScreen.gzipKb).toBeLessThan(w.firstScreen.rawKb);
    expect(w.largestChunks).toHaveLength(5);
    expect(w.precache.rawKb).toBeGreaterThanOrEqual(w.firstScreen.rawKb);
  }, 120_000);

  it('server ingest against the real process and the raw inserts, then sync to a hub beside PouchDB', async () => {
    const ingest = await ingestBench({ submissions: 30, clients: 5, keepData: true });
    try {
      expect(ingest.submissions).toBe(30);
      positive(
        ingest.perSecond,
        ingest.p50Ms,
        ingest.p95Ms,
        ingest.p99Ms,
        ingest.raw.perSecond,
        ingest.rawGroup.perSecond,
        ingest.ratio,
        ingest.ratioGroup,
        ingest.rssIdleMb,
        ingest.rssLoadMb,
        ingest.dbKbPerSubmission,
      );
      expect(typeof ingest.targets.ratioMet).toBe('boolean');
      expect([ingest.raw.groupSize, ingest.rawGroup.groupSize]).toEqual([1, 5]);
      const sync = await syncBench({ assessments: 30, centerDir: ingest.dataDir! });
      expect(sync.kiosk.records).toBe(60);
      expect(sync.pouchdb.records).toBe(60);
      positive(
        sync.kiosk.seconds,
        sync.kiosk.requests,
        sync.kiosk.bytesUp,
        sync.kiosk.bytesDown,
        sync.pouchdb.seconds,
        sync.pouchdb.requests,
        sync.pouchdb.bytesUp,
        sync.pouchdb.bytesDown,
      );
      positive(sync.ratios.faster, sync.ratios.fewerBytes, sync.ratios.fewerRequests);
    } finally {
      // syncBench removes the center's folder; this covers a failure before it took it.
      if (ingest.dataDir && existsSync(ingest.dataDir)) rmSync(ingest.dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it(`hub ingest through applyPush on SQLite${pgUrl ? ' and PostgreSQL' : ' (PostgreSQL missing: skipped)'}`, async () => {
    pgRequired();
    const figures = await hubIngestBench(pgUrl, { records: 301 });
    expect(figures.map((f) => f.storage)).toEqual(pgUrl ? ['sqlite', 'postgres'] : ['sqlite']);
    for (const f of figures) {
      expect(f).toMatchObject({ records: 301, target: 301, complete: true });
      positive(f.batches, f.seconds, f.recordsPerSecond);
    }
  }, 120_000);

  it(`commune dashboard${pgUrl ? ' on both storages' : ' on SQLite'}`, async () => {
    pgRequired();
    const figures = await dashboardBench(pgUrl, { people: 200, runs: 2, rebuild: false });
    expect(figures.map((f) => f.storage)).toEqual(pgUrl ? ['sqlite', 'postgres'] : ['sqlite']);
    for (const f of figures) {
      expect(f).toMatchObject({ people: 200, assessments: 1000, runs: 2 });
      positive(f.medianMs, f.p95Ms, f.minMs, f.reportXlsxMs, f.reportA4Ms);
    }
  }, 120_000);

  it.skipIf(!hasChromium && !requireBrowser)(
    'tablet: first usable screen with a warm service worker, and catalog search',
    async () => {
      expect(hasChromium, `Chromium is required under CI (${chromiumPath})`).toBe(true);
      const tablet = await tabletBench({ warmRuns: 1 });
      expect(tablet.servedByServiceWorker).toBe(true);
      positive(tablet.coldMs, tablet.warmMedianMs);
      const search = await searchBench({ resources: 40, queries: 1 });
      expect(search.resources).toBe(40);
      positive(search.keystrokes, search.medianMs, search.firstLoadMs);
    },
    120_000,
  );
});

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boxBench } from '../../bench/box.ts';
import { lighthouseBench } from '../../bench/lighthouse.ts';
import { slowLinkBench } from '../../bench/slow-link.ts';
import { chromiumPath } from '../support/kiosk-process.ts';
import { requiredUnderCi } from '../support/postgres.ts';

/**
 * The benchmarks issue 27 added, at tiny sizes, so they cannot rot (bench-smoke.test.ts has the
 * others): the one-core box with photos, the sync over a lossy link beside PouchDB, Lighthouse on the
 * start page. No timing is asserted: the link here is quicker than a village's, only its losses and
 * delays are kept.
 */

const hasChromium = existsSync(chromiumPath);
const requireBrowser = requiredUnderCi || process.env.REQUIRE_BROWSER === '1';
const positive = (...xs: (number | null)[]) => {
  for (const x of xs) expect(x).toBeGreaterThan(0);
};

describe('the box, link and phone benchmarks at tiny sizes', () => {
  it('a one-core box: tablets register, draft, add a photo and submit', async () => {
    const box = await boxBench({ submissions: 10, tablets: 5, photoKb: 20 });
    expect(box).toMatchObject({ submissions: 10, tablets: 5, photoKb: 20 });
    expect(typeof box.pinned).toBe('boolean');
    positive(box.perSecond, box.p50Ms, box.p99Ms, box.rssIdleMb, box.rssPeakMb);
    expect(box.rssPeakMb!).toBeGreaterThanOrEqual(box.rssIdleMb! * 0.5);
  }, 120_000);

  it('sync through a lossy link, and PouchDB through the same', async () => {
    const link = { bitsPerSecond: 20_000_000, roundTripMs: 20, lossRate: 0.2, seed: 3 };
    const slow = await slowLinkBench({ villagers: 12, photos: 1, photoKb: 20, pouchBudgetSeconds: 30, link });
    expect(slow.link).toEqual(link);
    expect(slow.kiosk).toMatchObject({ records: 24, complete: true });
    // Counted at the hub: the villager, her assessment and her photo's record.
    expect(slow.photos).toMatchObject({ records: 3, photos: 1, complete: true });
    expect(slow.pouchdb).toMatchObject({ records: 24, complete: true });
    positive(slow.kiosk.seconds, slow.kiosk.requests, slow.kiosk.kbUp, slow.photos.kbUp, slow.pouchdb.requests);
    // The photo crossed the link: at least its bytes went up.
    expect(slow.photos.kbUp).toBeGreaterThanOrEqual(20);
    // Losses happened and were survived on both sides.
    expect(slow.kiosk.lost + slow.photos.lost + slow.pouchdb.lost).toBeGreaterThan(0);
  }, 180_000);

  it.skipIf(!hasChromium && !requireBrowser)(
    'Lighthouse on the start page, as a phone',
    async () => {
      expect(hasChromium, `Chromium is required under CI (${chromiumPath})`).toBe(true);
      const lh = await lighthouseBench({ runs: 1 });
      expect(lh.runs).toBe(1);
      for (const score of [lh.performance, lh.accessibility, lh.bestPractices]) {
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThanOrEqual(100);
      }
      positive(lh.fcpMs, lh.lcpMs, lh.speedIndexMs, lh.mainThreadCpuMs);
      // The page's own blocking time was read from the run's trace (bench/page-blocking.ts).
      expect(lh.ownCpuTbtMs).toBeGreaterThanOrEqual(0);
    },
    180_000,
  );
});

import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumPath, freePort, startKiosk } from '../tests/support/kiosk-process.ts';
import { quantile, round1, serverBundle } from './common.ts';
import { pageBlocking, type TraceEvent } from './page-blocking.ts';

/**
 * Lighthouse on the villager start page, as a cheap phone sees it: its default (mobile) settings,
 * which emulate a phone's screen, 4x slower CPU and a slow 4G link (simulated throttling), driving
 * Debian's Chromium. Performance, accessibility and best practices scores and the paint timings,
 * the median of `runs` runs.
 */

export const LIGHTHOUSE_TARGETS = { performance: 95, fcpMs: 1800, accessibility: 100, bestPractices: 100 };

export interface LighthouseFigures {
  runs: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  /**
   * The blocking time from the page's own main-thread CPU, not its tasks' wall time (page-blocking.ts):
   * what the phone's CPU alone would see, without the box and the rest of this machine beside it.
   */
  ownCpuTbtMs: number;
  /** The page's main-thread CPU after its first paint (unthrottled). */
  mainThreadCpuMs: number;
  speedIndexMs: number;
  each: { performance: number; fcpMs: number; lcpMs: number }[];
  targets: typeof LIGHTHOUSE_TARGETS & { met: boolean };
}

const median = (xs: number[]) => round1(quantile(xs, 0.5));

export async function lighthouseBench({ runs = 3 }: { runs?: number } = {}): Promise<LighthouseFigures> {
  await serverBundle();
  const kiosk = await startKiosk({
    web: true,
    bundled: true,
    env: { KIOSK_TLS: 'off', KIOSK_SYNC_INTERVAL_SECONDS: '3600' },
  });
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [`--remote-debugging-port=${port}`, '--no-sandbox'],
  });
  try {
    const each: {
      performance: number;
      accessibility: number;
      bestPractices: number;
      audits: Record<string, number>;
      own: ReturnType<typeof pageBlocking>;
    }[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await lighthouse(`${kiosk.url}/`, {
        port,
        logLevel: 'error',
        output: 'json',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      if (!result) throw new Error('Lighthouse gave no result');
      const { categories, audits } = result.lhr;
      const ms = (id: string) => Number(audits[id]?.numericValue ?? Number.NaN);
      each.push({
        performance: Math.round((categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
        bestPractices: Math.round((categories['best-practices']?.score ?? 0) * 100),
        audits: {
          fcp: ms('first-contentful-paint'),
          lcp: ms('largest-contentful-paint'),
          tbt: ms('total-blocking-time'),
          si: ms('speed-index'),
        },
        own: pageBlocking(result.artifacts.Trace.traceEvents as unknown as TraceEvent[]),
      });
    }
    const figures = {
      runs,
      performance: median(each.map((e) => e.performance)),
      accessibility: median(each.map((e) => e.accessibility)),
      bestPractices: median(each.map((e) => e.bestPractices)),
      fcpMs: median(each.map((e) => e.audits.fcp!)),
      lcpMs: median(each.map((e) => e.audits.lcp!)),
      tbtMs: median(each.map((e) => e.audits.tbt!)),
      ownCpuTbtMs: median(each.map((e) => e.own.cpuMs)),
      mainThreadCpuMs: median(each.map((e) => e.own.mainThreadCpuMs)),
      speedIndexMs: median(each.map((e) => e.audits.si!)),
      each: each.map((e) => ({
        performance: e.performance,
        fcpMs: round1(e.audits.fcp!),
        lcpMs: round1(e.audits.lcp!),
      })),
    };
    const t = LIGHTHOUSE_TARGETS;
    return {
      ...figures,
      targets: {
        ...t,
        met:
          figures.performance >= t.performance &&
          figures.fcpMs < t.fcpMs &&
          figures.accessibility >= t.accessibility &&
          figures.bestPractices >= t.bestPractices,
      },
    };
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}

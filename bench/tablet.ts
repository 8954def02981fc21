import { launchBrowser, startKiosk, tabletContext } from '../tests/support/kiosk-process.ts';
import { quantile, round1, serverBundle } from './common.ts';
import { ensureBuilt } from './weight.ts';

/**
 * The tablet opening the app: in Chromium with the CPU slowed fourfold (a low-end Android tablet),
 * the time from the start of a navigation to the first usable villager screen: the "Tôi là người
 * mới" button laid out, visible and enabled (the box's info loaded). Measured in the page on the
 * navigation's own clock (performance.now() from its time origin) by an observer installed before
 * any of the app's code runs. The cold load (nothing cached, service worker not yet installed) is
 * context; the figure is the warm one: the service worker installed and ready, its precache filled,
 * the app shell served from it, as every day after the first.
 */

export const THROTTLE = 4;

export interface TabletFigures {
  cpuThrottle: number;
  coldMs: number;
  warmRuns: number;
  warmMedianMs: number;
  warmMinMs: number;
  warmMaxMs: number;
  servedByServiceWorker: boolean;
}

/** Plain JavaScript for the page (the TypeScript loader would add helpers the page lacks). */
const observer = `(() => {
  const usable = () => {
    for (const b of document.querySelectorAll('button')) {
      if (!b.disabled && (b.textContent || '').includes('Tôi là người mới')) {
        const r = b.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden') return true;
      }
    }
    return false;
  };
  const seen = () => {
    if (window.__usableAt === undefined && usable()) { window.__usableAt = performance.now(); obs.disconnect(); }
  };
  const obs = new MutationObserver(seen);
  obs.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

export async function tabletBench({ warmRuns = 5 }: { warmRuns?: number } = {}): Promise<TabletFigures> {
  ensureBuilt();
  await serverBundle();
  const kiosk = await startKiosk({ bundled: true, env: { KIOSK_TLS: 'off' } });
  const browser = await launchBrowser();
  try {
    const context = await tabletContext(browser, { serviceWorker: true });
    await context.addInitScript(observer);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    const usableAt = async () => {
      await page.waitForFunction(
        () => (window as unknown as { __usableAt?: number }).__usableAt !== undefined,
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      return page.evaluate<number>('window.__usableAt');
    };
    await page.goto(kiosk.url);
    const coldMs = await usableAt();
    // The service worker installed, its precache filled and active, controlling the next navigation.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    const times: number[] = [];
    let servedByServiceWorker = true;
    for (let i = 0; i < warmRuns; i++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      await page.goto(kiosk.url);
      times.push(await usableAt());
      servedByServiceWorker &&= await page.evaluate<boolean>('navigator.serviceWorker.controller !== null');
    }
    await context.close();
    return {
      cpuThrottle: THROTTLE,
      coldMs: round1(coldMs),
      warmRuns,
      warmMedianMs: round1(quantile(times, 0.5)),
      warmMinMs: round1(Math.min(...times)),
      warmMaxMs: round1(Math.max(...times)),
      servedByServiceWorker,
    };
  } finally {
    await browser.close();
    await kiosk.stop();
  }
}

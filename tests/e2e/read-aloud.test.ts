import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasEspeak, renderPack, SYNTHESIZED_PACK } from '../../server/src/audio/render.ts';
import { villagerTexts } from '../../server/src/audio/texts.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import { people } from '../fixtures/people.ts';
import { kioskAndBrowser, tabletContext, waitForServiceWorker, watchErrors } from './kiosk.ts';
import { register } from './villager.ts';

/**
 * A tablet without a Vietnamese voice (Debian's Chromium has none) reads an indicator aloud with the
 * box's synthesized clips: the screen's two strings are played one after another through an audio
 * element, fetched from the box under their hash, and kept by the service worker so they play again
 * with the box switched off. A small pack (one indicator's words) is rendered with espeak-ng before
 * the box starts.
 */
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (!hasEspeak()) {
  console.error(
    '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! espeak-ng not found: the READ-ALOUD end-to-end test will NOT run.\n!! Install it with: apt-get install -y espeak-ng. Under CI this is a failure.\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n',
  );
  if (ci) throw new Error('espeak-ng is required for the read-aloud end-to-end test under CI but was not found');
}

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-audio-'));
const prefix = 'criteria.cdht-2023.CS01.cu-dan.';
beforeAll(async () => {
  if (!hasEspeak()) return;
  const config = loadConfig({ configDir: join(import.meta.dirname, '../../kiosk-config') });
  const welcome = [
    'welcome.heading',
    'welcome.newPerson',
    'welcome.newPersonHint',
    'welcome.hasCard',
    'welcome.hasCardHint',
  ];
  const entries = (await villagerTexts(config, 'vi')).filter(
    (e) => e.id === `${prefix}text` || e.id === `${prefix}explain` || welcome.includes(e.id),
  );
  expect(entries).toHaveLength(7);
  await renderPack({ dir: join(dataDir, 'audio', SYNTHESIZED_PACK), entries, rate: 200, format: 'wav' });
});
const box = kioskAndBrowser({ dataDir });

// Under CI nothing is skipped: a missing espeak-ng has already failed the file above.
describe.skipIf(!hasEspeak() && !ci)('read-aloud on a tablet without a Vietnamese voice', () => {
  it("plays the box's synthesized clips for an indicator, hides buttons no clip can say, and plays them again offline", async () => {
    const context = await tabletContext(box.browser, { serviceWorker: true });
    // Every clip the page starts, as the audio element is told to play it.
    await context.addInitScript(() => {
      const played: string[] = [];
      (window as unknown as { played: string[] }).played = played;
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        played.push(this.currentSrc || this.src);
        return play.call(this);
      };
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const clipRequests: string[] = [];
    page.on('requestfinished', (r) => {
      if (r.url().includes('/api/audio/packs/')) clipRequests.push(new URL(r.url()).pathname);
    });

    // The app opened once, so its service worker handles what follows.
    await page.goto(box.kiosk.url);
    await waitForServiceWorker(page);
    // The welcome prompt and its two choices are said by the box's clips, one after another.
    const welcomeListen = page.getByRole('button', { name: /^Nghe đọc: Chào mừng/ });
    await welcomeListen.waitFor();
    await welcomeListen.click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { played: string[] }).played.length), { timeout: 30_000 })
      .toBe(5);
    await page.evaluate(() => {
      (window as unknown as { played: string[] }).played.length = 0;
    });
    // The indicator's clips are counted from here on (the pack's index stays counted: it is read once).
    clipRequests.splice(0, clipRequests.length, ...clipRequests.filter((p) => !p.includes('/clips/')));
    await register(page, box.kiosk.url, people.baLan.name, '1954', people.baLan.village);
    // The precondition: this browser has no Vietnamese voice of its own.
    expect(
      await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('vi'))),
    ).toBe(false);
    await page.locator('button[data-group="cu-dan"]').click();
    await page.locator('section[data-indicator="CS01"]').waitFor();

    const listen = page.getByRole('button', { name: /Nghe đọc: Thường xuyên/ });
    await listen.waitFor();
    // The scores' prompt is a filled-in template and the evidence was not rendered: nothing can say them here.
    expect(await page.getByRole('button', { name: /Nghe các mức điểm/ }).count()).toBe(0);
    expect(await page.locator('.evidence-examples button.listen').count()).toBe(0);

    await listen.click();
    // The indicator's text, then its explanation: both fetched from the box and played, in order.
    await page.waitForFunction(() => (window as unknown as { played: string[] }).played.length >= 2, undefined, {
      timeout: 60_000,
    });
    const played = await page.evaluate(() => (window as unknown as { played: string[] }).played);
    expect(played.every((src) => src.startsWith('blob:'))).toBe(true);
    const clips = clipRequests.filter((p) => p.includes('/clips/'));
    expect(clips).toEqual([
      `/api/audio/packs/${SYNTHESIZED_PACK}/clips/${prefix}text.wav`,
      `/api/audio/packs/${SYNTHESIZED_PACK}/clips/${prefix}explain.wav`,
    ]);
    expect(clipRequests).toContain(`/api/audio/packs/${SYNTHESIZED_PACK}/index.json`);

    // The box switched off: the screen comes back from the tablet's session, the pack's index from
    // IndexedDB and the clips from the service worker's cache.
    await box.kiosk.halt();
    await page.reload();
    await page.locator('section[data-indicator="CS01"]').waitFor();
    await listen.click();
    await page.waitForFunction(() => (window as unknown as { played: string[] }).played.length >= 2, undefined, {
      timeout: 60_000,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasEspeak, hasOpusenc, isStale, renderPack, SYNTHESIZED_PACK } from '../../server/src/audio/render.ts';
import { renderAudioOnStart } from '../../server/src/audio/render-on-start.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import type { TextEntry } from '../../server/src/audio/texts.ts';
import { configDir, startHarness, type Harness } from './harness.ts';

/**
 * The box's synthesized Vietnamese clips, made with Debian's espeak-ng (and opusenc from opus-tools
 * when present). Without them these tests cannot run: under CI that is a failure, locally it is
 * said loudly and the tests are skipped.
 */
const ci = process.env.CI === 'true' || process.env.CI === '1';
const espeak = hasEspeak();
const opus = hasOpusenc();
for (const [ok, pkg, what] of [
  [espeak, 'espeak-ng', 'the SYNTHESIZED READ-ALOUD tests'],
  [opus, 'opus-tools', 'the OPUS compression test'],
] as const) {
  if (ok) continue;
  console.error(
    `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!! ${pkg} not found: ${what} will NOT run.\n!! Install it with: apt-get install -y ${pkg}. Under CI this is a failure.\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
  );
  if (ci) throw new Error(`${pkg} is required for ${what} under CI but was not found`);
}

/** A handful of real strings: two sentences, a short word, one with quotes, and a template that is never rendered. */
const entries: TextEntry[] = [
  { id: 'welcome.heading', text: 'Chào mừng đến với trung tâm học tập cộng đồng', fixed: true },
  { id: 'indicator.next', text: 'Tiếp theo', fixed: true },
  { id: 'criteria.cdht-2022.CS01.nhom-1.text', text: 'Thường xuyên đọc sách báo, nghe đài, xem ti vi.', fixed: true },
  { id: 'result.keepSlip', text: 'Giữ phiếu này. Lần sau chọn "Tôi đã có thẻ" và nhập mã này.', fixed: true },
  { id: 'indicator.progress', text: 'Chỉ số {n} / {total}', fixed: false },
];

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'audio-render-')), SYNTHESIZED_PACK);
});
afterEach(() => {
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

const fixedCount = entries.filter((e) => e.fixed).length;

// Under CI nothing is skipped: a missing tool has already failed the file above.
describe.skipIf(!espeak && !ci)('the box renders Vietnamese clips with espeak-ng', () => {
  it('renders every fixed string once, then only what changed, and drops clips of strings that are gone', async () => {
    expect(isStale(dir, entries, 130, 'wav')).toBe(true);
    const first = await renderPack({ dir, entries, rate: 130, format: 'wav' });
    expect(first).toMatchObject({ rendered: fixedCount, kept: 0, removed: 0, clips: fixedCount, format: 'wav' });
    const wav = readFileSync(join(dir, 'welcome.heading.wav'));
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
    // Real speech, not an empty file: a 46-letter sentence lasts well over a second at 22 kHz, 16 bit.
    expect(wav.length).toBeGreaterThan(44_100);
    expect(existsSync(join(dir, 'indicator.progress.wav'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'texts.json'), 'utf8'))).toEqual(
      Object.fromEntries(entries.filter((e) => e.fixed).map((e) => [e.id, e.text])),
    );
    expect(JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'))).toMatchObject({ lang: 'vi', kind: 'synthesized' });
    expect(isStale(dir, entries, 130, 'wav')).toBe(false);

    const again = await renderPack({ dir, entries, rate: 130, format: 'wav' });
    expect(again).toMatchObject({ rendered: 0, kept: fixedCount, removed: 0 });

    const changed = entries
      .filter((e) => e.id !== 'indicator.next')
      .map((e) => (e.id === 'welcome.heading' ? { ...e, text: 'Chào mừng bác đến với trung tâm' } : e));
    expect(isStale(dir, changed, 130, 'wav')).toBe(true);
    const third = await renderPack({ dir, entries: changed, rate: 130, format: 'wav' });
    expect(third).toMatchObject({ rendered: 1, kept: fixedCount - 2, removed: 1, clips: fixedCount - 1 });
    expect(existsSync(join(dir, 'indicator.next.wav'))).toBe(false);
    // Another speed is another voice: everything again.
    expect(isStale(dir, changed, 110, 'wav')).toBe(true);
  });

  it.skipIf(!opus && !ci)('compresses to Ogg Opus, many times smaller than WAV', async () => {
    const r = await renderPack({ dir, entries, rate: 130, format: 'opus' });
    expect(r).toMatchObject({ rendered: fixedCount, format: 'opus' });
    const clip = readFileSync(join(dir, 'criteria.cdht-2022.CS01.nhom-1.text.opus'));
    expect(clip.subarray(0, 4).toString('latin1')).toBe('OggS');
    const wavDir = join(dir, '..', 'wav');
    const w = await renderPack({ dir: wavDir, entries, rate: 130, format: 'wav' });
    expect(r.bytes * 5).toBeLessThan(w.bytes);
  });

  describe('served by the box', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    it('lists the rendered pack as synthesized Vietnamese and serves its clips', async () => {
      await renderPack({ dir: join(h.dir, 'audio', SYNTHESIZED_PACK), entries, rate: 130, format: 'wav' });
      const list = await h.json('GET', '/api/audio/packs');
      expect(list.body.packs).toEqual([
        expect.objectContaining({ id: SYNTHESIZED_PACK, lang: 'vi', kind: 'synthesized', clips: fixedCount }),
      ]);
      const index = await h.json('GET', `/api/audio/packs/${SYNTHESIZED_PACK}/index.json`);
      const clip = index.body.clips['indicator.next'];
      expect(clip).toMatchObject({ file: 'indicator.next.wav', text: 'Tiếp theo' });
      const res = await h.app.request(`/api/audio/packs/${SYNTHESIZED_PACK}/clips/${clip.file}?v=${clip.sha}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/wav');
    });
  });

  it('at start, a center renders its stale pack in the background, and leaves a fresh one alone', async () => {
    const config = loadConfig({ configDir, env: { KIOSK_AUDIO_RENDER_ON_START: 'on' } });
    const dataDir = join(dir, '..');
    const lines: string[] = [];
    const options = {
      config,
      dataDir,
      log: (l: string) => lines.push(l),
      texts: async () => entries,
      format: 'wav' as const,
    };
    await renderAudioOnStart(options, 0).done;
    expect(existsSync(join(dataDir, 'audio', SYNTHESIZED_PACK, 'welcome.heading.wav'))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^Đã tạo giọng đọc: ${fixedCount} đoạn mới`));
    lines.length = 0;
    await renderAudioOnStart(options, 0).done;
    expect(lines).toEqual([]);
  });

  it('renders nothing at start when audio.renderOnStart is off', async () => {
    const config = loadConfig({ configDir, env: { KIOSK_AUDIO_RENDER_ON_START: 'off' } });
    const started = renderAudioOnStart({ config, dataDir: join(dir, '..') }, 0);
    await started.done;
    expect(existsSync(join(dir, '..', 'audio'))).toBe(false);
  });
});

import { join } from 'node:path';
import type { KioskConfig } from '../config/load.ts';
import { hasEspeak, isStale, markRendering, renderPack, SYNTHESIZED_PACK } from './render.ts';
import { villagerTexts, type TextEntry } from './texts.ts';

/**
 * The screens a newcomer meets first, in the order she needs them: the consent boxes and what the
 * center keeps, then the welcome screen and its choices, then the rest of registration.
 */
const FIRST_SCREENS = [
  /^register\.consents\./,
  /^register\.notice\./,
  /^register\.consentHeading$/,
  /^welcome\./,
  /^prefs\./,
  /^handOver\./,
  /^register\./,
];
const firstRank = (id: string) => FIRST_SCREENS.findIndex((r) => r.test(id));

/** The first screens' fixed texts, most needed first (the first pass renders them at once). */
export function firstScreenTexts(entries: readonly TextEntry[]): TextEntry[] {
  return entries.filter((e) => e.fixed && firstRank(e.id) >= 0).sort((a, b) => firstRank(a.id) - firstRank(b.id));
}

/**
 * At start, a center box brings its synthesized Vietnamese pack up to date by itself when espeak-ng
 * is installed (audio.renderOnStart). The first screens' clips come first, at once, each published
 * as soon as it is made (a "Nghe đọc" button on the consent boxes within seconds of a fresh start);
 * the rest after a short pause, at the lowest CPU priority, one clip after another, so start and the
 * tablets' requests never wait for it. Only stale packs are rendered (new or changed texts, another
 * speed), so on most starts it does nothing.
 */
export function renderAudioOnStart(
  {
    config,
    dataDir,
    log = (line: string) => console.log(line),
    texts = () => villagerTexts(config, 'vi'),
    format = 'auto',
  }: {
    config: KioskConfig;
    dataDir: string;
    log?: (line: string) => void;
    /** The strings to say (all of them; a few in tests). */
    texts?: () => Promise<TextEntry[]>;
    format?: 'auto' | 'wav';
  },
  delayMs = 30_000,
): { done: Promise<void>; stop: () => void } {
  const s = config.settings;
  let timer: NodeJS.Timeout | null = null;
  if (s['audio.renderOnStart'] !== 'on' || s.role !== 'center') return { done: Promise.resolve(), stop: () => {} };
  const dir = join(dataDir, 'audio', SYNTHESIZED_PACK);
  // From now until the last clip: tablets are told to ask again within seconds.
  const unmark = markRendering(`${dir}#start`);
  // The first screens at once (not behind the pause): a tablet without a voice of its own needs them first.
  const first = (async () => {
    if (!hasEspeak()) return 0;
    const entries = firstScreenTexts(await texts());
    if (!isStale(dir, entries, s['audio.rate'], format, true)) return 0;
    return (await renderPack({ dir, entries, rate: s['audio.rate'], format, partial: true })).rendered;
  })().catch((e: unknown) => {
    log(`Không tạo được giọng đọc: ${(e as Error).message}`);
    return 0;
  });
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      void (async () => {
        const firstRendered = await first;
        if (!hasEspeak()) {
          log(
            'Chưa cài espeak-ng: máy tính bảng không có giọng đọc tiếng Việt sẽ không đọc được. Cài bằng: sudo apt-get install espeak-ng',
          );
          return;
        }
        const entries = await texts();
        if (!isStale(dir, entries, s['audio.rate'], format)) return;
        log('Đang tạo giọng đọc tiếng Việt cho máy tính bảng (chạy nền)…');
        const r = await renderPack({ dir, entries, rate: s['audio.rate'], background: true, format });
        log(
          `Đã tạo giọng đọc: ${firstRendered + r.rendered} đoạn mới, ${r.kept - firstRendered} giữ nguyên, ${r.removed} bỏ đi; ${r.clips} đoạn, ${(r.bytes / 1e6).toFixed(1)} MB (${r.format}).`,
        );
      })()
        .catch((e: unknown) => log(`Không tạo được giọng đọc: ${(e as Error).message}`))
        .finally(() => {
          unmark();
          resolve();
        });
    }, delayMs);
    timer.unref();
  });
  return {
    done,
    stop: () => {
      if (timer) clearTimeout(timer);
      unmark();
    },
  };
}

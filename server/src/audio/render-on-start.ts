import { join } from 'node:path';
import type { KioskConfig } from '../config/load.ts';
import { hasEspeak, isStale, renderPack, SYNTHESIZED_PACK } from './render.ts';
import { villagerTexts, type TextEntry } from './texts.ts';

/**
 * At start, a center box brings its synthesized Vietnamese pack up to date by itself when espeak-ng
 * is installed (audio.renderOnStart): after a short pause, at the lowest CPU priority, one clip
 * after another, so start and the tablets' requests never wait for it. Only stale packs are
 * rendered (new or changed texts, another speed), so on most starts it does nothing.
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
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      void (async () => {
        if (!hasEspeak()) {
          log(
            'Chưa cài espeak-ng: máy tính bảng không có giọng đọc tiếng Việt sẽ không đọc được. Cài bằng: sudo apt-get install espeak-ng',
          );
          return;
        }
        const dir = join(dataDir, 'audio', SYNTHESIZED_PACK);
        const entries = await texts();
        if (!isStale(dir, entries, s['audio.rate'], format)) return;
        log('Đang tạo giọng đọc tiếng Việt cho máy tính bảng (chạy nền)…');
        const r = await renderPack({ dir, entries, rate: s['audio.rate'], background: true, format });
        log(
          `Đã tạo giọng đọc: ${r.rendered} đoạn mới, ${r.kept} giữ nguyên, ${r.removed} bỏ đi; ${r.clips} đoạn, ${(r.bytes / 1e6).toFixed(1)} MB (${r.format}).`,
        );
      })()
        .catch((e: unknown) => log(`Không tạo được giọng đọc: ${(e as Error).message}`))
        .finally(resolve);
    }, delayMs);
    timer.unref();
  });
  return {
    done,
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { AudioPackManifest } from '../../../shared/schemas/audio-pack.ts';
import { listClips, MANIFEST_FILE, readManifest, readTexts, TEXTS_FILE } from './packs.ts';
import type { TextEntry } from './texts.ts';

/**
 * The box's own Vietnamese voice: every fixed string rendered with espeak-ng (Debian's offline
 * synthesizer) into a `synthesized` pack, played by tablets that have no Vietnamese voice. Clips are
 * Ogg Opus when opusenc (opus-tools) is installed, about a twentieth of the WAV size; WAV otherwise.
 * texts.json keeps the text of each clip, so a run renders only what changed; every file is written
 * beside its place and renamed in, so a tablet never gets half a clip.
 */

/** The installed pack the box renders into (under <data.dir>/audio/). */
export const SYNTHESIZED_PACK = 'vi-espeak';

export const espeakPath = process.env.ESPEAK_NG_PATH ?? 'espeak-ng';
const opusencPath = process.env.OPUSENC_PATH ?? 'opusenc';

const runs = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
export const hasEspeak = (): boolean => runs(espeakPath);
export const hasOpusenc = (): boolean => runs(opusencPath);

export interface RenderOptions {
  /** The pack folder, e.g. <data.dir>/audio/vi-espeak. */
  dir: string;
  /** The strings to say (non-fixed ones are skipped). */
  entries: readonly TextEntry[];
  /** espeak-ng's speed in words per minute (its default is 175; slower suits elderly listeners). */
  rate: number;
  /** 'auto': Opus when opusenc is installed, else WAV. */
  format?: 'auto' | 'opus' | 'wav';
  /** Lowest CPU priority for the synthesizer: the box keeps answering tablets while it renders. */
  background?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * A first pass over a few texts (the first screens): the pack's other clips stay, and each clip is
   * published as soon as it is made (texts.json and the manifest written), so tablets can play it
   * while the rest is still to come.
   */
  partial?: boolean;
}

/** Renders running or about to run: the pack list tells tablets to ask again soon (audio.routes.ts). */
const rendering = new Set<string>();
export const isRendering = (): boolean => rendering.size > 0;
/** Marks a render as coming (the start's rendering, from its first moment to its end); returns the unmark. */
export function markRendering(key: string): () => void {
  rendering.add(key);
  return () => rendering.delete(key);
}

export interface RenderResult {
  rendered: number;
  kept: number;
  removed: number;
  clips: number;
  bytes: number;
  format: 'opus' | 'wav';
}

function manifestFor(rate: number, format: 'opus' | 'wav'): AudioPackManifest {
  return {
    lang: 'vi',
    kind: 'synthesized',
    name: 'Giọng đọc tổng hợp tiếng Việt (máy của trung tâm)',
    description:
      'Made on the box with espeak-ng for tablets without a Vietnamese voice; remade by itself when the texts change.',
    voice: `espeak-ng vi, ${rate} words/min, ${format}`,
  };
}

const clipFile = (id: string, format: 'opus' | 'wav') => `${id}.${format}`;

function chooseFormat(format: RenderOptions['format']): 'opus' | 'wav' {
  if (format === 'opus' || format === 'wav') return format;
  return hasOpusenc() ? 'opus' : 'wav';
}

/**
 * Whether the pack lacks a clip, holds one too many, or says an old text or voice: then it is
 * rendered again. `partial`: only whether these entries' clips are missing or old (others may be there).
 */
export function isStale(
  dir: string,
  entries: readonly TextEntry[],
  rate: number,
  format: RenderOptions['format'] = 'auto',
  partial = false,
): boolean {
  if (!existsSync(join(dir, MANIFEST_FILE))) return true;
  const fmt = chooseFormat(format);
  try {
    if (readManifest(dir, '').voice !== manifestFor(rate, fmt).voice) return true;
    const texts = readTexts(dir, '');
    const files = new Set(listClips(dir).map((c) => c.file));
    const fixed = entries.filter((e) => e.fixed);
    return (
      (!partial && files.size !== fixed.length) ||
      fixed.some((e) => texts[e.id] !== e.text || !files.has(clipFile(e.id, fmt)))
    );
  } catch {
    return true;
  }
}

/** Runs a program, feeding `input` on stdin; rejects with its stderr when it fails. */
function run(cmd: string, args: string[], input: string | null, background: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input === null ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    if (background && child.pid) {
      try {
        setPriority(child.pid, 19);
      } catch {
        /* not permitted: it still runs */
      }
    }
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`)),
    );
    if (input !== null) child.stdin!.end(input);
  });
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** One process renders a pack at a time (the box in the background, or an admin's command). */
function lock(dir: string): () => void {
  const path = join(dir, '.render.lock');
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid > 0;
    } catch {
      alive = false;
    }
    if (alive && pid !== process.pid) throw new Error(`another render (process ${pid}) is writing ${dir}`);
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}

/** Renders what changed into the pack folder; throws `audio.synthesizer-missing` without espeak-ng. */
export async function renderPack(options: RenderOptions): Promise<RenderResult> {
  const { dir, rate, background = false } = options;
  if (!hasEspeak()) throw new AppError('audio.synthesizer-missing');
  const format = chooseFormat(options.format);
  mkdirSync(dir, { recursive: true });
  const unlock = lock(dir);
  rendering.add(dir);
  try {
    const manifest = manifestFor(rate, format);
    let sameVoice = false;
    try {
      sameVoice = readManifest(dir, '').voice === manifest.voice;
    } catch {
      sameVoice = false;
    }
    const old = sameVoice ? readTexts(dir, '') : {};
    const partial = options.partial === true;
    // A partial pass keeps what the pack already says; it publishes under the manifest from its first clip.
    const texts: Record<string, string> = partial
      ? Object.fromEntries(Object.entries(old).filter(([id]) => existsSync(join(dir, clipFile(id, format)))))
      : {};
    if (partial && !sameVoice)
      writeJson(join(dir, MANIFEST_FILE), { ...manifest, createdAt: new Date().toISOString() });
    const fixed = options.entries.filter((e) => e.fixed);
    const wanted = new Set(fixed.map((e) => clipFile(e.id, format)));
    let rendered = 0;
    let kept = 0;
    for (const [i, e] of fixed.entries()) {
      const file = join(dir, clipFile(e.id, format));
      if (old[e.id] === e.text && existsSync(file)) {
        kept++;
      } else {
        const wav = join(dir, `.${e.id}.tmp.wav`);
        await run(espeakPath, ['-v', 'vi', '-s', String(rate), '--stdin', '-w', wav], e.text, background);
        if (format === 'opus') {
          // Speech at 24 kbit/s mono: clear on a tablet speaker, a few KB a sentence.
          await run(
            opusencPath,
            ['--quiet', '--bitrate', '24', '--downmix-mono', wav, `${file}.tmp`],
            null,
            background,
          );
          rmSync(wav);
          renameSync(`${file}.tmp`, file);
        } else {
          renameSync(wav, file);
        }
        rendered++;
      }
      texts[e.id] = e.text;
      if (partial) writeJson(join(dir, TEXTS_FILE), texts);
      // Progress survives an interruption (a power cut mid-render re-renders only the rest).
      if (rendered > 0 && rendered % 50 === 0) writeJson(join(dir, TEXTS_FILE), { ...old, ...texts });
      options.onProgress?.(i + 1, fixed.length);
    }
    let removed = 0;
    for (const c of partial ? [] : listClips(dir)) {
      if (!wanted.has(c.file)) {
        rmSync(join(dir, c.file));
        removed++;
      }
    }
    writeJson(join(dir, TEXTS_FILE), texts);
    // Written only on a change: the pack's version (and the tablets' copy of its index) stays put otherwise.
    if (rendered + removed > 0 || !sameVoice)
      writeJson(join(dir, MANIFEST_FILE), { ...manifest, createdAt: new Date().toISOString() });
    const clips = listClips(dir);
    const bytes = clips.reduce((n, c) => n + statSync(join(dir, c.file)).size, 0);
    return { rendered, kept, removed, clips: clips.length, bytes, format };
  } finally {
    rendering.delete(dir);
    unlock();
  }
}

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import {
  AudioPackManifestSchema,
  AudioPackTextsSchema,
  clipExtensions,
  normalizeSpoken,
  PackIdSchema,
  TextIdSchema,
  type AudioPackIndex,
  type AudioPackManifest,
  type AudioPackSummary,
  type AudioPackTexts,
  type ClipExtension,
} from '../../../shared/schemas/audio-pack.ts';

/**
 * Language packs on disk: shipped ones in kiosk-config/audio/<pack>/ and installed ones in
 * <data.dir>/audio/<pack>/ (an installed pack replaces a shipped one of the same name). A pack is
 * read from its folder on each request, so copying clips in (or the renderer refreshing them) needs
 * no restart; a clip's SHA-256 is remembered by path, size and mtime, so a listing re-hashes only
 * what changed.
 */

export const MANIFEST_FILE = 'pack.json';
export const TEXTS_FILE = 'texts.json';

/** The folders packs are looked for in, lowest priority first. */
export function packRoots(configDir: string, dataDir: string): string[] {
  return [join(configDir, 'audio'), join(dataDir, 'audio')];
}

/** A clip file found in a pack folder. */
export interface ClipFile {
  id: string;
  file: string;
  ext: ClipExtension;
}

const clipName = new RegExp(`^([A-Za-z0-9][A-Za-z0-9._-]*)\\.(${clipExtensions.join('|')})$`);

/** Splits `<id>.<ext>`; null for anything that is not a clip (pack.json, README, a temp file). */
export function parseClipName(file: string): ClipFile | null {
  const m = clipName.exec(file);
  return m ? { id: m[1]!, file, ext: m[2] as ClipExtension } : null;
}

export function listClips(dir: string): ClipFile[] {
  return readdirSync(dir)
    .map(parseClipName)
    .filter((c): c is ClipFile => c !== null)
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** pack.json, validated; throws `audio.pack-invalid` naming the problem. */
export function readManifest(dir: string, pack: string): AudioPackManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new AppError('audio.pack-invalid', { pack, problem: `${MANIFEST_FILE} is missing` });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError('audio.pack-invalid', {
      pack,
      problem: `${MANIFEST_FILE} is not JSON (${(e as Error).message})`,
    });
  }
  const r = v.safeParse(AudioPackManifestSchema, raw);
  if (!r.success)
    throw new AppError('audio.pack-invalid', {
      pack,
      problem: `${MANIFEST_FILE}: ${r.issues.map((i) => `${v.getDotPath(i) ?? ''} ${i.message}`.trim()).join('; ')}`,
    });
  return r.output;
}

/** texts.json when present ({} without it); throws `audio.pack-invalid` when it is malformed. */
export function readTexts(dir: string, pack: string): AudioPackTexts {
  const path = join(dir, TEXTS_FILE);
  if (!existsSync(path)) return {};
  try {
    return v.parse(AudioPackTextsSchema, JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new AppError('audio.pack-invalid', {
      pack,
      problem: `${TEXTS_FILE} is not an object of id → text (${(e as Error).message})`,
    });
  }
}

const shaMemo = new Map<string, { size: number; mtimeMs: number; sha: string }>();

/**
 * SHA-256 of a file, recomputed only when its size or mtime changed; read without blocking, so the
 * first listing after start (every clip hashed once) never holds up other requests.
 */
export async function fileSha(path: string): Promise<string> {
  const st = statSync(path);
  const known = shaMemo.get(path);
  if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.sha;
  const sha = createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
  shaMemo.set(path, { size: st.size, mtimeMs: st.mtimeMs, sha });
  return sha;
}

/** The folder of each valid-looking pack, installed ones over shipped ones. */
export function findPacks(roots: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const root of roots) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      const dir = join(root, name);
      if (v.is(PackIdSchema, name) && statSync(dir).isDirectory() && existsSync(join(dir, MANIFEST_FILE)))
        found.set(name, dir);
    }
  }
  return found;
}

/**
 * The index of one pack: every clip with the text it says (texts.json, else the current catalog's
 * text for its id: a pack without texts.json is trusted to match) and its SHA-256.
 */
export async function packIndex(
  pack: string,
  dir: string,
  catalogText: (id: string) => string | undefined,
): Promise<AudioPackIndex> {
  const manifest = readManifest(dir, pack);
  const texts = readTexts(dir, pack);
  const clips: AudioPackIndex['clips'] = {};
  for (const c of listClips(dir)) {
    const text = texts[c.id] ?? catalogText(c.id);
    // Two files for one id: the first by name is served (the checker reports the other).
    if (text === undefined || clips[c.id] || !v.is(TextIdSchema, c.id)) continue;
    clips[c.id] = { file: c.file, text: normalizeSpoken(text), sha: await fileSha(join(dir, c.file)) };
  }
  const version = createHash('sha256')
    .update(JSON.stringify([manifest, Object.entries(clips).map(([id, c]) => [id, c.sha, c.text])]))
    .digest('hex')
    .slice(0, 16);
  const summary: AudioPackSummary = {
    id: pack,
    lang: manifest.lang,
    name: manifest.name,
    kind: manifest.kind,
    clips: Object.keys(clips).length,
    version,
  };
  return { pack: summary, clips };
}

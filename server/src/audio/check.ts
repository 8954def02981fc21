import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { normalizeSpoken, type AudioPackManifest } from '../../../shared/schemas/audio-pack.ts';
import { listClips, readManifest, readTexts } from './packs.ts';
import type { TextEntry } from './texts.ts';

/**
 * What a volunteer's pack lacks or has too much of, against the strings of its language: clips to
 * record, clips for ids that do not exist (or for templates, which a clip cannot fill), clips whose
 * recorded text is no longer the catalog's, and files that cannot be told apart.
 */
export interface PackReport {
  pack: string;
  manifest: AudioPackManifest | null;
  /** pack.json or texts.json unreadable or invalid. */
  invalid: string[];
  /** Fixed strings with no clip. */
  missing: TextEntry[];
  /** Clips whose id is no string of the language. */
  extra: string[];
  /** Clips for templates (`{placeholders}`): the filled value cannot be in the recording. */
  templates: string[];
  /** Clips recorded from a text that has changed since: { id, recorded, now }. */
  stale: { id: string; recorded: string; now: string }[];
  /** Ids with more than one file (welcome.heading.ogg and welcome.heading.mp3). */
  duplicates: string[];
  /** Clips without an entry in texts.json: their wording cannot be checked. */
  unverified: string[];
  /** Clip files and their bytes, for the pack's size. */
  clips: number;
  bytes: number;
}

/** Problems that make `npm run audio -- check` fail (unverified clips only warn). */
export function hasProblems(r: PackReport): boolean {
  return (
    r.invalid.length + r.missing.length + r.extra.length + r.templates.length + r.stale.length + r.duplicates.length > 0
  );
}

/**
 * Checks a pack folder against the strings of its language (`textsFor(manifest.lang)`, from
 * villagerTexts). A pack whose pack.json is bad is still checked for its clips when the language
 * is given by `fallbackLang`.
 */
export async function checkPack(
  dir: string,
  textsFor: (lang: string) => Promise<TextEntry[]>,
  fallbackLang = 'vi',
): Promise<PackReport> {
  const pack = basename(dir);
  const report: PackReport = {
    pack,
    manifest: null,
    invalid: [],
    missing: [],
    extra: [],
    templates: [],
    stale: [],
    duplicates: [],
    unverified: [],
    clips: 0,
    bytes: 0,
  };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    report.invalid.push(`${dir} is not a folder`);
    return report;
  }
  const attempt = <T>(read: () => T, otherwise: T): T => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      report.invalid.push(String(e.details?.problem ?? e.message));
      return otherwise;
    }
  };
  report.manifest = attempt(() => readManifest(dir, pack), null);
  const texts = attempt(() => readTexts(dir, pack), {});
  const expected = new Map((await textsFor(report.manifest?.lang ?? fallbackLang)).map((e) => [e.id, e]));

  const seen = new Set<string>();
  for (const clip of listClips(dir)) {
    report.clips++;
    report.bytes += statSync(join(dir, clip.file)).size;
    if (seen.has(clip.id)) {
      if (!report.duplicates.includes(clip.id)) report.duplicates.push(clip.id);
      continue;
    }
    seen.add(clip.id);
    const entry = expected.get(clip.id);
    if (!entry) report.extra.push(clip.id);
    else if (!entry.fixed) report.templates.push(clip.id);
    else if (texts[clip.id] === undefined) report.unverified.push(clip.id);
    else if (normalizeSpoken(texts[clip.id]!) !== entry.text)
      report.stale.push({ id: clip.id, recorded: normalizeSpoken(texts[clip.id]!), now: entry.text });
  }
  report.missing = [...expected.values()].filter((e) => e.fixed && !seen.has(e.id));
  return report;
}

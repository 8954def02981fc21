import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors.ts';
import { clipTypes, PackIdSchema, type AudioPackIndex } from '../../../shared/schemas/audio-pack.ts';
import type { KioskConfig } from '../config/load.ts';
import type { AppEnv } from '../http/context.ts';
import {
  fileSha,
  findPacks,
  listClips,
  packIndex,
  packRoots,
  parseClipName,
  readManifest,
  readTexts,
} from './packs.ts';
import { isRendering } from './render.ts';
import { villagerTexts } from './texts.ts';

/**
 * Read-aloud packs for the tablets: the list, one pack's index, and its clips. A clip's URL carries
 * its SHA-256 (`?v=`), so it is cached for good; a URL whose hash is no longer the clip's is refused
 * rather than answered with different audio under a cached name.
 */

const textsByLang = new WeakMap<KioskConfig, Map<string, Promise<Map<string, string>>>>();

/** The current catalog text of each id in a language (for clips of a pack without texts.json). */
function catalogTexts(config: KioskConfig, lang: string): Promise<Map<string, string>> {
  let byLang = textsByLang.get(config);
  if (!byLang) textsByLang.set(config, (byLang = new Map()));
  let texts = byLang.get(lang);
  if (!texts)
    byLang.set(lang, (texts = villagerTexts(config, lang).then((all) => new Map(all.map((e) => [e.id, e.text])))));
  return texts;
}

/** The data folder holds the evidence folder (server/src/main.ts, the test harness). */
const rootsOf = (c: { var: AppEnv['Variables'] }) =>
  packRoots(c.var.deps.config.configDir, dirname(c.var.deps.evidenceDir));

async function indexOf(c: { var: AppEnv['Variables'] }, pack: string, dir: string): Promise<AudioPackIndex> {
  const texts = await catalogTexts(c.var.deps.config, readManifest(dir, pack).lang);
  return packIndex(pack, dir, (id) => texts.get(id));
}

function packDir(c: { var: AppEnv['Variables'] }, pack: string): string {
  if (!v.is(PackIdSchema, pack)) throw new AppError('audio.path-invalid');
  const dir = findPacks(rootsOf(c)).get(pack);
  if (!dir) throw new AppError('audio.pack-unknown', { pack });
  return dir;
}

export const audioRoutes = new Hono<AppEnv>()
  .get('/audio/packs', async (c) => {
    const packs = [];
    for (const [pack, dir] of findPacks(rootsOf(c))) {
      // A broken pack is left out of the list (the checker names its problem), never the whole list.
      try {
        packs.push((await indexOf(c, pack, dir)).pack);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    // While the box renders clips, tablets ask again within seconds rather than minutes.
    return c.json(isRendering() ? { packs, rendering: true } : { packs });
  })
  .get('/audio/packs/:pack/index.json', async (c) => {
    const pack = c.req.param('pack');
    return c.json(await indexOf(c, pack, packDir(c, pack)));
  })
  .get('/audio/packs/:pack/clips/:file', async (c, next) => {
    const pack = c.req.param('pack');
    const dir = packDir(c, pack);
    const clip = parseClipName(c.req.param('file'));
    if (!clip) throw new AppError('audio.path-invalid');
    // The clip the index lists for this id (a pack's index is read from the folder, not all of it here).
    const texts = await catalogTexts(c.var.deps.config, readManifest(dir, pack).lang);
    const text = readTexts(dir, pack)[clip.id] ?? texts.get(clip.id);
    const listed = listClips(dir).find((x) => x.id === clip.id);
    if (text === undefined || listed?.file !== clip.file)
      throw new AppError('audio.clip-not-found', { file: clip.file });
    // The file as it is now, so audio copied over a clip is never kept under the old clip's hash.
    const wanted = c.req.query('v');
    if (wanted !== undefined && wanted !== (await fileSha(join(dir, clip.file))))
      throw new AppError('audio.clip-not-found', { file: clip.file });
    const res = await serveStatic({
      path: join(dir, clip.file),
      onNotFound: () => {
        throw new AppError('audio.clip-not-found', { file: clip.file });
      },
    })(c, next);
    res?.headers.set('Content-Type', clipTypes[clip.ext]);
    res?.headers.set('Cache-Control', wanted ? 'public, max-age=31536000, immutable' : 'no-cache');
    return res;
  });

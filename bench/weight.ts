import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { kb } from './common.ts';

/**
 * What the tablet downloads: the JavaScript and CSS of the first villager screen (index.html's
 * scripts, styles and module preloads, and every chunk the entry chunk imports statically, which
 * vite writes as `import … from "./x.js"` at the top of a chunk), gzip (level 9) and brotli
 * (quality 11) as the box could serve them; the service worker's whole precache; the largest chunks.
 */

export const FIRST_SCREEN_TARGET_KB = 60;

export interface WeightFigures {
  firstScreen: {
    files: string[];
    rawKb: number;
    gzipKb: number;
    brotliKb: number;
    jsGzipKb: number;
    cssGzipKb: number;
    targetGzipKb: number;
    met: boolean;
  };
  precache: { entries: number; rawKb: number; gzipKb: number };
  largestChunks: { file: string; rawKb: number; gzipKb: number; brotliKb: number }[];
}

const root = resolve(import.meta.dirname, '..');

/** Builds the PWA if dist/web is missing (a fresh clone), as the search benchmark does. */
export function ensureBuilt(dist = join(root, 'dist/web')): void {
  if (!existsSync(join(dist, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
}

const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const br = (b: Buffer) =>
  brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }).length;

/** Relative paths (from dist) of the static imports at the top of a chunk. */
function staticImports(dist: string, file: string): string[] {
  const code = readFileSync(join(dist, file), 'utf8');
  const out: string[] = [];
  // `import{a as b}from"./x.js";`, `import"./x.js";`, `export{…}from"./x.js"`; never `import("./x.js")`.
  for (const m of code.matchAll(
    /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    out.push(posix.normalize(posix.join(posix.dirname(file), m[1]!)));
  }
  return out;
}

export function firstScreenFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.(?:js|css))"[^>]*>/g)) {
    const tag = m[0];
    // Icons and the manifest are not code; a stylesheet, a module script or a module preload is.
    if (tag.startsWith('<link') && !/rel="(?:stylesheet|modulepreload)"/.test(tag)) continue;
    queue.push(m[1]!);
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(join(dist, file))) continue;
    seen.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(dist, file));
  }
  return [...seen];
}

/** The URLs in the service worker's precache manifest (`precacheAndRoute([{url:"…",revision:…},…])`). */
export function precacheEntries(dist: string): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...sw.matchAll(/\{\s*"?url"?\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile());
}

export function weightBench(dist = join(root, 'dist/web')): WeightFigures {
  ensureBuilt(dist);
  const files = firstScreenFiles(dist);
  if (!files.some((f) => f.endsWith('.js')))
    throw new Error('no script found for the first screen in dist/web/index.html');
  let raw = 0,
    gzipBytes = 0,
    brotliBytes = 0,
    jsGzip = 0,
    cssGzip = 0;
  for (const f of files) {
    const b = readFileSync(join(dist, f));
    const g = gz(b);
    raw += b.length;
    gzipBytes += g;
    brotliBytes += br(b);
    if (f.endsWith('.css')) cssGzip += g;
    else jsGzip += g;
  }
  const entries = precacheEntries(dist);
  let preRaw = 0,
    preGzip = 0;
  for (const url of entries) {
    const path = join(dist, url.replace(/^\//, ''));
    if (!existsSync(path)) continue;
    const b = readFileSync(path);
    preRaw += b.length;
    preGzip += gz(b);
  }
  const chunks = allFiles(dist)
    .filter((f) => /\.(?:js|css)$/.test(f))
    .map((f) => ({ f, size: statSync(join(dist, f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 5)
    .map(({ f }) => {
      const b = readFileSync(join(dist, f));
      return { file: relative('.', f), rawKb: kb(b.length), gzipKb: kb(gz(b)), brotliKb: kb(br(b)) };
    });
  return {
    firstScreen: {
      files,
      rawKb: kb(raw),
      gzipKb: kb(gzipBytes),
      brotliKb: kb(brotliBytes),
      jsGzipKb: kb(jsGzip),
      cssGzipKb: kb(cssGzip),
      targetGzipKb: FIRST_SCREEN_TARGET_KB,
      met: gzipBytes <= FIRST_SCREEN_TARGET_KB * 1024,
    },
    precache: { entries: entries.length, rawKb: kb(preRaw), gzipKb: kb(preGzip) },
    largestChunks: chunks,
  };
}

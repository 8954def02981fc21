import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * The built PWA compressed once, at build time: a `.br` (brotli, best) and a `.gz` (gzip, level 9)
 * beside each text file, which the box serves to a browser that accepts them (server/src/app.ts,
 * serveStatic's `precompressed`). A tablet on the center's Wi-Fi, or a phone on a slow link, then
 * downloads the first screen at about a third of its size, and the box compresses nothing while it
 * serves (one Pi-class core). Files too small to gain, or that do not shrink, keep only their plain form.
 */

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|map)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Precompressed {
  files: number;
  rawBytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

async function textFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await textFiles(path)));
    else if (e.isFile() && COMPRESSIBLE.test(e.name)) out.push(path);
  }
  return out;
}

export async function precompress(dir: string): Promise<Precompressed> {
  const total: Precompressed = { files: 0, rawBytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const path of await textFiles(dir)) {
    if ((await stat(path)).size < MIN_BYTES) continue;
    const raw = await readFile(path);
    const [br, gzipped] = await Promise.all([
      brotli(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        },
      }),
      gz(raw, { level: 9 }),
    ]);
    // Worth a second file only when it saves a tenth or more.
    if (br.length > raw.length * 0.9) continue;
    await writeFile(`${path}.br`, br);
    if (gzipped.length <= raw.length * 0.9) await writeFile(`${path}.gz`, gzipped);
    total.files += 1;
    total.rawBytes += raw.length;
    total.brotliBytes += br.length;
    total.gzipBytes += gzipped.length;
  }
  return total;
}

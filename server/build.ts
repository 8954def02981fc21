import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { precompress } from './precompress.ts';

/**
 * The production server: server/src/main.ts and everything it imports from this repository, as one
 * plain JavaScript file (dist/server/main.js) that `node` runs without the TypeScript loader. The
 * loader and its transform cache cost about 55 MB of memory on a box that has 1–4 GB; the bundle
 * also starts faster. Packages from node_modules stay outside the bundle (better-sqlite3 and pg are
 * native or load optional native parts; the rest are resolved by node as usual), so the bundle is
 * run from the repository folder with its node_modules, as `npm start` does.
 *
 * The box's command-line tools (server/src/cli/<tool>.ts: migrate, backup, restore, doctor, staff,
 * audio) are bundled the same way, one file each in dist/server/cli/<tool>.js, so that an installed
 * box, which keeps production dependencies only, runs them without tsx (kiosk-config/install/cli.sh).
 */

const root = resolve(import.meta.dirname, '..');

/**
 * Left to node_modules: native (better-sqlite3, pg's optional pg-native), or loaded only when needed
 * (dynamic import) and too large to keep in memory all the time: exceljs (a sheet is made), undici (a
 * pinned hub is called), @peculiar/x509 and reflect-metadata (a certificate is made), qrcode (a QR code
 * is drawn). tests/build/lazy-modules.test.ts checks that the started server has not loaded them.
 */
const EXTERNAL = ['better-sqlite3', 'pg', 'exceljs', 'undici', '@peculiar/x509', 'reflect-metadata', 'qrcode'];
export const serverBundle = resolve(root, 'dist/server/main.js');
export const cliBundles = resolve(root, 'dist/server/cli');
const cliSources = resolve(root, 'server/src/cli');
/** Modules of server/src/cli/ that the tools share, not tools themselves. */
const CLI_SHARED = new Set(['cli-config.ts']);

/**
 * Modules find files beside them through `import.meta.url` (the repository root, the web catalog):
 * inside the bundle that URL is the bundle's own, so each module's is replaced by the URL of its
 * source file, worked out from the bundle's place at run time (the repository may move).
 */
const sourceUrls = (outdir: string): Plugin => ({
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
});

/** The tools' source files: every server/src/cli/*.ts but the shared modules and tests. */
export async function cliTools(): Promise<string[]> {
  const names = await readdir(cliSources);
  return names.filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !CLI_SHARED.has(n)).sort();
}

/** Bundles the entry points into outdir (each into `<outdir>/<name>.js`). */
async function bundle(entryPoints: string[], outdir: string): Promise<void> {
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: [...EXTERNAL],
    // CommonJS packages inside an ES module bundle still call require() for node's own modules.
    banner: {
      js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sourceUrls(outdir)],
  });
}

/** The server bundle, dist/server/main.js; answers its path. */
export async function buildServer(): Promise<string> {
  await bundle([resolve(root, 'server/src/main.ts')], dirname(serverBundle));
  return serverBundle;
}

/** The tools' bundles, dist/server/cli/<tool>.js; answers their paths. */
export async function buildCli(): Promise<string[]> {
  const tools = await cliTools();
  await bundle(
    tools.map((n) => join(cliSources, n)),
    cliBundles,
  );
  return tools.map((n) => join(cliBundles, `${basename(n, '.ts')}.js`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, web] = await Promise.all([
    Promise.all([buildServer(), buildCli()]).then((x) => x.flat()),
    // The PWA vite has just built, compressed once for the box to serve (server/precompress.ts).
    precompress(resolve(root, 'dist/web')),
  ]);
  console.log(`server bundles: ${out.map((o) => relative(root, o)).join(', ')}`);
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `web precompressed: ${web.files} files, ${kb(web.rawBytes)} KB → brotli ${kb(web.brotliBytes)} KB, gzip ${kb(web.gzipBytes)} KB`,
  );
}

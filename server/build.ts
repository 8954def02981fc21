import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * The production server: server/src/main.ts and everything it imports from this repository, as one
 * plain JavaScript file (dist/server/main.js) that `node` runs without the TypeScript loader. The
 * loader and its transform cache cost about 55 MB of memory on a box that has 1–4 GB; the bundle
 * also starts faster. Packages from node_modules stay outside the bundle (better-sqlite3 and pg are
 * native or load optional native parts; the rest are resolved by node as usual), so the bundle is
 * run from the repository folder with its node_modules, as `npm start` does.
 */

const root = resolve(import.meta.dirname, '..');

/** Left to node_modules: native (better-sqlite3, pg's optional pg-native) or too large to parse on every start (exceljs, loaded when a sheet is made). */
const EXTERNAL = ['better-sqlite3', 'pg', 'exceljs'];
export const serverBundle = resolve(root, 'dist/server/main.js');

/**
 * Modules find files beside them through `import.meta.url` (the repository root, the web catalog):
 * inside the bundle that URL is the bundle's own, so each module's is replaced by the URL of its
 * source file, worked out from the bundle's place at run time (the repository may move).
 */
const sourceUrls: Plugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(serverBundle), args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

export async function buildServer(): Promise<string> {
  await build({
    entryPoints: [resolve(root, 'server/src/main.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...EXTERNAL],
    // CommonJS packages inside an ES module bundle still call require() for node's own modules.
    banner: { js: "import { createRequire as __kioskRequire } from 'node:module'; const require = __kioskRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [sourceUrls],
  });
  return serverBundle;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await buildServer();
  console.log(`server bundle: ${relative(root, out)}`);
}

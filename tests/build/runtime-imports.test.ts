import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTools } from '../../server/build.ts';

/**
 * What the box runs (dist/server/main.js and the tools' dist/server/cli/<tool>.js, built by `npm run build`)
 * imports from node_modules only production dependencies: the installer prunes every development one
 * (kiosk-config/install/install.sh). Everything else is inside the bundles.
 */

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const production = new Set(Object.keys(pkg.dependencies));
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The package a specifier names: `@scope/name` or `name`, without a sub-path. */
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** Every module a bundle's text loads at run time: static and dynamic imports, require() calls (CommonJS inside). */
function importsOf(text: string): string[] {
  const patterns = [
    /^import\s[^;]*?\bfrom\s*"([^"]+)"/gm,
    /^import\s*"([^"]+)"/gm,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\brequire\(\s*"([^"]+)"\s*\)/g,
  ];
  return [...new Set(patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1]!)))];
}
const externalImports = (file: string) => importsOf(readFileSync(file, 'utf8'));
/** The imports that a box, which has production dependencies only, could not load. */
const notOnTheBox = (imports: string[]) => imports.filter((s) => !builtins.has(s) && !production.has(packageOf(s)));

const bundles = async () => [
  join(root, 'dist/server/main.js'),
  ...(await cliTools()).map((t) => join(root, 'dist/server/cli', `${basename(t, '.ts')}.js`)),
];

describe('the production bundles', () => {
  it('exist for the server and every command-line tool of server/src/cli', async () => {
    const files = await bundles();
    const names = ['main.js', 'migrate.js', 'backup.js', 'restore.js', 'doctor.js', 'staff.js', 'audio.js'];
    expect(files.map((f) => basename(f))).toEqual(expect.arrayContaining(names));
    for (const f of files) expect(() => readFileSync(f), `${f}: run npm run build`).not.toThrow();
  });

  it('import nothing but Node built-ins and production dependencies', async () => {
    const found: Record<string, string[]> = {};
    for (const file of await bundles()) {
      const imports = externalImports(file);
      expect(imports.length, file).toBeGreaterThan(0);
      const others = notOnTheBox(imports);
      if (others.length > 0) found[basename(file)] = others;
    }
    expect(found).toEqual({});
    // The check sees what it must: the server loads its database driver from node_modules.
    expect(externalImports(join(root, 'dist/server/main.js'))).toContain('better-sqlite3');
  });

  it('would be caught importing a development dependency (a bundle text as esbuild writes it)', () => {
    const text = [
      'import { join } from "node:path";',
      'import SQLite from "better-sqlite3";',
      'import Dexie from "dexie";',
      'const ExcelJS = await import("exceljs");',
      'const fs = require("fs");',
      'const { chromium } = require("playwright-core");',
      'const pdf = await import("pdfjs-dist/legacy/build/pdf.mjs");',
    ].join('\n');
    expect(notOnTheBox(importsOf(text))).toEqual(['dexie', 'pdfjs-dist/legacy/build/pdf.mjs', 'playwright-core']);
  });
});

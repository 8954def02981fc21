import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../server/build.ts';

/**
 * The server bundle keeps big packages out of an idle box's memory: each is loaded by a dynamic
 * import where it is first needed (server/build.ts lists them as external). A static import of one
 * of them, anywhere the server reaches, would load it at every start: this fails on that.
 */

const LAZY = ['exceljs', 'undici', '@peculiar/x509', 'reflect-metadata', 'qrcode', 'pg'];

describe('the server bundle', () => {
  it('imports the big packages only where they are needed, never at start', async () => {
    const code = readFileSync(await buildServer(), 'utf8');
    const staticImports = [...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)].map(
      (m) => m[1] ?? m[2],
    );
    expect(staticImports.filter((name) => LAZY.includes(name!))).toEqual([]);
    // Each is still there, behind a dynamic import (or it would not be used at all).
    for (const name of LAZY) expect(code, name).toContain(`import("${name}")`);
    // And none of them is inlined into the bundle (esbuild names each module it inlines in a comment).
    const inlined = [...code.matchAll(/^\/\/ .*node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]);
    expect(inlined.filter((name) => LAZY.includes(name!))).toEqual([]);
    expect(inlined.length).toBeGreaterThan(0);
  }, 60_000);
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server compiles with Node's types only and the tablet's app with the browser's only
 * (tsconfig.server.json, tsconfig.web.json; both run by `npm run check`), shared/ in both. Shown on
 * small trees with the project's layout and its very tsconfig files: one that keeps the rule, and the
 * same with a server file using the DOM and a web file using Node's Buffer.
 */

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const fixtures: string[] = [];
afterAll(() => {
  for (const f of fixtures) rmSync(f, { recursive: true, force: true });
});

/** A tree with the project's tsconfig files and node_modules, and the given files. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-types-'));
  fixtures.push(dir);
  for (const config of ['tsconfig.base.json', 'tsconfig.web.json', 'tsconfig.server.json']) {
    copyFileSync(join(root, config), join(dir, config));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Type-checks one project of a tree as `npm run check` does: its exit code and report. */
async function check(dir: string, project: string): Promise<{ code: number; out: string }> {
  try {
    const args = [tsc, '-p', project, '--pretty', 'false'];
    const { stdout, stderr } = await run(process.execPath, args, { cwd: dir, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const good = {
  'shared/host.ts': 'export const host = (url: string): string => new URL(url).host;\n',
  'server/src/files.ts':
    "import { readFileSync } from 'node:fs';\nimport { host } from '../../shared/host.ts';\n" +
    'export const read = (path: string): string => host(process.env.HUB ?? readFileSync(path, "utf8"));\n',
  'web/src/page.ts':
    "import { host } from '../../shared/host.ts';\n" +
    'export const here = (): string => host(document.location.href);\n',
  'kiosk-config/options.ts': 'export const port = Number(process.env.KIOSK_PORT ?? 8080);\n',
};
const broken = {
  ...good,
  'server/src/title.ts': 'export const title = (): string => document.title;\n',
  'web/src/bytes.ts': 'export const size = (text: string): number => Buffer.byteLength(text);\n',
};

type Result = Awaited<ReturnType<typeof check>>;
let results: Record<'goodServer' | 'goodWeb' | 'brokenServer' | 'brokenWeb', Result>;

beforeAll(async () => {
  const [g, b] = [tree(good), tree(broken)];
  const [goodServer, goodWeb, brokenServer, brokenWeb] = await Promise.all([
    check(g, 'tsconfig.server.json'),
    check(g, 'tsconfig.web.json'),
    check(b, 'tsconfig.server.json'),
    check(b, 'tsconfig.web.json'),
  ]);
  results = { goodServer, goodWeb, brokenServer, brokenWeb };
}, 120_000);

describe('the server and the web app compile with their own types (issue 23)', () => {
  it('passes a tree where the server uses Node, the web app the DOM and shared/ what both have', () => {
    expect(results.goodServer.out).toBe('');
    expect(results.goodServer.code).toBe(0);
    expect(results.goodWeb.out).toBe('');
    expect(results.goodWeb.code).toBe(0);
  });

  it('fails the server project on a DOM use in a server file', () => {
    const { code, out } = results.brokenServer;
    expect(code).not.toBe(0);
    expect(out).toMatch(/server\/src\/title\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
    expect(out).not.toMatch(/shared\/|web\//);
  });

  it("fails the web project on Node's Buffer in a web file", () => {
    const { code, out } = results.brokenWeb;
    expect(code).not.toBe(0);
    expect(out).toMatch(/web\/src\/bytes\.ts\(1,\d+\): error TS\d+: Cannot find name 'Buffer'/);
    expect(out).not.toMatch(/shared\/|server\//);
  });
});

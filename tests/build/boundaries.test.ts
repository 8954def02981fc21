import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const config = join(root, '.dependency-cruiser.cjs');

/** Runs the project's boundary check (as `npm run check` does) in a folder; its exit code and report. */
async function check(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [depcruise, '--config', config, ...args], {
      cwd,
      timeout: 30_000,
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

const fixture = mkdtempSync(join(tmpdir(), 'kiosk-boundaries-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(fixture, path)), { recursive: true });
  writeFileSync(join(fixture, path), text);
}

type Result = Awaited<ReturnType<typeof check>>;
let broken: Result;
let real: Result;

// Both checks run at once (each spends most of its few seconds loading the TypeScript and Svelte parsers).
beforeAll(async () => {
  // A small tree with the project's layout and tsconfig, breaking one rule per file.
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        module: 'ESNext',
        moduleResolution: 'Bundler',
        allowImportingTsExtensions: true,
        noEmit: true,
      },
    }),
  );
  symlinkSync(join(root, 'node_modules'), join(fixture, 'node_modules'), 'dir');
  write('server/src/db/db.ts', 'export const db = 1;\n');
  write('shared/leak.ts', "import { db } from '../server/src/db/db.ts';\nexport const leak = db;\n");
  write('web/src/lib/words.ts', "export const words = 'xin chào';\n");
  write(
    'server/src/audio/speak.ts',
    "import { words } from '../../../web/src/lib/words.ts';\nexport const speak = words;\n",
  );
  write('server/src/db/migrations/0001-first.ts', "import { db } from '../db.ts';\nexport const up = db;\n");
  write('shared/domain/a.ts', "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n");
  write('shared/domain/b.ts', "import { a } from './a.ts';\nexport const b = (): number => a() - 1;\n");
  write('shared/schemas/s.ts', "import { a } from '../domain/a.ts';\nexport const s = a;\n");
  // No file cycle, but two folders that reach each other: people → plans → people.
  write(
    'server/src/people/people.service.ts',
    "import { plan } from '../plans/plans.service.ts';\nexport const person = (): string => plan;\n",
  );
  write('server/src/people/people.names.ts', "export const names = ['Lan'];\n");
  write(
    'server/src/plans/plans.service.ts',
    "import { names } from '../people/people.names.ts';\nexport const plan = names.join();\n",
  );

  [broken, real] = await Promise.all([
    check(fixture, ['--ts-config', 'tsconfig.json', 'web', 'server', 'shared']),
    check(root, ['--ignore-known', '.dependency-cruiser-known-violations.json', 'web', 'server', 'shared']),
  ]);
}, 60_000);

describe('the structure is checked (issue 23)', () => {
  it('fails on shared/ importing the server, the server importing the web app, a migration importing app code, schemas importing domain code, a file cycle and a folder cycle', () => {
    const { code, out } = broken;
    expect(code).not.toBe(0);
    expect(out).toMatch(/shared-imports-no-app: shared\/leak\.ts → server\/src\/db\/db\.ts/);
    expect(out).toMatch(/server-not-web: server\/src\/audio\/speak\.ts → web\/src\/lib\/words\.ts/);
    expect(out).toMatch(
      /migrations-no-app-code: server\/src\/db\/migrations\/0001-first\.ts → server\/src\/db\/db\.ts/,
    );
    expect(out).toMatch(/schemas-not-domain: shared\/schemas\/s\.ts → shared\/domain\/a\.ts/);
    expect(out).toMatch(/no-circular: shared\/domain\/a\.ts →\s+shared\/domain\/b\.ts →\s+shared\/domain\/a\.ts/);
    expect(out).toMatch(/error no-folder-cycle: server\/src\/people →\s+server\/src\/plans →\s+server\/src\/people/);
    expect(out).not.toMatch(/no-circular: server\/src\/p/);
  });

  it('passes on the real tree, its known violations aside (and none of those fixed yet still listed)', () => {
    const { code, out } = real;
    expect(out).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  });
});

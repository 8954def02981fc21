import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const dir = resolve(import.meta.dirname, '../../kiosk-config/install');
export const install = join(dir, 'install.sh');
export const uninstall = join(dir, 'uninstall.sh');
export const node = process.execPath;
export const repo = resolve(import.meta.dirname, '../..');

export const roots: string[] = [];
// A built install's node_modules takes a while to delete on a busy machine.
/** Deletes the calling file's install roots once its tests are done. */
export function removeRootsAfterAll(): void {
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  }, 120_000);
}
export const newRoot = () => {
  const r = mkdtempSync(join(tmpdir(), 'kiosk-install-'));
  roots.push(r);
  return r;
};

export function sh(
  script: string,
  root: string,
  args: string[] = [],
  input = '',
  env: Record<string, string> = {},
  timeout = 60_000,
) {
  const r = spawnSync('bash', [script, ...args], {
    input,
    encoding: 'utf8',
    timeout,
    env: {
      ...process.env,
      INSTALL_ROOT: root,
      INSTALL_DRY_RUN: '1',
      INSTALL_SKIP_BUILD: '1',
      INSTALL_NODE: node,
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file and folder under `root`: mode, mtime and a hash of the content. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const st = statSync(p);
      out[p.slice(root.length)] =
        `${(st.mode & 0o7777).toString(8)} ${st.mtimeMs}${e.isFile() ? ` ${createHash('sha256').update(readFileSync(p)).digest('hex')}` : ''}`;
      if (e.isDirectory()) walk(p);
    }
  };
  walk(root);
  return out;
}

export const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
export const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** KEY=VALUE lines of an environment file. */
export const envOf = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

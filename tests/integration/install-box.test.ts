import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dir, install, node, repo, removeRootsAfterAll, newRoot, sh, has } from './install-setup.ts';

removeRootsAfterAll();

/** kiosk-config/install/ on the box: production dependencies only, Node 24 fetched, root required, a valid systemd unit. */
describe('the install scripts', () => {
  it('builds on the box and keeps production dependencies only: no development package, the tools run bundled', () => {
    const root = newRoot();
    const app = join(root, 'opt/hoctap-kiosk');
    // The files first, then the box as an install that stopped after its npm ci: every package, development
    // ones included, is there (this checkout's, hard-linked: a real npm ci compiles better-sqlite3 for
    // minutes), built for this Node. npm rewrites its hidden lock file in place, so that one is a copy.
    expect(sh(install, root).code).toBe(0);
    execFileSync('cp', ['-al', join(repo, 'node_modules'), join(app, 'node_modules')]);
    execFileSync('cp', [
      '--remove-destination',
      join(repo, 'node_modules/.package-lock.json'),
      join(app, 'node_modules/'),
    ]);
    writeFileSync(join(app, '.node-version'), `${process.version}\n`);
    // Then the real build and prune in the copy (a dry run runs npm as this user, with this user's npm cache).
    const first = sh(install, root, [], '', { INSTALL_SKIP_BUILD: '0' }, 600_000);
    expect(first.code, first.err).toBe(0);
    for (const step of ['npm run build', 'npm prune --omit=dev']) expect(first.out).toContain(step);
    for (const built of ['dist/web/index.html', 'dist/server/main.js', 'dist/server/cli/migrate.js']) {
      expect(existsSync(join(app, built)), built).toBe(true);
    }

    // Every package in node_modules (nested ones too): none is one that only development needs.
    type Lock = { packages: Record<string, { dev?: boolean }> };
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as Lock;
    const installed: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (!e.isDirectory() || e.name.startsWith('.')) continue;
        const p = join(dir, e.name);
        if (e.name.startsWith('@')) {
          walk(p);
          continue;
        }
        installed.push(p.slice(app.length + 1));
        if (existsSync(join(p, 'node_modules'))) walk(join(p, 'node_modules'));
      }
    };
    walk(join(app, 'node_modules'));
    expect(installed).toContain('node_modules/better-sqlite3');
    expect(installed.filter((p) => lock.packages[p]?.dev === true)).toEqual([]);
    // The same from package.json's side: a devDependency is there only when the production tree needs it too
    // (typescript: an optional peer of valibot, which the lock marks devOptional, not dev).
    type Package = { devDependencies: Record<string, string> };
    const { devDependencies } = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Package;
    const isThere = (name: string) => existsSync(join(app, 'node_modules', name, 'package.json'));
    const devThere = Object.keys(devDependencies).filter(isThere);
    expect(devThere.filter((name) => lock.packages[`node_modules/${name}`]?.dev === true)).toEqual([]);
    expect(devThere.filter((name) => name !== 'typescript')).toEqual([]);

    // The tools run from their bundles (no tsx on the box), as `npm run db:migrate` and `npm run staff` do there.
    const data = newRoot();
    const tool = (...args: string[]) =>
      spawnSync('bash', [join(app, 'kiosk-config/install/cli.sh'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, KIOSK_DATA_DIR: data, PATH: `${dirname(node)}:${process.env.PATH}` },
      });
    const migrate = tool('migrate');
    expect(migrate.stderr).toBe('');
    expect(migrate.stdout).toMatch(/: Success$/m);
    expect(tool('staff', 'list').stdout).toContain('Chưa có tài khoản nào');

    // A second run with nothing changed installs and builds nothing.
    const second = sh(install, root, [], '', { INSTALL_SKIP_BUILD: '0' }, 120_000);
    expect(second.code).toBe(0);
    expect(second.out).toContain('/opt/hoctap-kiosk/node_modules: đã có, giữ nguyên');
    expect(second.out).toContain('/opt/hoctap-kiosk/dist: đã có, giữ nguyên');
    expect(second.out).not.toMatch(/npm ci|npm run build|npm prune/);
  }, 900_000);

  it('node.sh --into fetches the official Node 24 binary from the npm registry package, and keeps it on a second run', () => {
    const into = join(newRoot(), 'node');
    const fetch = () =>
      spawnSync('bash', [join(dir, 'node.sh'), '--into', into], { encoding: 'utf8', timeout: 120_000 });
    const first = fetch();
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(join(into, 'bin/node'));
    expect(first.stderr).toContain('node-linux-');
    const version = spawnSync(join(into, 'bin/node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(version).toMatch(/^v24\./);
    // Its headers come with it: native modules build against them without another download.
    expect(existsSync(join(into, 'include/node/node.h'))).toBe(true);
    const second = fetch();
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
  }, 150_000);

  it('refuses to run without root unless it is a dry run', ({ skip }) => {
    // As root (CI), run it as the unprivileged user nobody.
    const asNobody = process.getuid?.() === 0;
    if (asNobody && !has('runuser')) skip('running as root and runuser is missing');
    const env = { ...process.env, INSTALL_ROOT: '', INSTALL_DRY_RUN: '0' };
    // A copy nobody can read wherever the checkout lives (the check comes before anything is read or written).
    const copy = join(newRoot(), 'install.sh');
    writeFileSync(copy, readFileSync(install));
    chmodSync(dirname(copy), 0o755);
    chmodSync(copy, 0o755);
    const r = asNobody
      ? spawnSync('runuser', ['-u', 'nobody', '--', 'bash', copy], { encoding: 'utf8', env, cwd: '/' })
      : spawnSync('bash', [install], { encoding: 'utf8', env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('cần quyền root');
    expect(r.stderr).toContain('must run as root');
  });

  it('writes a unit that systemd-analyze verify accepts (when systemd-analyze is installed)', ({ skip }) => {
    if (!has('systemd-analyze')) {
      console.warn('systemd-analyze is not installed: the service unit was not verified by systemd.');
      skip('systemd-analyze not installed');
    }
    const root = newRoot();
    expect(sh(install, root).code).toBe(0);
    const r = spawnSync(
      'systemd-analyze',
      ['verify', '--man=no', join(root, 'etc/systemd/system/hoctap-kiosk.service')],
      { encoding: 'utf8' },
    );
    expect(r.stderr.split('\n').filter((l) => l.includes('hoctap-kiosk'))).toEqual([]);
    expect(r.status).toBe(0);
  }, 60_000);
});

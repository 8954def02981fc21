import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { options } from '../../kiosk-config/options.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import { setupNeeded } from '../../server/src/config/effective.ts';
import { configDir } from './harness.ts';

/**
 * kiosk-config/install/: the one command that puts the kiosk on a center's box as a systemd
 * service. Run unprivileged into a temp folder (INSTALL_ROOT) with apt, useradd, chown and
 * systemctl only shown (INSTALL_DRY_RUN=1) and, but in the test of what the box keeps, without npm
 * ci, build and prune (INSTALL_SKIP_BUILD=1).
 */

const dir = resolve(import.meta.dirname, '../../kiosk-config/install');
const install = join(dir, 'install.sh');
const uninstall = join(dir, 'uninstall.sh');
const node = process.execPath;
const repo = resolve(import.meta.dirname, '../..');

const roots: string[] = [];
// A built install's node_modules takes a while to delete on a busy machine.
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
}, 120_000);
const newRoot = () => {
  const r = mkdtempSync(join(tmpdir(), 'kiosk-install-'));
  roots.push(r);
  return r;
};

function sh(
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
function snapshot(root: string): Record<string, string> {
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

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** KEY=VALUE lines of an environment file. */
const envOf = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('the install scripts', () => {
  it('parse (bash -n), and pass shellcheck when it is installed', ({ skip }) => {
    for (const s of [install, uninstall]) expect(spawnSync('bash', ['-n', s], { encoding: 'utf8' }).stderr).toBe('');
    if (!has('shellcheck')) {
      console.warn(
        'shellcheck is not installed (apt-get install -y shellcheck): the scripts were only parsed with bash -n.',
      );
      skip('shellcheck not installed');
    }
    const r = spawnSync('shellcheck', [install, uninstall], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('installs once, and a second run changes nothing and says so; a third puts back what was changed and never touches the settings', () => {
    const root = newRoot();
    const first = sh(install, root);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);

    // The service unit, as the template with this machine's node.
    const unitPath = join(root, 'etc/systemd/system/hoctap-kiosk.service');
    const unit = readFileSync(unitPath, 'utf8');
    expect(unit).toBe(
      readFileSync(join(dir, 'hoctap-kiosk.service'), 'utf8').replace('ExecStart=/usr/bin/node ', `ExecStart=${node} `),
    );
    expect(mode(unitPath)).toBe('644');
    for (const line of [
      'Restart=always',
      'RestartSec=3',
      'User=hoctap',
      'EnvironmentFile=/etc/hoctap-kiosk.env',
      'WorkingDirectory=/opt/hoctap-kiosk',
      `ExecStart=${node} --max-semi-space-size=2 --heap-growing-percent=30 dist/server/main.js`,
      'Environment=MALLOC_ARENA_MAX=2',
      'AmbientCapabilities=CAP_NET_BIND_SERVICE',
      'NoNewPrivileges=yes',
      'ProtectSystem=full',
      'ReadWritePaths=/var/lib/hoctap-kiosk',
      'StandardOutput=journal',
      'WantedBy=multi-user.target',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }

    // The journal's size limit.
    const dropIn = join(root, 'etc/systemd/journald.conf.d/hoctap-kiosk.conf');
    expect(readFileSync(dropIn, 'utf8')).toBe(readFileSync(join(dir, 'journald-hoctap-kiosk.conf'), 'utf8'));
    expect(readFileSync(dropIn, 'utf8')).toMatch(/^\[Journal\]\nSystemMaxUse=100M$/m);
    expect(mode(dropIn)).toBe('644');

    // The settings: only real options' variables (and KIOSK_CENTER, read by config/load.ts), and the kiosk starts on them.
    const envPath = join(root, 'etc/hoctap-kiosk.env');
    const env = envOf(readFileSync(envPath, 'utf8'));
    expect(mode(envPath)).toBe('640');
    // No center file and no role: the box starts in setup (the administrator chooses in the browser).
    expect(env).toMatchObject({
      KIOSK_DATA_DIR: '/var/lib/hoctap-kiosk',
      KIOSK_BACKUP_DIR: '/var/lib/hoctap-kiosk/backups',
      KIOSK_CENTER: '',
    });
    expect(env).not.toHaveProperty('KIOSK_ROLE');
    const known = new Set<string>([...Object.values(options).map((o) => o.env), 'KIOSK_CENTER']);
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    const settings = loadConfig({ configDir, env }).settings;
    expect(settings.role).toBe('center');
    expect(settings['data.dir']).toBe('/var/lib/hoctap-kiosk');
    expect(setupNeeded(loadConfig({ configDir, env }))).toBe(true);

    // Folders, and the program without what is built or kept on the box.
    expect(mode(join(root, 'var/lib/hoctap-kiosk'))).toBe('750');
    expect(mode(join(root, 'var/lib/hoctap-kiosk/backups'))).toBe('750');
    const app = join(root, 'opt/hoctap-kiosk');
    expect(readFileSync(join(app, 'server/src/main.ts'), 'utf8')).toBe(
      readFileSync(resolve(dir, '../../server/src/main.ts'), 'utf8'),
    );
    expect(existsSync(join(app, 'package-lock.json'))).toBe(true);
    for (const absent of ['node_modules', '.git', 'dist', 'data'])
      expect(existsSync(join(app, absent)), absent).toBe(false);
    expect(mode(join(app, 'kiosk-config/install/install.sh'))).toMatch(/^(644|755)$/);

    // What it would run on a real box, Vietnamese first then English.
    expect(first.out).toContain(
      'Đã ghi /etc/systemd/system/hoctap-kiosk.service / Wrote /etc/systemd/system/hoctap-kiosk.service',
    );
    expect(first.out).toContain('would run: useradd --system');
    expect(first.out).toContain('would run: systemctl daemon-reload');
    expect(first.out).toContain('would run: systemctl enable --now hoctap-kiosk');
    expect(first.out).toContain('Bỏ qua npm ci');

    // Second run: nothing written, each thing said to be there already.
    const before = snapshot(root);
    const second = sh(install, root);
    expect(second.code).toBe(0);
    expect(snapshot(root)).toEqual(before);
    for (const p of [
      '/opt/hoctap-kiosk',
      '/opt/hoctap-kiosk (các tệp / files)',
      '/var/lib/hoctap-kiosk',
      '/var/lib/hoctap-kiosk/backups',
      '/etc/hoctap-kiosk.env',
      '/etc/systemd/system/hoctap-kiosk.service',
      '/etc/systemd/journald.conf.d/hoctap-kiosk.conf',
    ]) {
      expect(second.out).toContain(`${p}: đã có, giữ nguyên`);
    }
    expect(second.out).not.toMatch(/Đã ghi|Đã tạo|Đã chép|daemon-reload|restart systemd-journald/);

    // The administrator edits the settings; a file of an older version lingers; a program file was changed.
    const edited = `${readFileSync(envPath, 'utf8')}KIOSK_CENTER=xa-tan-lap\nKIOSK_PORT=8080\n`;
    writeFileSync(envPath, edited);
    mkdirSync(join(app, 'server/src/old'), { recursive: true });
    writeFileSync(join(app, 'server/src/old/gone.ts'), 'export {};\n');
    writeFileSync(join(app, 'server/src/main.ts'), '// changed on the box\n');
    const third = sh(install, root);
    expect(third.code).toBe(0);
    expect(readFileSync(envPath, 'utf8')).toBe(edited);
    expect(third.out).toContain('/etc/hoctap-kiosk.env: đã có, giữ nguyên');
    expect(third.out).toContain('Đã chép 1 tệp, xoá 1 tệp cũ: /opt/hoctap-kiosk');
    expect(existsSync(join(app, 'server/src/old'))).toBe(false);
    expect(readFileSync(join(app, 'server/src/main.ts'), 'utf8')).toBe(
      readFileSync(resolve(dir, '../../server/src/main.ts'), 'utf8'),
    );

    // Uninstall keeps the data and the settings.
    writeFileSync(join(root, 'var/lib/hoctap-kiosk/kiosk.sqlite'), "the center's records");
    const removed = sh(uninstall, root);
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('would run: systemctl disable --now hoctap-kiosk');
    expect(existsSync(unitPath)).toBe(false);
    expect(existsSync(dropIn)).toBe(false);
    expect(existsSync(app)).toBe(false);
    expect(readFileSync(join(root, 'var/lib/hoctap-kiosk/kiosk.sqlite'), 'utf8')).toBe("the center's records");
    expect(readFileSync(envPath, 'utf8')).toBe(edited);

    // --purge asks for XOA: anything else removes nothing; XOA (or --yes) removes the data and settings.
    const refused = sh(uninstall, root, ['--purge'], 'xoa\n');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('Cancelled, nothing removed');
    expect(existsSync(join(root, 'var/lib/hoctap-kiosk/kiosk.sqlite'))).toBe(true);
    expect(existsSync(envPath)).toBe(true);
    const purged = sh(uninstall, root, ['--purge'], 'XOA\n');
    expect(purged.code).toBe(0);
    expect(existsSync(join(root, 'var/lib/hoctap-kiosk'))).toBe(false);
    expect(existsSync(envPath)).toBe(false);
  }, 120_000);

  it('never overwrites a settings file that was there before the first install; with a system Node past its end of life, gives the kiosk its own Node 24 in /opt/hoctap-kiosk/node and the service runs that one', () => {
    const root = newRoot();
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/hoctap-kiosk.env'), 'KIOSK_CENTER=xa-tan-lap\n');
    const oldNode = join(newRoot(), 'node20');
    writeFileSync(oldNode, '#!/bin/sh\necho v20.20.2\n');
    chmodSync(oldNode, 0o755);
    const r = sh(install, root, [], '', { INSTALL_NODE: oldNode });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'etc/hoctap-kiosk.env'), 'utf8')).toBe('KIOSK_CENTER=xa-tan-lap\n');
    expect(r.out).toContain('/etc/hoctap-kiosk.env: đã có, giữ nguyên');
    // The Node it chose is the one the service runs.
    expect(r.out).toContain(
      'Node.js v20.20.2 của hệ thống đã hết hạn hỗ trợ: dùng Node.js 24 riêng cho kiosk trong /opt/hoctap-kiosk/node',
    );
    expect(r.out).toContain(`node.sh --into ${root}/opt/hoctap-kiosk/node`);
    const unit = readFileSync(join(root, 'etc/systemd/system/hoctap-kiosk.service'), 'utf8');
    expect(unit.split('\n')).toContain(
      'ExecStart=/opt/hoctap-kiosk/node/bin/node --max-semi-space-size=2 --heap-growing-percent=30 dist/server/main.js',
    );
    expect(sh(uninstall, root, ['--purge', '--yes']).code).toBe(0);
    expect(existsSync(join(root, 'etc/hoctap-kiosk.env'))).toBe(false);
  }, 60_000);

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

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { options } from '../../kiosk-config/options.ts';
import { loadConfig } from '../../server/src/config/load.ts';
import { setupNeeded } from '../../server/src/config/effective.ts';
import { configDir } from './harness.ts';
import {
  dir,
  install,
  uninstall,
  node,
  removeRootsAfterAll,
  newRoot,
  sh,
  snapshot,
  mode,
  has,
  envOf,
} from './install-setup.ts';

removeRootsAfterAll();

/**
 * kiosk-config/install/: the one command that puts the kiosk on a center's box as a systemd
 * service. Run unprivileged into a temp folder (INSTALL_ROOT) with apt, useradd, chown and
 * systemctl only shown (INSTALL_DRY_RUN=1) and, but in the test of what the box keeps, without npm
 * ci, build and prune (INSTALL_SKIP_BUILD=1).
 */

describe('the install scripts', () => {
  it('parse (bash -n), and pass shellcheck when it is installed', ({ skip }) => {
    for (const s of [install, uninstall]) expect(spawnSync('bash', ['-n', s], { encoding: 'utf8' }).stderr).toBe('');
    if (!has('shellcheck')) {
      // Under CI nothing is skipped: .ci/run installs shellcheck, so its absence there is a failure.
      if (process.env.CI === 'true' || process.env.CI === '1') throw new Error('shellcheck is required under CI');
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
});

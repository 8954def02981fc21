import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staff } from '../fixtures/staff.ts';

/**
 * What the person who starts a box reads on its console (and in the service's journal): where the
 * tablets and the staff screens are, and how the first administrator is made with the setup code,
 * in Vietnamese and English, and no line meant for machines unless `KIOSK_MACHINE_LINES=on` asks.
 * The real server process, as `npm run kiosk` starts it, read from its stdout.
 */

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-console-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the server on free ports and answers its console once the staff part of the banner is out. */
async function start(env: Record<string, string> = {}): Promise<{ output: string; stop: () => Promise<void> }> {
  const { KIOSK_MACHINE_LINES: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...inherited,
      KIOSK_HOST: '127.0.0.1',
      KIOSK_PORT: '0',
      KIOSK_TLS_PORT: '0',
      KIOSK_DATA_DIR: dataDir,
      KIOSK_BACKUP_DIR: join(dataDir, 'backups'),
      KIOSK_AUDIO_RENDER_ON_START: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  for (let waited = 0; waited < 60_000; waited += 100) {
    // The banner ends with the staff part: the PIN-reset line or the setup code's English lines.
    if (
      /npm run staff -- (reset-pin .+|setup-code)\s*$/m.test(output) &&
      (!env.KIOSK_MACHINE_LINES || /KIOSK_LISTENING/.test(output))
    )
      return { output, stop };
    if (child.exitCode !== null) throw new Error(`the kiosk exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the kiosk printed no staff banner in 60 s:\n${output}`);
}

describe('the first start on the console', () => {
  it('says where the staff screens are and how the first administrator is made, in Vietnamese and English, with no machine lines', async () => {
    const first = await start();
    const text = first.output;
    expect(text).not.toMatch(/^KIOSK_[A-Z_]+ /m);
    expect(text).toContain('Màn hình cán bộ');
    expect(text).toContain('Staff screens');
    const staffUrl = /(http:\/\/127\.0\.0\.1:\d+)\/staff/.exec(text)?.[1];
    expect(staffUrl).toBeDefined();
    expect(text).toMatch(/https:\/\/127\.0\.0\.1:\d+\/staff/);
    // The same code in both languages, and it is the code that really makes the administrator.
    const vi = /Tạo người quản trị đầu tiên[^]*?([0-9A-Z]{4}-[0-9A-Z]{4}), họ tên và mã PIN 6 số/.exec(text)?.[1];
    const en = /To make the first one[^]*?([0-9A-Z]{4}-[0-9A-Z]{4}), a name and a 6-digit PIN/.exec(text)?.[1];
    expect(vi).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(en).toBe(vi);
    const setup = await fetch(`${staffUrl}/api/staff/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: staff.chiHoa.name, pin: staff.chiHoa.pin, setupCode: vi }),
    });
    expect(setup.status).toBe(200);
    await first.stop();

    // Once an administrator exists: no code, the way to reset a PIN instead; machine lines only when asked.
    const again = await start({ KIOSK_MACHINE_LINES: 'on' });
    expect(again.output).not.toContain(vi!);
    expect(again.output).toContain('npm run staff -- reset-pin');
    expect(again.output).toMatch(/^KIOSK_TLS_LISTENING port=\d+$/m);
    expect(again.output).toMatch(/^KIOSK_LISTENING port=\d+$/m);
    expect(again.output).not.toContain('KIOSK_SETUP_CODE');
    await again.stop();
  }, 120_000);
});

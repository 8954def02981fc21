import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * State a module keeps for the whole process. A box runs one app per process, but the integration
 * and security tests run many apps in one worker without reloading modules (`isolate: false` in
 * vitest.config.ts), and a hub holds several databases in its life (a restore): state of one app
 * must never reach the next. So a module-level variable or Map is either keyed by its app or
 * database (a WeakMap) or is on this list with the reason it is safe to share.
 */
const root = resolve(import.meta.dirname, '../..');
const sources = execFileSync('git', ['ls-files', '-z', 'server/src', 'shared'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((p) => p.endsWith('.ts') && !/\.test(-setup)?\.ts$/.test(p) && !p.startsWith('server/src/cli/'));

const SHARED: Record<string, string> = {
  'server/src/config/admin-units.ts cache': 'the official list of units, read-only, by file',
  'server/src/hub/report/report.words.ts formats': 'number formats, made once, no data',
  'server/src/audio/packs.ts shaMemo': 'a file’s hash by path, size and time: the same file gives the same hash',
  'server/src/audio/render.ts rendering': 'renders under way on this machine (espeak-ng is one per machine)',
  'server/src/sync/pinned-fetch.ts agents': 'connection pools by the pinned certificate’s fingerprint',
  'server/src/sync/pinned-fetch.ts undici': 'the module, loaded at first use',
  'server/src/tls/certificates.ts x509Module': 'the module, loaded at first use',
  'server/src/system/disk.ts recentFree': 'free space of a folder, by path, for a few seconds',
  'server/src/system/disk.ts filesFree':
    'free space of a folder for files, by path, for at most a second and only far above the margin the app asks',
  'server/src/evidence/evidence.store.ts writing':
    'photo writes under way by file path: one file is one file, whichever app writes it',
  'server/src/backup/backup.service.ts queue': 'one backup at a time on this machine (disk and CPU), whichever box',
  'shared/domain/assessment-year.ts formatters': 'date formats by time zone, no data',
  'server/src/staff/pin.ts params':
    'scrypt’s cost for new PINs: production’s, or lowered for every app by a test setup file',
};

/** Top-level `let` and `const x = new Map/Set(...)` (constant sets of names aside: a literal list). */
function moduleState(path: string): string[] {
  const text = readFileSync(resolve(root, path), 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/^(?:export )?let (\w+)/gm)) names.push(m[1]!);
  for (const m of text.matchAll(/^(?:export )?const (\w+)\s*(?::[^=]+)?=\s*new (?:Map|Set)\b(?!\(\[)(?!<[^>]*>\(\[)/gm))
    names.push(m[1]!);
  return names.map((n) => `${path} ${n}`);
}

describe('state a module keeps for the whole process', () => {
  const found = sources.flatMap(moduleState);

  it('is only what the list allows, each with its reason', () => {
    expect(found.filter((s) => !(s in SHARED))).toEqual([]);
  });

  it('the list names nothing that is gone', () => {
    expect(Object.keys(SHARED).filter((s) => !found.includes(s))).toEqual([]);
  });

  it('finds a module-level Map or let (the check itself works)', () => {
    expect(found).toContain('server/src/config/admin-units.ts cache');
    expect(found).toContain('server/src/backup/backup.service.ts queue');
  });
});

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe("the test suites' low PIN cost", () => {
  it('is lowered by the tests alone: no file of the box, the tablet or shared calls it', () => {
    const callers = execFileSync(
      'git',
      ['grep', '-l', 'lowerPinCostForTests', '--', 'server', 'web', 'shared', 'kiosk-config'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter(Boolean);
    expect(callers).toEqual(['server/src/staff/pin.ts']);
  });
});

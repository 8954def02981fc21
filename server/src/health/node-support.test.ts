import { describe, expect, it } from 'vitest';
import { nodeSupport } from './node-support.ts';

describe('nodeSupport: does the Node running the box still get security fixes', () => {
  it.each([
    ['v20.20.2', '2026-12-07', 'warn', 'đã hết hạn hỗ trợ từ ngày 30/04/2026'],
    ['v22.13.0', '2026-12-07', 'ok', 'đến ngày 30/04/2027'],
    ['v22.13.0', '2027-03-01', 'warn', 'sắp hết hạn hỗ trợ (ngày 30/04/2027)'],
    ['v24.22.3', '2026-12-07', 'ok', 'đến ngày 30/04/2028'],
    ['v24.22.3', '2028-05-01', 'warn', 'đã hết hạn hỗ trợ từ ngày 30/04/2028'],
    ['v16.20.0', '2026-12-07', 'warn', 'đã hết hạn hỗ trợ'],
  ] as const)('%s on %s is %s', (version, day, status, words) => {
    const r = nodeSupport(version, new Date(`${day}T00:00:00Z`));
    expect(r.status).toBe(status);
    expect(r.message).toContain(words);
  });

  it('a line newer than the table is fine and names no date', () => {
    const r = nodeSupport('v30.1.0', new Date('2026-12-07T00:00:00Z'));
    expect(r).toMatchObject({ major: 30, endOfLife: null, status: 'ok' });
  });
});

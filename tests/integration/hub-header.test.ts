import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

/**
 * Issue 24: a hub run from the demo file (KIOSK_ROLE=hub, not through the setup) named the demo
 * center in the header. It names its commune (its province at province level), as a hub set up in
 * the browser does; a center keeps its own name. (Its staff roles, "Cán bộ xã (quản trị)" and "Hội
 * Khuyến học xã", are named from the same place on the Home and Accounts screens.)
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the header of a hub made from the demo file', () => {
  it.each([
    ['a center', 'Trung tâm học tập cộng đồng xã Tân Lập', {}],
    ['a commune hub from the demo file', 'Xã Tân Lập', { KIOSK_ROLE: 'hub' }],
    ['a province hub from the demo file', 'Tỉnh Phú Thọ', { KIOSK_ROLE: 'hub', KIOSK_HUB_LEVEL: 'province' }],
  ])(
    '%s: the header names %s',
    async (_case, name, env) => {
      h = await startHarness(undefined, env);
      expect((await h.json('GET', '/api/kiosk')).body.center.name).toBe(name);
    },
    30_000,
  );
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { hubRoutes } from '../staff/roles-routes-hub.ts';

/**
 * Issue 24: the hub's routes answer only on a hub. On a center box every /api/staff/hub/* route of
 * the roles table, and every /api/staff/hub/* and /api/hub/* route the app registers, answers the
 * same refusal (sync.wrong-role) to the administrator and to anyone, and changes nothing; the same
 * requests on a hub are not refused so.
 */

let center: Harness;
let hub: Harness;
let centerStaff: Record<Role, string>;
let hubStaff: Record<Role, string>;

beforeAll(async () => {
  center = await startHarness();
  centerStaff = await staffSessions(center);
  hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  hubStaff = await staffSessions(hub);
  expect((await center.json('PUT', `/api/people/${build.id()}`, people.baLan)).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await center?.close();
  await hub?.close();
});

const refusal = { status: 404, body: { code: 'sync.wrong-role' } };
const tabled = hubRoutes.filter((r) => r.request()[1].startsWith('/api/staff/hub/'));

describe('hub routes on a center box', { timeout: 30_000 }, () => {
  it('the roles table lists hub routes to walk', () => {
    expect(tabled.length).toBeGreaterThan(20);
  });

  it.each(tabled.map((r) => [r.name, r] as const))(
    '%s is refused, to the administrator and to anyone',
    async (_, r) => {
      const [method, path, body] = r.request();
      const before = await center.counts();
      expect(await center.json(method, path, body, centerStaff.admin)).toMatchObject(refusal);
      expect(await center.json(method, path, body)).toMatchObject(refusal);
      expect(await center.counts()).toEqual(before);
      // On a hub the same request is not refused for the box's role.
      expect((await hub.json(method, path, body, hubStaff.admin)).body?.code).not.toBe('sync.wrong-role');
    },
  );

  it('every hub route the app registers is refused, whatever its parameters', async () => {
    const registered = center.app.routes.filter(
      (r) => r.method !== 'ALL' && (r.path.startsWith('/api/staff/hub/') || r.path.startsWith('/api/hub/')),
    );
    expect(registered.length).toBeGreaterThan(30);
    const before = await center.counts();
    for (const r of registered) {
      // A parameter (:id, :file{...}) gets a well-formed value; the refusal comes before it is read anyway.
      const path = r.path.replace(/:[A-Za-z0-9]+(\{[^}]*\})?/g, build.id());
      const res = await center.json(r.method, path, r.method === 'GET' ? undefined : {}, centerStaff.admin);
      expect(res, `${r.method} ${r.path}`).toMatchObject(refusal);
    }
    expect(await center.counts()).toEqual(before);
  });
});

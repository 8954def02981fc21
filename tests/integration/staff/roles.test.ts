import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';
import { build, people } from '../../fixtures/people.ts';
import { centerRoutes } from './roles-routes-center.ts';
import { hubRoutes } from './roles-routes-hub.ts';
import { ids } from './roles-setup.ts';

type Caller = 'anonymous' | 'villager' | Role;
const callers: Caller[] = ['anonymous', 'villager', 'facilitator', 'appraiser', 'admin'];

let h: Harness;
let cookies: Record<Role, string> & { ids: Record<Role, string> };
/** The hub's own routes answer only on a hub (a center refuses them all: hub-only-routes.test.ts). */
let hubBox: Harness;
let hubCookies: Record<Role, string>;
const onHub = (path: string) => path.startsWith('/api/staff/hub/');

// "Sao lưu ngay" writes into its own folder, not beside the harness's temp folder.
const backupDir = mkdtempSync(join(tmpdir(), 'kiosk-roles-backups-'));

beforeAll(async () => {
  h = await startHarness(undefined, { KIOSK_BACKUP_DIR: backupDir });
  cookies = await staffSessions(h);
  hubBox = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
  hubCookies = await staffSessions(hubBox);
  ids.personId = build.id();
  await h.json('PUT', `/api/people/${ids.personId}`, people.baLan);
  ids.assessmentId = build.id();
  await h.json('PUT', `/api/assessments/${ids.assessmentId}`, build.assessment(ids.personId));
}, 60_000);
afterAll(async () => {
  await h?.close();
  await hubBox?.close();
  rmSync(backupDir, { recursive: true, force: true });
});

/** Every staff route: the center's and the hub's. */
const routes = [...centerRoutes, ...hubRoutes];

function cookieFor(caller: Caller, hub = false): string | undefined {
  if (caller === 'anonymous') return undefined;
  // A villager's screens carry no staff session; a made-up cookie is no better.
  if (caller === 'villager') return 'kiosk_staff=not-a-real-session-token';
  return (hub ? hubCookies : cookies)[caller];
}

describe('role boundaries on every staff route', () => {
  const cases = routes
    .filter((r) => r.name !== 'sign out')
    .flatMap((r) => callers.map((caller) => [r.name, caller, r] as const));
  it.each(cases)('%s as %s', async (_name, caller, route) => {
    const [method, path, body] = route.request();
    const box = onHub(path) ? hubBox : h;
    const before =
      caller === 'anonymous' || caller === 'villager' || !route.allowed.includes(caller) ? await box.counts() : null;
    const res = await box.json(method, path, body, cookieFor(caller, onHub(path)));
    if (caller === 'anonymous' || caller === 'villager') {
      expect(res).toMatchObject({ status: 401, body: { code: 'auth.required' } });
    } else if (!route.allowed.includes(caller)) {
      expect(res).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    } else {
      expect([401, 403]).not.toContain(res.status);
    }
    if (before) expect(await box.counts()).toEqual(before);
  });

  it.each(['anonymous', 'villager'] as const)('sign out as %s is refused', async (caller) => {
    expect((await h.json('POST', '/api/staff/sign-out', undefined, cookieFor(caller))).status).toBe(401);
  });

  it('every staff route of the app is in this table', () => {
    const registered = h.app.routes.filter(
      (r) =>
        r.path.startsWith('/api/staff/') &&
        !['/api/staff/status', '/api/staff/setup', '/api/staff/sign-in'].includes(r.path) &&
        r.method !== 'ALL',
    );
    const requests = routes.map((r) => {
      const [method, path] = r.request();
      return `${method} ${path.split('?')[0]}`;
    });
    expect(registered.length).toBeGreaterThanOrEqual(routes.length);
    for (const r of registered) {
      // A route's parameters (:id, :personId, :year) match any one path segment of a request.
      const pattern = new RegExp(`^${r.method} ${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
      expect(
        requests.some((q) => pattern.test(q)),
        `${r.method} ${r.path}`,
      ).toBe(true);
    }
  });
});

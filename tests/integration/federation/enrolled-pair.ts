import { expect } from 'vitest';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/** A commune hub (SQLite, or PostgreSQL at `pgUrl`) and one center enrolled with it, linked in process. */
export interface EnrolledPair {
  hub: Harness;
  center: Harness;
  hubAdmin: string;
  centerStaff: Record<Role, string>;
}

export async function enrolledPair(pgUrl: string | null = null): Promise<EnrolledPair> {
  const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' }, undefined, pgUrl);
  const center = await startHarness(undefined, {}, async (input, init) => {
    const url = new URL(String(input));
    return hub.app.request(url.pathname + url.search, init);
  });
  const hubAdmin = (await staffSessions(hub)).admin;
  const centerStaff = await staffSessions(center);
  const { body } = await hub.json('POST', '/api/staff/hub/enrolments', { name: 'TTHTCĐ Tân Lập' }, hubAdmin);
  const enrolled = await center.json(
    'POST',
    '/api/staff/federation/enrol',
    { hubUrl: 'http://hub.test', code: body.code },
    centerStaff.admin,
  );
  expect(enrolled.status).toBe(200);
  return { hub, center, hubAdmin, centerStaff };
}

/** The center's sync run, which must end without an error. */
export async function syncPair({ center, centerStaff }: EnrolledPair): Promise<void> {
  expect(
    (await center.json('POST', '/api/staff/federation/run', undefined, centerStaff.admin)).body.lastError,
  ).toBeNull();
}

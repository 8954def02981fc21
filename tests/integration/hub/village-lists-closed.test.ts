import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../shared/schemas/responses/hub.ts';
import type { Role } from '../../fixtures/staff.ts';
import type { Harness } from '../harness.ts';
import { startCommune, stopCommune, storages, sync, YEAR, type Site } from './dashboard-setup.ts';

/**
 * Issue 24 (part): the commune sees which village lists the village branch closed (chốt). Each
 * proposal on the hub says whether the Learning Citizen list of the person's village, at the
 * person's center, for the year, is closed; it becomes so when the center closes that list and
 * syncs, for that village and center only.
 */
let hub: Harness;
let province: Harness;
let hubStaff: Record<Role, string>;
let sites: Site[];

describe.each(storages)('the commune sees which village lists are closed, on %s', (storage) => {
  beforeEach(async () => {
    ({ hub, province, hubStaff, sites } = await startCommune(storage));
  }, 60_000);
  afterEach(async () => {
    await stopCommune({ hub, province, hubStaff, sites });
  });

  const proposals = async () =>
    (await hub.json('GET', `/api/staff/hub/proposals?year=${YEAR}`, undefined, hubStaff.admin)).body as Proposal[];

  it('marks a village list closed once its center closed it and synced', { timeout: 60_000 }, async () => {
    const site = sites[0]!;
    const passing = site.people.filter((p) => p.stage === 'pass');
    const village = passing[0]!.village;
    expect(passing.some((p) => p.village !== village)).toBe(true);

    expect((await proposals()).every((p) => !p.listClosed)).toBe(true);

    const closed = await site.h.json(
      'POST',
      '/api/staff/lists/finalize',
      { title: 'cdht', village, year: YEAR },
      site.staff.appraiser,
    );
    expect(closed.status).toBe(200);
    // Not yet synced: the hub does not know.
    expect((await proposals()).every((p) => !p.listClosed)).toBe(true);
    await sync(site);

    const shown = await proposals();
    const nodeId = shown.find((x) => x.personId === passing[0]!.personId)!.nodeId;
    for (const p of shown)
      expect(p.listClosed, `${p.center} ${p.village} ${p.name}`).toBe(p.nodeId === nodeId && p.village === village);
    // The other center has people in the same village: its list is its own, still open.
    const other = shown.filter((p) => p.nodeId !== nodeId && p.village === village);
    expect(other.length).toBeGreaterThan(0);
  });
});

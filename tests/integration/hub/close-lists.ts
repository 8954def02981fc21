import { expect } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import type { ProposalListClosedV1, ProposalListClosedV2 } from '../../../shared/sync/messages.ts';
import type { Harness } from '../harness.ts';

/**
 * Village lists close before the commune decides (issue 24): the tests that record a decision
 * first have the village branch close (chốt) the lists their people or households come on, through
 * the real path: the center's finalize route (then the test syncs as it always does), or, where a
 * test plays the center by pushing change messages to the hub, the message a center sends.
 */

/** A list the branch closes: a village's CDHT or households' list, or the center's clans' list. */
export type ListRef = { title?: 'cdht' | 'gdht'; village: string } | { title: 'dhht' };

/** Closes each list at the center (POST /api/staff/lists/finalize as the appraiser or administrator). */
export async function closeLists(
  center: Harness,
  staff: string,
  year: number,
  lists: Iterable<ListRef>,
): Promise<void> {
  const seen = new Set<string>();
  for (const list of lists) {
    const key = JSON.stringify(list);
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await center.json('POST', '/api/staff/lists/finalize', { ...list, year }, staff);
    expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(200);
  }
}

/** Closes the CDHT list of every village these people live in. */
export const closeVillageLists = (
  center: Harness,
  staff: string,
  year: number,
  people: Iterable<{ village: string }>,
) =>
  closeLists(
    center,
    staff,
    year,
    [...people].map((p) => ({ village: p.village })),
  );

/** The message a center sends up when its branch closes a list (for tests that push to the hub directly). */
export function listClosedMessage(
  year: number,
  list: ListRef,
  entries = 1,
  closedAt = `${year}-11-20T03:00:00.000Z`,
): ProposalListClosedV1 | ProposalListClosedV2 {
  const common = { id: uuidv4(), revision: 1, year, closedAt, entries };
  if (list.title === undefined || list.title === 'cdht')
    return { type: 'ProposalListClosedV1', ...common, village: list.village };
  return {
    type: 'ProposalListClosedV2',
    ...common,
    title: list.title,
    village: list.title === 'dhht' ? null : list.village,
  };
}

/** A center with its appraiser signed in and the people it registered (the commune tests' shape). */
interface CenterSite {
  h: Harness;
  staff: { appraiser: string };
  people: readonly { village: string; stage: string }[];
}

/** Every center closes the CDHT list of each village with a passing person ('pass'), then syncs. */
export async function closeAllLists<S extends CenterSite>(
  sites: readonly S[],
  year: number,
  sync: (site: S) => Promise<void>,
) {
  for (const site of sites) {
    await closeVillageLists(
      site.h,
      site.staff.appraiser,
      year,
      site.people.filter((p) => p.stage === 'pass'),
    );
    await sync(site);
  }
}

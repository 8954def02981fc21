/**
 * Village lists close before the commune decides: a person's proposal may be named in a decision
 * only once the village branch has closed (chốt) the Learning Citizen list of the person's village
 * for the year at the person's center, and sent it up (ProposalListClosedV1, or a V2 titled 'cdht').
 */
import { foldName } from '../../../../shared/domain/units.ts';
import type { Db } from '../../db/database.ts';
import { closedListRecords } from './list-closings.repository.ts';

const key = (nodeId: string, village: string, year: number) => `${nodeId}\u0000${foldName(village)}\u0000${year}`;

/** Whether a node's CDHT list of a village and year is closed, from the records the centers sent. */
export async function cdhtListsClosed(db: Db): Promise<(nodeId: string, village: string, year: number) => boolean> {
  const closed = new Set<string>();
  for (const r of await closedListRecords(db)) {
    const m = JSON.parse(r.payload) as { title?: unknown; village?: unknown; year?: unknown };
    if ((m.title ?? 'cdht') !== 'cdht' || typeof m.village !== 'string' || typeof m.year !== 'number') continue;
    closed.add(key(r.origin, m.village, m.year));
  }
  return (nodeId, village, year) => closed.has(key(nodeId, village, year));
}

/**
 * Village lists close before the commune decides: a proposal may be named in a decision only once
 * the village branch has closed (chốt) its list at the subject's center for the year, and sent it
 * up: a person's CDHT list of her village (ProposalListClosedV1, or a V2 titled 'cdht'), a
 * household's "Gia đình học tập" list of its village (V2 'gdht'), the center's "Dòng họ học tập"
 * list (V2 'dhht', village null). Villages and units are appraised by the commune itself: no list.
 * A list the commune returned (list-returns.ts) is closed again only by a later closing (a higher revision).
 */
import { foldName } from '../../../../shared/domain/units.ts';
import type { Db } from '../../db/database.ts';
import { closedListRecords, returnedRevisions } from './list-closings.repository.ts';

/** The titles whose proposals come on a list the village branch closes. */
export const listedTitles = ['cdht', 'gdht', 'dhht'] as const;
export type ListedTitle = (typeof listedTitles)[number];
export const isListed = (title: string): title is ListedTitle => (listedTitles as readonly string[]).includes(title);

const key = (nodeId: string, title: string, village: string | null, year: number) =>
  `${nodeId}\u0000${title}\u0000${village === null ? '' : foldName(village)}\u0000${year}`;

/** One closed list as a center sent it up. */
export interface ClosedList {
  nodeId: string;
  listId: string;
  revision: number;
  title: ListedTitle;
  village: string | null;
  year: number;
  closedAt: string;
  /** How many the list names. */
  entries: number;
}

/** Every list closed now (closed, and not returned since), as the centers sent them. */
export async function closedLists(db: Db): Promise<ClosedList[]> {
  const returned = new Map(
    (await returnedRevisions(db)).map((r) => [`${r.node_id}\u0000${r.list_id}`, Number(r.revision)]),
  );
  const out: ClosedList[] = [];
  for (const r of await closedListRecords(db)) {
    const m = JSON.parse(r.payload) as Record<string, unknown>;
    const title = m.title ?? 'cdht';
    const village = m.village === null ? null : m.village;
    if (typeof title !== 'string' || !isListed(title) || typeof m.year !== 'number') continue;
    if (typeof m.id !== 'string' || typeof m.revision !== 'number') continue;
    if (village !== null && typeof village !== 'string') continue;
    if ((returned.get(`${r.origin}\u0000${m.id}`) ?? 0) >= m.revision) continue;
    if (title === 'dhht' ? village !== null && village !== '' : typeof village !== 'string') continue;
    out.push({
      nodeId: r.origin,
      listId: m.id,
      revision: m.revision,
      title,
      village: title === 'dhht' ? null : (village as string),
      year: m.year,
      closedAt: typeof m.closedAt === 'string' ? m.closedAt : '',
      entries: typeof m.entries === 'number' ? m.entries : 0,
    });
  }
  return out;
}

/** Whether a node's list of a title, village (null: the center's clans) and year is closed now. */
export async function listsClosed(
  db: Db,
): Promise<(nodeId: string, title: ListedTitle, village: string | null, year: number) => boolean> {
  const closed = new Set((await closedLists(db)).map((l) => key(l.nodeId, l.title, l.village, l.year)));
  return (nodeId, title, village, year) => closed.has(key(nodeId, title, title === 'dhht' ? null : village, year));
}

/** Whether a node's CDHT list of a village and year is closed, from the records the centers sent. */
export async function cdhtListsClosed(db: Db): Promise<(nodeId: string, village: string, year: number) => boolean> {
  const closed = await listsClosed(db);
  return (nodeId, village, year) => closed(nodeId, 'cdht', village, year);
}

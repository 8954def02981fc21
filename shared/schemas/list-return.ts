import * as v from 'valibot';
import { MultiLineText } from './text.ts';
import { proposalListTitles } from './proposal-list.ts';

/**
 * Returning a closed list (issue 24): the commune's Hội Khuyến học names one list a center closed
 * (chốt), by the center's node and the list's id, and says why; the list goes back to the center.
 */
export const ListReturnInputSchema = v.strictObject({
  nodeId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  listId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  reason: MultiLineText(3, 500),
});
export type ListReturnInput = v.InferOutput<typeof ListReturnInputSchema>;

/** One list a center closed and sent up, as the commune's screen shows it. */
export const ClosedListViewSchema = v.object({
  nodeId: v.string(),
  center: v.string(),
  listId: v.string(),
  revision: v.number(),
  title: v.picklist(proposalListTitles),
  /** Null for the center's clans' list. */
  village: v.nullable(v.string()),
  year: v.number(),
  closedAt: v.string(),
  entries: v.number(),
});
export type ClosedListView = v.InferOutput<typeof ClosedListViewSchema>;

/**
 * Returning a closed list (issue 24): the commune's Hội Khuyến học sends a list a center closed
 * (chốt) back to it with a reason. The list is no longer closed here (list-closings.ts), so nothing
 * on it can be decided until the center closes it again; the return goes down the feed to that
 * center only (ProposalListReturnedV1), which reopens its list; audited here and there.
 */
import { foldName } from '../../../../shared/domain/units.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { ClosedListView, ListReturnInput } from '../../../../shared/schemas/list-return.ts';
import type { ProposalListReturnedV1 } from '../../../../shared/sync/feed-messages.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import * as repo from './decisions.repository.ts';
import { closedLists, type ClosedList } from './list-closings.ts';
import { insertListReturn } from './list-closings.repository.ts';
import { modelProposals, proposals, type DecisionDeps } from './proposals.ts';

/** The lists of `year` the centers closed and the commune has not returned, by center and village. */
export async function closedListsOf(deps: DecisionDeps, year: number): Promise<ClosedListView[]> {
  const nodes = await repo.nodeNames(deps.db);
  return (await closedLists(deps.db))
    .filter((l) => l.year === year)
    .map((l) => ({ ...l, center: nodes.get(l.nodeId) ?? '' }))
    .sort(
      (a, b) =>
        a.center.localeCompare(b.center, 'vi') ||
        a.title.localeCompare(b.title) ||
        (a.village ?? '').localeCompare(b.village ?? '', 'vi'),
    );
}

/** Whether anyone (or any household or clan) on the list is named in a decision in force. */
async function decidedOn(deps: DecisionDeps, list: ClosedList): Promise<boolean> {
  const here = (nodeId: string, village: string | null) =>
    nodeId === list.nodeId && (list.title === 'dhht' || foldName(village ?? '') === foldName(list.village ?? ''));
  if (list.title === 'cdht')
    return (await proposals(deps, list.year)).some((p) => here(p.nodeId, p.village) && p.decision !== null);
  return (await modelProposals(deps, list.title, list.year)).some(
    (p) => here(p.nodeId, p.subject.village) && p.decision !== null,
  );
}

/**
 * Returns one closed list to its center. Refused when it is not closed now (never sent, or returned
 * already and not closed again: `list-return.not-closed`) or when a decision already names someone
 * on it (`list-return.decided`: the commune reopens that decision first); nothing is written then.
 */
export async function returnList(deps: DecisionDeps, actor: Actor, input: ListReturnInput): Promise<void> {
  const list = (await closedLists(deps.db)).find((l) => l.nodeId === input.nodeId && l.listId === input.listId);
  if (!list) throw new AppError('list-return.not-closed');
  if (await decidedOn(deps, list)) throw new AppError('list-return.decided');
  const at = deps.now().toISOString();
  const message: ProposalListReturnedV1 = {
    type: 'ProposalListReturnedV1',
    id: list.listId,
    revision: list.revision,
    title: list.title,
    village: list.village,
    year: list.year,
    reason: input.reason,
    returnedAt: at,
    by: actor.name,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertListReturn(trx, {
      node_id: list.nodeId,
      list_id: list.listId,
      revision: list.revision,
      title: list.title,
      village: list.village,
      year: list.year,
      reason: input.reason,
      at,
      by_id: actor.id,
      by_name: actor.name,
    });
    await repo.appendFeed(trx, {
      kind: 'list-return',
      recordId: list.listId,
      revision: list.revision,
      nodeId: list.nodeId,
      payload: JSON.stringify(message),
      at,
    });
    await audit(
      trx,
      actor,
      {
        action: 'hub.list-return',
        subjectKind: 'list',
        subjectId: list.listId,
        details: {
          nodeId: list.nodeId,
          title: list.title,
          village: list.village,
          year: list.year,
          reason: input.reason,
        },
      },
      at,
    );
  });
}

import * as v from 'valibot';
import { ProposalListReturnedV1Schema } from '../../../shared/sync/feed-messages.ts';
import type { ProposalListTitle } from '../../../shared/schemas/proposal-list.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import * as repo from './lists.repository.ts';
import { listKey } from './lists.service.ts';

/**
 * The commune returned a closed list (issue 24: ProposalListReturnedV1 in the downward feed): this
 * revision of the list is open again, its appraisals unlocked (but not one the commune decided),
 * the reason kept for the Lists screen, and the return audited here. A message that does not match
 * its schema, names a list this box does not hold, or a revision closed since (the branch closed it
 * again) changes nothing; the same return read twice neither.
 */
export async function applyListReturn(trx: Db, message: unknown, at: string): Promise<void> {
  const parsed = v.safeParse(ProposalListReturnedV1Schema, message);
  if (!parsed.success) return;
  const m = parsed.output;
  const list = await repo.findClosingById(trx, m.id);
  if (!list?.id || list.revision !== m.revision || list.title !== m.title || list.year !== m.year) return;
  if (await repo.findReturn(trx, list.id, list.revision)) return;
  await repo.saveReturn(trx, {
    list_id: list.id,
    revision: list.revision,
    reason: m.reason,
    returned_at: m.returnedAt,
    by_name: m.by,
    received_at: at,
  });
  const unlocked = await repo.unlockListed(trx, list.title, list.village, list.year);
  const title = list.title as ProposalListTitle;
  await audit(
    trx,
    null,
    {
      action: 'list.returned',
      subjectKind: 'list',
      subjectId: listKey({ title, year: list.year, village: title === 'dhht' ? null : list.village }),
      details: { reason: m.reason, by: m.by, revision: list.revision, unlocked },
    },
    at,
  );
}

import type {
  RecognitionDecisionV1,
  RecognitionDecisionV2,
  RecognitionDeclinedV1,
} from '../../../../shared/sync/feed-messages.ts';
import type { ModelSubjectKind } from '../../../../shared/schemas/model-criteria-set.ts';
import type { FeedPage } from '../../../../shared/sync/protocol.ts';
import type { Db } from '../../db/database.ts';
import type { CriteriaSets, CriteriaSetsV1 } from '../../criteria/criteria-sets.ts';
import type { HubDecisionRow, HubNodeRow } from '../../db/schema.ts';
import * as repo from './decisions.repository.ts';
import { TITLE } from './proposals.ts';

/** What the hub sends down to the nodes below: decisions, declines, the criteria sets, and each node's page of it. */
/** A person recognized after all: the refusal of the year is taken back, below too. */
export async function withdrawDecline(trx: Db, personId: string, year: number, at: string): Promise<void> {
  const row = await repo.declineInForce(trx, personId, year);
  if (!row) return;
  const next = { ...row, revision: row.revision + 1, withdrawn: 1, at };
  await repo.withdrawDeclineRow(trx, row.assessment_id, next.revision);
  await feedDecline(trx, next);
}

export async function feedDecline(trx: Db, row: repo.DeclineRow): Promise<void> {
  const message: RecognitionDeclinedV1 = {
    type: 'RecognitionDeclinedV1',
    id: row.assessment_id,
    revision: row.revision,
    personId: row.person_id,
    year: row.year,
    reason: row.reason,
    declinedOn: row.at,
    withdrawn: row.withdrawn === 1,
  };
  await repo.appendFeed(trx, {
    kind: 'decline',
    recordId: row.assessment_id,
    revision: row.revision,
    nodeId: row.node_id,
    payload: JSON.stringify(message),
    at: row.at,
  });
}

/**
 * One feed row per node named in the decision (and per node just left out of it), carrying only
 * that node's people (RecognitionDecisionV1, CDHT) or subjects (RecognitionDecisionV2, the four other titles).
 */
export async function feedDecision(trx: Db, row: HubDecisionRow, at: string, alsoNodes: string[] = []): Promise<void> {
  const named = await repo.decisionSubjects(trx, row.id);
  const byNode = new Map<string, { kind: string; id: string }[]>(alsoNodes.map((n) => [n, []]));
  for (const n of named)
    byNode.set(n.node_id, [...(byNode.get(n.node_id) ?? []), { kind: n.subject_kind, id: n.subject_id }]);
  const act = {
    id: row.id,
    revision: row.revision,
    title: row.title,
    year: row.year,
    number: row.number,
    signedOn: row.signed_on,
    signer: row.signer,
  };
  for (const [nodeId, subjects] of byNode) {
    const message: RecognitionDecisionV1 | RecognitionDecisionV2 =
      row.title === TITLE
        ? {
            type: 'RecognitionDecisionV1',
            ...act,
            personIds: subjects.map((s) => s.id),
            revokedReason: row.revoked_reason,
          }
        : {
            type: 'RecognitionDecisionV2',
            ...act,
            subjects: subjects.map((s) => ({ kind: s.kind as ModelSubjectKind, id: s.id })),
            revokedReason: row.revoked_reason,
          };
    await repo.appendFeed(trx, {
      kind: 'decision',
      recordId: row.id,
      revision: row.revision,
      nodeId,
      payload: JSON.stringify(message),
      at,
    });
  }
}

/**
 * Puts the criteria sets this hub goes by (its own, or its province's) into the feed for every node
 * below, as a new revision whenever they differ from the last published. Checked against the feed
 * once per change in this process, not on every read.
 */
export async function publishCriteriaSets(db: Db, criteria: CriteriaSets, at: string): Promise<void> {
  const choice = criteria.toPublish();
  if (!choice) return;
  await db.transaction().execute(async (trx) => {
    const last = await repo.lastFeedOf(trx, 'criteria-sets');
    if (last) {
      const { sets, byYear, current } = JSON.parse(last.payload) as CriteriaSetsV1;
      if (JSON.stringify({ sets, byYear, current }) === JSON.stringify(choice)) return;
    }
    const message: CriteriaSetsV1 = {
      type: 'CriteriaSetsV1',
      id: 'criteria-sets',
      revision: (last?.revision ?? 0) + 1,
      ...choice,
    };
    await repo.appendFeed(trx, {
      kind: 'criteria-sets',
      recordId: 'criteria-sets',
      revision: message.revision,
      nodeId: null,
      payload: JSON.stringify(message),
      at,
    });
  });
  criteria.markPublished(choice);
}

/** The feed of one node after its cursor: what is for it and what is for every node. */
export async function feedFor(db: Db, node: HubNodeRow, after: number, limit: number): Promise<FeedPage> {
  const rows = await repo.feedAfter(db, node.id, after, limit);
  const items = rows
    .slice(0, limit)
    .map((r) => ({ seq: r.seq, kind: r.kind, message: JSON.parse(r.payload) as FeedPage['items'][number]['message'] }));
  return { items, more: rows.length > limit };
}

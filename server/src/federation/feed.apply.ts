import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { RecognitionDecisionV1Schema } from '../../../shared/sync/feed-messages.ts';
import type { Database } from '../db/schema.ts';
import { applyResourceFromAbove, type Place } from '../resources/resources.feed.ts';

type FeedItem = { seq: number; kind: string; message: { type: string; id: string; revision: number } };

/**
 * Applies one item of the hub's downward feed at the center, idempotently by (kind, id, revision):
 * an older or equal revision changes nothing. Every item is kept as it came (feed_record), so
 * kinds this version does not act on yet are there for the version that will. A recognition
 * decision sets (or, revoked, takes back) the recognitions of the people it names who are here,
 * and locks their appraisals for that year. A resource made above takes its place in this box's
 * catalog (`place`: where this box stands; a commune hub passes it on to its centers).
 */
export async function applyFeedItem(trx: Transaction<Database>, item: FeedItem, at: string, place: Place): Promise<void> {
  const { kind, message } = item;
  const existing = await trx.selectFrom('feed_record').select('revision').where('kind', '=', kind).where('record_id', '=', message.id).executeTakeFirst();
  if (existing && existing.revision >= message.revision) return;
  const payload = JSON.stringify(message);
  await trx.insertInto('feed_record').values({ kind, record_id: message.id, revision: message.revision, payload, received_at: at })
    .onConflict((oc) => oc.columns(['kind', 'record_id']).doUpdateSet({ revision: message.revision, payload, received_at: at })).execute();

  if (kind === 'resource') return applyResourceFromAbove(trx, message, place, at);
  if (kind !== 'decision') return;
  const decision = v.safeParse(RecognitionDecisionV1Schema, message);
  if (!decision.success) return;
  const d = decision.output;
  await trx.deleteFrom('recognition').where('decision_id', '=', d.id).execute();
  if (d.revokedReason !== null || d.personIds.length === 0) return;
  const here = await trx.selectFrom('person').select('id').where('id', 'in', d.personIds).execute();
  // Decided results are locked below: their appraisals change only if the commune withdraws the decision.
  if (here.length > 0) {
    const decided = await trx.selectFrom('assessment').select('id').where('subject_id', 'in', here.map((p) => p.id))
      .where('year', '=', d.year).where('title', '=', d.title).execute();
    if (decided.length > 0) await trx.updateTable('appraisal').set({ locked: 1 }).where('assessment_id', 'in', decided.map((a) => a.id)).execute();
  }
  for (const { id } of here) {
    const row = { subject_kind: 'person', subject_id: id, title: d.title, year: d.year, decision_id: d.id, decision_number: d.number, signed_on: d.signedOn, signer: d.signer, received_at: at };
    await trx.insertInto('recognition').values(row)
      .onConflict((oc) => oc.columns(['subject_id', 'title', 'year']).doUpdateSet({ decision_id: d.id, decision_number: d.number, signed_on: d.signedOn, signer: d.signer, received_at: at }))
      .execute();
  }
}

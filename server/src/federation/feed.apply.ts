import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { modelTitles, titleSubject, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import { RecognitionDecisionV1Schema, RecognitionDecisionV2Schema, type RecognitionDecisionV2 } from '../../../shared/sync/feed-messages.ts';
import type { Database } from '../db/schema.ts';
import { applyResourceFromAbove, type Place } from '../resources/resources.feed.ts';

type FeedItem = { seq: number; kind: string; message: { type: string; id: string; revision: number } };
type Trx = Transaction<Database>;

/**
 * Applies one item of the hub's downward feed at the center, idempotently by (kind, id, revision):
 * an older or equal revision changes nothing. Every item is kept as it came (feed_record), so
 * kinds this version does not act on yet are there for the version that will. A recognition
 * decision sets (or, revoked, takes back) the recognitions of the subjects it names who are here
 * (people in V1; households, clans, villages and units in V2), and locks their appraisals for that
 * year. A resource made above takes its place in this box's catalog (`place`: where this box
 * stands; a commune hub passes it on to its centers). `villages`: those this box serves, by which a
 * decision on a learning community (a village, named by its name) is known to be about one here.
 */
export async function applyFeedItem(trx: Trx, item: FeedItem, at: string, place: Place, villages: readonly string[] = []): Promise<void> {
  const { kind, message } = item;
  const existing = await trx.selectFrom('feed_record').select('revision').where('kind', '=', kind).where('record_id', '=', message.id).executeTakeFirst();
  if (existing && existing.revision >= message.revision) return;
  const payload = JSON.stringify(message);
  await trx.insertInto('feed_record').values({ kind, record_id: message.id, revision: message.revision, payload, received_at: at })
    .onConflict((oc) => oc.columns(['kind', 'record_id']).doUpdateSet({ revision: message.revision, payload, received_at: at })).execute();

  if (kind === 'resource') return applyResourceFromAbove(trx, message, place, at);
  if (kind !== 'decision') return;
  const v1 = v.safeParse(RecognitionDecisionV1Schema, message);
  if (v1.success) {
    const d = v1.output;
    const here = d.revokedReason === null && d.personIds.length > 0 ? await trx.selectFrom('person').select('id').where('id', 'in', d.personIds).execute() : [];
    return recognize(trx, d, here.map((p) => ({ kind: 'person', id: p.id })), at);
  }
  const v2 = v.safeParse(RecognitionDecisionV2Schema, message);
  if (v2.success) return recognize(trx, v2.output, v2.output.revokedReason === null ? await modelSubjectsHere(trx, v2.output, villages) : [], at);
}

interface Decision { id: string; title: string; year: number; number: string; signedOn: string; signer: string }
interface Held { kind: string; id: string }

/**
 * Replaces the decision's recognitions with one per subject held here (none when it is withdrawn
 * or names none of them), and locks the appraisals of their assessments of that title and year:
 * a decided result changes only if the commune withdraws the decision.
 */
async function recognize(trx: Trx, d: Decision, held: readonly Held[], at: string): Promise<void> {
  await trx.deleteFrom('recognition').where('decision_id', '=', d.id).execute();
  for (const kind of new Set(held.map((s) => s.kind))) {
    const ids = held.filter((s) => s.kind === kind).map((s) => s.id);
    const decided = await trx.selectFrom('assessment').select('id').where('subject_kind', '=', kind).where('subject_id', 'in', ids)
      .where('year', '=', d.year).where('title', '=', d.title).execute();
    if (decided.length > 0) await trx.updateTable('appraisal').set({ locked: 1 }).where('assessment_id', 'in', decided.map((a) => a.id)).execute();
  }
  for (const s of held) {
    const decision = { decision_id: d.id, decision_number: d.number, signed_on: d.signedOn, signer: d.signer, received_at: at };
    await trx.insertInto('recognition').values({ subject_kind: s.kind, subject_id: s.id, title: d.title, year: d.year, ...decision })
      .onConflict((oc) => oc.columns(['subject_id', 'title', 'year']).doUpdateSet({ subject_kind: s.kind, ...decision }))
      .execute();
  }
}

/**
 * The subjects of a V2 decision this box holds: households, clans and units by their registry
 * rows, a community by the village's name among this box's villages. A subject of another kind
 * than the title assesses (a clan in a family decision) is not one.
 */
async function modelSubjectsHere(trx: Trx, d: RecognitionDecisionV2, villages: readonly string[]): Promise<Held[]> {
  if (!(modelTitles as readonly string[]).includes(d.title)) return [];
  const kind = titleSubject[d.title as ModelTitle];
  const ids = [...new Set(d.subjects.filter((s) => s.kind === kind).map((s) => s.id))];
  if (ids.length === 0) return [];
  if (kind === 'community') return ids.filter((id) => villages.includes(id)).map((id) => ({ kind, id }));
  const table = kind === 'household' ? 'household' : kind === 'clan' ? 'clan' : 'unit';
  const rows = await trx.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return rows.map((r) => ({ kind, id: r.id }));
}

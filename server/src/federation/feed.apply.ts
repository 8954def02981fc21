import * as v from 'valibot';
import { modelTitles, titleSubject, type ModelTitle } from '../../../shared/schemas/model-criteria-set.ts';
import {
  RecognitionDecisionV1Schema,
  RecognitionDecisionV2Schema,
  type RecognitionDecisionV2,
} from '../../../shared/sync/feed-messages.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { applyResourceFromAbove, type Place } from '../resources/resources.feed.ts';
import { applyListReturn } from '../lists/list-return.ts';
import * as repo from './feed.repository.ts';
import { keepKeyFromFeed } from '../certificates/document-key.ts';

type FeedItem = { seq: number; kind: string; message: { type: string; id: string; revision: number } };
type Trx = Transaction<Database>;

/**
 * Applies one item of the hub's downward feed at the center, idempotently by (kind, id, revision):
 * an older or equal revision changes nothing. Every item is kept as it came (feed_record), so
 * kinds this version does not act on yet are there for the version that will. A recognition
 * decision sets (or, revoked, takes back) the recognitions of the subjects it names who are here
 * (people in V1; households, clans, villages and units in V2), and locks their appraisals for that
 * year. A list the commune returned opens again (lists/list-return.ts). A resource made above takes its place in this box's catalog (`place`: where this box
 * stands; a commune hub passes it on to its centers). `villages`: those this box serves, by which a
 * decision on a learning community (a village, named by its name) is known to be about one here.
 * A hub's document key (issue 25) joins the keys that check certificates here.
 */
export async function applyFeedItem(
  trx: Trx,
  item: FeedItem,
  at: string,
  place: Place,
  villages: readonly string[] = [],
): Promise<void> {
  const { kind, message } = item;
  const existing = await repo.feedRevision(trx, kind, message.id);
  if (existing !== undefined && existing >= message.revision) return;
  await repo.putFeedRecord(trx, kind, message.id, message.revision, JSON.stringify(message), at);

  if (kind === 'resource') return applyResourceFromAbove(trx, message, place, at);
  if (kind === 'document-key') {
    await keepKeyFromFeed(trx, message, at);
    return;
  }
  // The commune returned a list this center closed: it opens again (issue 24).
  if (kind === 'list-return') return applyListReturn(trx, message, at);
  if (kind !== 'decision') return;
  const v1 = v.safeParse(RecognitionDecisionV1Schema, message);
  if (v1.success) {
    const d = v1.output;
    const here = d.revokedReason === null ? await repo.idsHeld(trx, 'person', d.personIds) : [];
    return recognize(
      trx,
      d,
      here.map((id) => ({ kind: 'person', id })),
      at,
    );
  }
  const v2 = v.safeParse(RecognitionDecisionV2Schema, message);
  if (v2.success)
    return recognize(
      trx,
      v2.output,
      v2.output.revokedReason === null ? await modelSubjectsHere(trx, v2.output, villages) : [],
      at,
    );
}

interface Decision {
  id: string;
  title: string;
  year: number;
  number: string;
  signedOn: string;
  signer: string;
}
interface Held {
  kind: string;
  id: string;
}

/**
 * Replaces the decision's recognitions with one per subject held here (none when it is withdrawn
 * or names none of them), and locks the appraisals of their assessments of that title and year:
 * a decided result changes only if the commune withdraws the decision.
 */
async function recognize(trx: Trx, d: Decision, held: readonly Held[], at: string): Promise<void> {
  await repo.deleteRecognitions(trx, d.id);
  for (const kind of new Set(held.map((s) => s.kind))) {
    await repo.lockAppraisals(
      trx,
      kind,
      held.filter((s) => s.kind === kind).map((s) => s.id),
      d.title,
      d.year,
    );
  }
  for (const s of held) {
    await repo.putRecognition(trx, {
      subject_kind: s.kind,
      subject_id: s.id,
      title: d.title,
      year: d.year,
      decision_id: d.id,
      decision_number: d.number,
      signed_on: d.signedOn,
      signer: d.signer,
      received_at: at,
    });
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
  return (await repo.idsHeld(trx, table, ids)).map((id) => ({ kind, id }));
}

import * as v from 'valibot';
import type { KioskConfig } from '../config/load.ts';
import type { Db } from '../db/database.ts';
import { appendPolicyToFeed, lastPolicyInFeed, policyFromAbove } from './evidence.repository.ts';

/**
 * Whether a villager's (CDHT) evidence photos go up to the commune. She is appraised at the center,
 * so her photos stay there (DOMAIN: send photos upward only where the appraisal is done there);
 * the photos of a household's, clan's, village's or unit's self-assessment still go up. The commune
 * may ask for the CDHT photos too: its `evidence.toCommune` travels down the feed to every center,
 * which goes by it from then on; until a center has heard from its commune (not enrolled yet, or a
 * hub of an earlier version), the center's own `evidence.toCommune` is used, set at the commune's
 * request. The choice is made when a photo is recorded: one kept at the center is never queued.
 */

/** The commune's choice, as the feed carries it to every center below (one record, a new revision per change). */
export const EvidencePolicyV1Schema = v.object({
  type: v.literal('EvidencePolicyV1'),
  id: v.literal('evidence-policy'),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  toCommune: v.picklist(['off', 'on']),
});
export type EvidencePolicyV1 = v.InferOutput<typeof EvidencePolicyV1Schema>;

const KIND = 'evidence-policy';

/**
 * `evidence.sent_to_hub` of a photo that stays at the center: never 0, so the sync (which sends the
 * files of rows still at 0) never picks it, and it has no record in the outbox either.
 */
export const STAYS_AT_CENTER = 2;

/** The value this hub last put in its feed, per database (one hub per process; tests run several). */
const published = new WeakMap<Db, string>();

/**
 * A commune hub puts its `evidence.toCommune` into its feed for every center below, as a new revision
 * when it differs from the last published one (read before each feed page, as the criteria sets are).
 * A province hub has no villagers' photos to ask for and publishes nothing.
 */
export async function publishEvidencePolicy(db: Db, config: Pick<KioskConfig, 'settings'>, at: string): Promise<void> {
  const s = config.settings;
  if (s.role !== 'hub' || s['hub.level'] !== 'commune') return;
  const toCommune = s['evidence.toCommune'];
  if (published.get(db) === toCommune) return;
  await db.transaction().execute(async (trx) => {
    const last = await lastPolicyInFeed(trx);
    if (last && (JSON.parse(last.payload) as EvidencePolicyV1).toCommune === toCommune) return;
    const message: EvidencePolicyV1 = {
      type: 'EvidencePolicyV1',
      id: KIND,
      revision: (last?.revision ?? 0) + 1,
      toCommune,
    };
    await appendPolicyToFeed(trx, message.revision, JSON.stringify(message), at);
  });
  published.set(db, toCommune);
}

/**
 * Whether a CDHT photo recorded now goes up: as the commune last said through the feed (kept as it
 * came in feed_record, federation/feed.apply.ts), or else as this center's own setting says.
 */
export async function cdhtPhotosGoUp(db: Db, config: Pick<KioskConfig, 'settings'>): Promise<boolean> {
  const payload = await policyFromAbove(db);
  const fromCommune = payload ? v.safeParse(EvidencePolicyV1Schema, JSON.parse(payload)) : null;
  return (fromCommune?.success ? fromCommune.output.toCommune : config.settings['evidence.toCommune']) === 'on';
}

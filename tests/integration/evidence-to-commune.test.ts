import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import {
  filesOn,
  hasFile,
  householdWithPhoto,
  hubEvidenceIds,
  jpeg,
  startPair,
  villagerWithPhotos,
  type Pair,
} from './evidence-pair.ts';

/**
 * A villager (CDHT) is appraised at her center, so her photos stay there unless the commune asked
 * for them (evidence.toCommune, sent down the feed); the photos of a household's self-assessment
 * go up with it. Real center and hub over an in-process link.
 */

let pair: Pair;
afterEach(async () => {
  await pair.close();
});

/** The evidence records queued in the center's outbox for the hub, by id. */
const queued = async () =>
  (
    await pair.center.db
      .selectFrom('outbox')
      .select('record_id')
      .where('record_kind', '=', 'evidence')
      .orderBy('record_id')
      .execute()
  ).map((r) => r.record_id);

// Two boxes, each with its staff signed in (scrypt PINs): more than the default 5 s on a busy machine.
describe('where evidence photos go', { timeout: 30_000 }, () => {
  it("with the commune's default, a villager's photo stays at the center while a household's goes up", async () => {
    pair = await startPair();
    const { center, hub } = pair;
    await pair.enrol();
    await pair.sync();
    const own = jpeg(1);
    const household = jpeg(2);
    const lan = await villagerWithPhotos(center, { CS03: own }, true);
    const home = await householdWithPhoto(center, household);
    // Hers is not queued at all; the household's is.
    expect(await queued()).toEqual([home.evidenceId]);
    expect(
      (
        await center.db
          .selectFrom('evidence')
          .select('sent_to_hub')
          .where('id', '=', lan.evidence[0]!)
          .executeTakeFirstOrThrow()
      ).sent_to_hub,
    ).toBe(2);

    await pair.sync();
    await pair.sync();
    expect(await hubEvidenceIds(hub)).toEqual([home.evidenceId]);
    expect(filesOn(hub)).toEqual([sha256Hex(household)]);
    expect(hasFile(center, own)).toBe(true);
    // Her assessment itself goes up as before, and the commune's screens work without her photo.
    expect(
      await hub.db
        .selectFrom('hub_record')
        .select('record_id')
        .where('record_kind', '=', 'assessment')
        .where('record_id', '=', lan.assessmentId)
        .execute(),
    ).toHaveLength(1);
    expect((await hub.json('GET', '/api/staff/hub/dashboard?year=2026', undefined, pair.hubStaff.admin)).status).toBe(
      200,
    );
    expect((await hub.json('GET', '/api/staff/hub/proposals?year=2026', undefined, pair.hubStaff.admin)).status).toBe(
      200,
    );
    // At the center, her photo is there to appraise.
    const appraisal = await center.json(
      'GET',
      `/api/staff/appraisals/${lan.assessmentId}`,
      undefined,
      pair.centerStaff.appraiser,
    );
    expect(appraisal.body.assessment.evidence.map((e: { id: string }) => e.id)).toEqual(lan.evidence);
  });

  it("when the commune asks for them (evidence.toCommune on), a villager's photos go up too", async () => {
    pair = await startPair({ hub: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' } });
    const { center, hub } = pair;
    await pair.enrol();
    // The commune's choice comes down the feed.
    await pair.sync();
    const photo = jpeg(3);
    const lan = await villagerWithPhotos(center, { CS03: photo });
    expect(await queued()).toEqual(lan.evidence);
    await pair.sync();
    expect(await hubEvidenceIds(hub)).toEqual(lan.evidence);
    expect(filesOn(hub)).toEqual([sha256Hex(photo)]);
  });

  it("a center goes by its own setting until its commune has said, then by the commune's", async () => {
    pair = await startPair({ center: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' } });
    const { center, hub } = pair;
    // Not enrolled yet: the center's own setting (set at the commune's request) queues her photo.
    const before = jpeg(4);
    const first = await villagerWithPhotos(center, { CS03: before });
    expect(await queued()).toEqual(first.evidence);
    await pair.enrol();
    await pair.sync();
    expect(await hubEvidenceIds(hub)).toEqual(first.evidence);
    // The commune said off (its default): from then on a villager's photo stays.
    const after = jpeg(5);
    const second = await villagerWithPhotos(center, { CS03: after });
    expect(await queued()).toEqual(first.evidence);
    await pair.sync();
    expect(await hubEvidenceIds(hub)).toEqual(first.evidence);
    expect(filesOn(hub)).toEqual([sha256Hex(before)]);
    expect(second.evidence).toHaveLength(1);
  });

  it("the commune's choice goes down once, not again at every sync", async () => {
    pair = await startPair({ hub: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' } });
    await pair.enrol();
    await pair.sync();
    await pair.sync();
    const published = await pair.hub.db
      .selectFrom('hub_feed')
      .select(['revision', 'node_id', 'payload'])
      .where('kind', '=', 'evidence-policy')
      .execute();
    expect(published).toEqual([
      {
        revision: 1,
        node_id: null,
        payload: JSON.stringify({ type: 'EvidencePolicyV1', id: 'evidence-policy', revision: 1, toCommune: 'on' }),
      },
    ]);
    expect(
      await pair.center.db
        .selectFrom('feed_record')
        .select(['revision'])
        .where('kind', '=', 'evidence-policy')
        .execute(),
    ).toEqual([{ revision: 1 }]);
  });
});

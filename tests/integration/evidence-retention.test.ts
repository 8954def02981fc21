import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import { filesOn, hasFile, householdWithPhoto, hubEvidenceIds, jpeg, villagerWithPhotos } from './evidence-pair.ts';
import {
  pair,
  closePairAfterEachTest,
  openPair,
  nightOf,
  runs,
  evidenceCheck,
  pgUrl,
  hubStorages,
  pass,
} from './evidence-retention-setup.ts';

import { closeVillageLists } from './hub/close-lists.ts';
import { people } from '../fixtures/people.ts';

closePairAfterEachTest();

/**
 * Evidence photos are deleted evidence.keepMonths (12) after the year's decision, at the center and
 * at a commune hub that holds them (here it asked for the CDHT photos too), by a nightly job: records
 * and files, a file still named by a kept record staying; scores, appraisals and decisions stay; one
 * audit row per run; counted on the health screen. The clock is the boxes' own, moved by the test.
 */

describe('evidence photos past their time', { timeout: 60_000 }, () => {
  it.each(hubStorages)(
    "are deleted 12 months after the year's decision (or the year's end), at the center and at the hub on %s, keeping what is still in use",
    async (storage) => {
      await openPair({
        hub: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' },
        hubPg: storage === 'postgres' ? pgUrl : null,
      });
      const { center, hub } = pair;
      await pair.enrol();
      await pair.sync();

      // Bà Lan's own photo, and a photo she shares with a household (the same certificate, one file).
      const own = jpeg(11);
      const shared = jpeg(12);
      const lan = await villagerWithPhotos(center, { CS03: own, CS04: shared }, true);
      const home = await householdWithPhoto(center, shared);
      expect(
        (await center.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, pass, pair.centerStaff.appraiser))
          .status,
      ).toBe(200);
      await closeVillageLists(center, pair.centerStaff.appraiser, 2026, [people.baLan]);
      await pair.sync();
      expect(filesOn(hub)).toEqual([sha256Hex(own), sha256Hex(shared)].sort());
      // The commune recognizes her for 2026 on 5 December; the decision comes down. No family decision for 2026 comes.
      expect(
        (
          await hub.json(
            'POST',
            '/api/staff/hub/decisions',
            {
              year: 2026,
              number: '125/QĐ-UBND',
              signedOn: '2026-12-05',
              signer: 'Chủ tịch UBND xã',
              personIds: [lan.personId],
            },
            pair.hubStaff.admin,
          )
        ).status,
      ).toBe(200);
      await pair.sync();
      const scoresBefore = await center.db
        .selectFrom('assessment_item')
        .selectAll()
        .where('assessment_id', '=', lan.assessmentId)
        .execute();

      // The day before her photos' time is up: nothing goes, and the run is audited all the same.
      expect(await nightOf('2027-12-03T19:00:00Z')).toMatchObject({
        center: { photos: 0, files: 0 },
        hub: { photos: 0, files: 0 },
      });
      expect(filesOn(center)).toHaveLength(2);
      expect(await hubEvidenceIds(hub)).toHaveLength(3);

      // 5 December 2027 in Vietnam (still the 4th in UTC): her two photos go; the shared file stays for the household.
      expect(await nightOf('2027-12-04T19:00:00Z')).toMatchObject({
        center: { photos: 2, files: 1 },
        hub: { photos: 2, files: 1 },
      });
      for (const h of [center, hub]) {
        expect(hasFile(h, own)).toBe(false);
        expect(hasFile(h, shared)).toBe(true);
      }
      expect((await center.db.selectFrom('evidence').select('id').execute()).map((e) => e.id)).toEqual([
        home.evidenceId,
      ]);
      expect(await hubEvidenceIds(hub)).toEqual([home.evidenceId]);
      // Scores, appraisal and decision stay; her screens still open, without the photos.
      expect(
        await center.db
          .selectFrom('assessment_item')
          .selectAll()
          .where('assessment_id', '=', lan.assessmentId)
          .execute(),
      ).toEqual(scoresBefore);
      const appraisal = await center.json(
        'GET',
        `/api/staff/appraisals/${lan.assessmentId}`,
        undefined,
        pair.centerStaff.appraiser,
      );
      expect(appraisal.status).toBe(200);
      expect(appraisal.body.assessment.evidence).toEqual([]);
      expect(appraisal.body.appraisal).toMatchObject({ status: 'appraised' });
      expect((await center.json('GET', `/api/people/${lan.personId}`)).body.recognitions).toEqual([
        { title: 'cdht', year: 2026, decisionNumber: '125/QĐ-UBND', signedOn: '2026-12-05' },
      ]);
      const data = await center.json(
        'GET',
        `/api/staff/people/${lan.personId}/data`,
        undefined,
        pair.centerStaff.facilitator,
      );
      expect(data.status).toBe(200);
      expect(data.body.assessments[0].evidence).toEqual([]);
      const proposals = (await hub.json('GET', '/api/staff/hub/proposals?year=2026', undefined, pair.hubStaff.admin))
        .body as { personId: string }[];
      expect(proposals.map((p) => p.personId)).toEqual([lan.personId]);

      // The household's 2026 photo had no decision: its time is up a year after 2026 ended. Then the shared file goes too.
      expect(await nightOf('2027-12-31T10:00:00Z')).toMatchObject({ center: { photos: 0 }, hub: { photos: 0 } });
      expect(await nightOf('2027-12-31T19:00:00Z')).toMatchObject({
        center: { photos: 1, files: 1 },
        hub: { photos: 1, files: 1 },
      });
      expect(filesOn(center)).toEqual([]);
      expect(filesOn(hub)).toEqual([]);
      expect((await center.json('GET', `/api/model-assessments/${home.assessmentId}`)).body.evidence).toEqual([]);

      // One audit row per run, by the box itself, with its count; the health screen adds them up.
      for (const h of [center, hub]) {
        expect((await runs(h)).map((r) => ({ ...r, details: JSON.parse(r.details) }))).toEqual([
          { actor_id: null, subject_kind: 'evidence', details: { photos: 0, files: 0, keepMonths: 12, years: [] } },
          { actor_id: null, subject_kind: 'evidence', details: { photos: 2, files: 1, keepMonths: 12, years: [2026] } },
          { actor_id: null, subject_kind: 'evidence', details: { photos: 0, files: 0, keepMonths: 12, years: [] } },
          { actor_id: null, subject_kind: 'evidence', details: { photos: 1, files: 1, keepMonths: 12, years: [2026] } },
        ]);
        expect(await evidenceCheck(h, '2028-01-01T03:00:00Z')).toEqual({
          id: 'evidence',
          status: 'ok',
          message:
            '3 ảnh minh chứng đã xóa theo thời hạn lưu (giữ 12 tháng sau quyết định công nhận của năm); lần kiểm tra gần nhất ngày 01/01/2028.',
        });
      }
      // Days without a run are a warning.
      expect(await evidenceCheck(center, '2028-01-03T03:00:00Z')).toMatchObject({
        status: 'warn',
        message: expect.stringContaining('đã cũ 2 ngày (01/01/2028)'),
      });
    },
  );

  it('a box that never ran the job says so, and the health screen still counts it', async () => {
    await openPair();
    const res = await pair.center.json('GET', '/api/health');
    expect(res.body.checks.find((c: { id: string }) => c.id === 'evidence')).toEqual({
      id: 'evidence',
      status: 'ok',
      message:
        'Chưa có lần xóa ảnh minh chứng theo thời hạn lưu nào (giữ 12 tháng sau quyết định công nhận của năm; máy tự kiểm tra mỗi đêm).',
    });
  });

  it('a withdrawn decision starts no clock; a shorter setting deletes sooner', async () => {
    await openPair({ hub: { KIOSK_EVIDENCE_TO_COMMUNE: 'on' }, center: { KIOSK_EVIDENCE_KEEP_MONTHS: '6' } });
    const { center, hub } = pair;
    await pair.enrol();
    await pair.sync();
    const lan = await villagerWithPhotos(center, { CS03: jpeg(21) }, true);
    expect(
      (await center.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, pass, pair.centerStaff.appraiser)).status,
    ).toBe(200);
    await closeVillageLists(center, pair.centerStaff.appraiser, 2026, [people.baLan]);
    await pair.sync();
    const made = await hub.json(
      'POST',
      '/api/staff/hub/decisions',
      {
        year: 2026,
        number: '125/QĐ-UBND',
        signedOn: '2026-12-05',
        signer: 'Chủ tịch UBND xã',
        personIds: [lan.personId],
      },
      pair.hubStaff.admin,
    );
    expect(
      (
        await hub.json(
          'POST',
          `/api/staff/hub/decisions/${made.body.id}/revoke`,
          { reason: 'Ghi nhầm số quyết định' },
          pair.hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    await pair.sync();
    // Six months after the withdrawn decision: kept at the center (the clock runs from the year's end, 1 Jan 2027).
    expect((await nightOf('2027-06-10T03:00:00Z')).center.photos).toBe(0);
    // Six months after 2026 ended at the center; at the hub (12 months, its default) not yet.
    expect(await nightOf('2027-07-01T03:00:00Z')).toMatchObject({
      center: { photos: 1, files: 1 },
      hub: { photos: 0 },
    });
    expect(await hubEvidenceIds(hub)).toHaveLength(1);
  });

  it("a refusal of her proposal is the year's decision too, for the center it reaches", async () => {
    await openPair();
    const { center, hub } = pair;
    await pair.enrol();
    const lan = await villagerWithPhotos(center, { CS03: jpeg(41) }, true);
    expect(
      (await center.json('PUT', `/api/staff/appraisals/${lan.assessmentId}`, pass, pair.centerStaff.appraiser)).status,
    ).toBe(200);
    await pair.sync();
    // Declined on 23 November 2026 (the hub's clock): 12 months from that day.
    expect(
      (
        await hub.json(
          'POST',
          '/api/staff/hub/declines',
          { personId: lan.personId, year: 2026, reason: 'Minh chứng CS03 chưa rõ' },
          pair.hubStaff.admin,
        )
      ).status,
    ).toBe(200);
    await pair.sync();
    expect((await nightOf('2027-11-22T03:00:00Z')).center.photos).toBe(0);
    expect((await nightOf('2027-11-23T03:00:00Z')).center).toMatchObject({ photos: 1, files: 1 });
    expect(filesOn(center)).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import { build } from '../fixtures/people.ts';
import {
  h,
  staff,
  freshBoxEachTest,
  jpeg,
  fileOf,
  upload,
  register,
  household,
  declared,
  gdht,
  evidenceSent,
} from './model-evidence-setup.ts';

freshBoxEachTest();

/**
 * Evidence photos of the four other titles: the same rows, files, limits and EvidenceUpsertV1 as a
 * person's, on the declared items of a household's, clan's, village's or unit's self-assessment;
 * a computed item takes none. The photos show in the assessment, the branch's appraisal case and
 * the commune's (for villages and units), and go with a household erased with its only adult.
 */

describe("a photo on a household's declared item", () => {
  it("is stored by its hash, listed in the assessment and the branch's appraisal case, and sent up once", async () => {
    const id = await household(await register('Hoàng Văn Páo', 1970));
    const assessmentId = build.id();
    expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, { 'G3.1': 8 }))).status).toBe(200);

    const evidenceId = build.id();
    const bytes = jpeg();
    const res = await upload(assessmentId, evidenceId, 'G3.1', bytes);
    expect(res.status).toBe(200);
    const photo = await res.json();
    expect(photo).toEqual({
      id: evidenceId,
      indicatorId: 'G3.1',
      kind: 'photo',
      sha256: sha256Hex(bytes),
      bytes: 2000,
    });
    expect(existsSync(fileOf(photo.sha256))).toBe(true);
    expect(await evidenceSent()).toEqual([
      {
        id: evidenceId,
        revision: 1,
        message: {
          type: 'EvidenceUpsertV1',
          id: evidenceId,
          revision: 1,
          assessmentId,
          indicatorId: 'G3.1',
          kind: 'photo',
          sha256: photo.sha256,
          mime: 'image/jpeg',
          bytes: 2000,
        },
      },
    ]);

    // A retry after a lost answer (the tablet's outbox sends it again) changes nothing and sends nothing.
    const before = await h.counts();
    const again = await upload(assessmentId, evidenceId, 'G3.1', bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(photo);
    expect(await h.counts()).toEqual(before);
    // Another photo under the same id is refused.
    expect((await (await upload(assessmentId, evidenceId, 'G3.1', jpeg(2000, 2))).json()).code).toBe(
      'evidence.id-conflict',
    );

    expect((await h.json('GET', `/api/model-assessments/${assessmentId}`)).body.evidence).toEqual([photo]);
    expect((await h.json('GET', `/api/model-assessments/current/gdht/${id}`)).body.assessment.evidence).toEqual([
      photo,
    ]);

    // Submitted: the branch's appraisal case shows it beside the item; the staff screen reads the file.
    expect(
      (await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'))).status,
    ).toBe(200);
    const appraisal = await h.json('GET', `/api/staff/model-appraisals/${assessmentId}`, undefined, staff.appraiser);
    expect(appraisal.body.assessment.evidence).toEqual([photo]);
    const file = await h.app.request(`/api/staff/evidence/${evidenceId}`, { headers: { cookie: staff.appraiser } });
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);

    // As for a person: no new photo once submitted, and the one sent is still a no-op.
    const afterSubmit = await h.counts();
    expect((await (await upload(assessmentId, build.id(), 'G3.2')).json()).code).toBe('assessment.already-submitted');
    expect((await upload(assessmentId, evidenceId, 'G3.1', bytes)).status).toBe(200);
    expect(await h.counts()).toEqual(afterSubmit);
  });

  it.each([
    ['a computed item', 'G1.1'],
    ['an item of no set', 'G9.9'],
    ['a CDHT indicator', 'CS03'],
  ])('refuses %s and changes nothing', async (_name, itemId) => {
    const id = await household(await register('Hoàng Văn Páo', 1970));
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, { 'G3.1': 8 }));
    const before = await h.counts();
    const res = await upload(assessmentId, build.id(), itemId);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'assessment.indicator-unknown', details: { indicatorId: itemId } });
    expect(await h.counts()).toEqual(before);
    expect(existsSync(join(h.dir, 'evidence'))).toBe(false);
  });

  it("keeps the same limits as a person's photo: not an image, too large", async () => {
    const id = await household(await register('Hoàng Văn Páo', 1970));
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, {}));
    const before = await h.counts();
    expect(
      (
        await (
          await upload(assessmentId, build.id(), 'G3.1', new Uint8Array(new TextEncoder().encode('<html>')))
        ).json()
      ).code,
    ).toBe('evidence.not-an-image');
    expect((await (await upload(assessmentId, build.id(), 'G3.1', jpeg(2_000_001))).json()).code).toBe(
      'evidence.too-large',
    );
    expect(await h.counts()).toEqual(before);
  });
});

describe("a photo on a village's, clan's or unit's declared item", () => {
  it('is taken only with staff signed in, as their answers are', async () => {
    const assessmentId = build.id();
    const targets = { 'C1.1': true, 'C1.2': false };
    expect(
      (
        await h.json(
          'PUT',
          `/api/model-assessments/${assessmentId}`,
          {
            title: 'cddht',
            subjectId: 'Thôn Khe Ngang',
            criteriaSetId: 'cddht-2025',
            criteriaSetVersion: '2025.1',
            status: 'draft',
            answers: Object.entries(targets).map(([itemId, value]) => ({ itemId, value })),
          },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    const before = await h.counts();
    expect((await (await upload(assessmentId, build.id(), 'C1.1')).json()).code).toBe('auth.required');
    expect((await (await upload(assessmentId, build.id(), 'C2.1', jpeg(), staff.facilitator)).json()).code).toBe(
      'assessment.indicator-unknown',
    );
    expect(await h.counts()).toEqual(before);

    const res = await upload(assessmentId, build.id(), 'C1.1', jpeg(), staff.facilitator);
    expect(res.status).toBe(200);
    // A village's self-assessment is read as it is written: with staff signed in.
    expect((await h.json('GET', `/api/model-assessments/${assessmentId}`)).body.code).toBe('auth.required');
    expect(
      (await h.json('GET', `/api/model-assessments/${assessmentId}`, undefined, staff.facilitator)).body.evidence,
    ).toEqual([await res.json()]);
    expect((await evidenceSent()).map((e) => e.message)).toEqual([
      expect.objectContaining({ type: 'EvidenceUpsertV1', assessmentId, indicatorId: 'C1.1' }),
    ]);
  });
});

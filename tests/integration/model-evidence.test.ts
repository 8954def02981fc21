import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubNodeRow } from '../../server/src/db/schema.ts';
import { storeEvidenceFile, sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import { applyPush } from '../../server/src/hub/ingest/hub.service.ts';
import type { AssessmentUpsertV1, ChangeMessage, EvidenceUpsertV1 } from '../../shared/sync/messages.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

/**
 * Evidence photos of the four other titles: the same rows, files, limits and EvidenceUpsertV1 as a
 * person's, on the declared items of a household's, clan's, village's or unit's self-assessment;
 * a computed item takes none. The photos show in the assessment, the branch's appraisal case and
 * the commune's (for villages and units), and go with a household erased with its only adult.
 */

let h: Harness;
let staff: Awaited<ReturnType<typeof staffSessions>>;
beforeEach(async () => {
  h = await startHarness();
  staff = await staffSessions(h);
});
afterEach(async () => {
  await h.close();
});

/** Bytes that start like a JPEG: the box sniffs the type, it does not trust the header. */
const jpeg = (size = 2000, seed = 1): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) % 251);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  b.set([0xff, 0xd9], size - 2);
  return b;
};
const fileOf = (sha256: string) => join(h.dir, 'evidence', sha256.slice(0, 2), sha256);

// With the head's tablet session token, as the tablet sends it (a photo's body is raw, so not through h.json).
const upload = (
  assessmentId: string,
  evidenceId: string,
  itemId: string,
  bytes: Uint8Array<ArrayBuffer> = jpeg(),
  cookie?: string,
) =>
  h.app.request(`/api/assessments/${assessmentId}/evidence/${evidenceId}?indicator=${encodeURIComponent(itemId)}`, {
    method: 'PUT',
    headers: {
      'content-type': 'image/jpeg',
      ...(cookie ? { cookie } : {}),
      ...h.tablet.header('PUT', `/api/assessments/${assessmentId}/evidence/${evidenceId}`),
    },
    body: bytes,
  });

type Registered = RegisteredAdult;
const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

async function household(head: Registered, ...members: Registered[]): Promise<string> {
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village: 'Thôn Khe Ngang',
        headCode: head.code,
        headBirthYear: head.birthYear,
      })
    ).status,
  ).toBe(200);
  for (const m of members)
    expect(
      (await h.json('POST', `/api/households/${id}/members`, { code: m.code, birthYear: m.birthYear })).status,
    ).toBe(200);
  return id;
}

const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
const gdht = (subjectId: string, answers: Record<string, number>, status: 'draft' | 'submitted' = 'draft') => ({
  title: 'gdht',
  subjectId,
  criteriaSetId: 'gdht-2025',
  criteriaSetVersion: '2025.1',
  status,
  answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
});

/** The evidence records in the box's outbox, oldest first. */
const evidenceSent = async () =>
  (
    await h.db
      .selectFrom('outbox')
      .select(['record_id', 'revision', 'payload'])
      .where('record_kind', '=', 'evidence')
      .orderBy('seq')
      .execute()
  ).map((r) => ({
    id: r.record_id,
    revision: r.revision,
    message: JSON.parse(r.payload) as EvidenceUpsertV1 | { redacted: true },
  }));

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

describe('erasure', () => {
  it("the household's only adult erased: its photos go with its assessment (rows, files, payloads); a file someone else also sent stays", async () => {
    const chu = await register('Vàng A Chứ', 1965);
    const id = await household(chu);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, { 'G3.1': 8 }));
    const own = jpeg(2000, 7);
    const shared = jpeg(2000, 8);
    const [ownId, sharedId] = [build.id(), build.id()];
    expect((await upload(assessmentId, ownId, 'G3.1', own)).status).toBe(200);
    expect((await upload(assessmentId, sharedId, 'G4.1', shared)).status).toBe(200);
    // Bà Lan took the same photo for her own assessment.
    const lanId = build.id();
    await h.json('PUT', `/api/people/${lanId}`, people.baLan);
    const lanAssessment = build.id();
    await h.json('PUT', `/api/assessments/${lanAssessment}`, build.assessment(lanId, { status: 'draft' }));
    expect((await upload(lanAssessment, build.id(), 'CS03', shared)).status).toBe(200);

    expect((await h.json('DELETE', `/api/staff/people/${chu.id}`, undefined, staff.admin)).status).toBe(200);
    expect(await h.db.selectFrom('evidence').select('id').where('assessment_id', '=', assessmentId).execute()).toEqual(
      [],
    );
    expect(await h.db.selectFrom('assessment').select('id').where('id', '=', assessmentId).execute()).toEqual([]);
    expect(existsSync(fileOf(sha256Hex(own)))).toBe(false);
    expect(existsSync(fileOf(sha256Hex(shared)))).toBe(true);
    const sent = await evidenceSent();
    expect(sent.filter((e) => [ownId, sharedId].includes(e.id)).map((e) => e.message)).toEqual([
      { redacted: true },
      { redacted: true },
    ]);
    // Bà Lan's own photo stays at the center (a CDHT photo): it was never queued.
    expect(sent.filter((e) => ![ownId, sharedId].includes(e.id))).toEqual([]);
  });

  it('a member erased: the household stays, and so do its photos', async () => {
    const pao = await register('Hoàng Văn Páo', 1970);
    const soi = await register('Lò Thị Sợi', 1973);
    const id = await household(pao, soi);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, { 'G3.1': 8 }));
    const bytes = jpeg();
    const photo = await (await upload(assessmentId, build.id(), 'G3.1', bytes)).json();

    expect((await h.json('DELETE', `/api/staff/people/${soi.id}`, undefined, staff.admin)).status).toBe(200);
    expect((await h.json('GET', `/api/model-assessments/${assessmentId}`)).body.evidence).toEqual([photo]);
    expect(existsSync(fileOf(photo.sha256))).toBe(true);
    expect((await evidenceSent()).map((e) => e.message)).toEqual([
      expect.objectContaining({ id: photo.id, assessmentId }),
    ]);
  });
});

describe('on the hub', () => {
  it('the commune appraising a village sees the photos the center sent up, and opens them', async () => {
    const hub = await startHarness(undefined, { KIOSK_ROLE: 'hub' });
    try {
      const officer = (await staffSessions(hub)).admin;
      const at = '2026-11-20T03:00:00.000Z';
      const nodeId = build.id();
      await hub.db
        .insertInto('hub_node')
        .values({
          id: nodeId,
          name: 'TTHTCĐ Tân Lập',
          public_key: 'x',
          status: 'active',
          enrolled_at: at,
          last_contact_at: at,
          last_seq: 0,
          backlog: 0,
        })
        .execute();
      const node: HubNodeRow = await hub.db
        .selectFrom('hub_node')
        .selectAll()
        .where('id', '=', nodeId)
        .executeTakeFirstOrThrow();
      const assessmentId = build.id();
      const bytes = jpeg(3000, 5);
      const sha256 = sha256Hex(bytes);
      const assessment: AssessmentUpsertV1 = {
        type: 'AssessmentUpsertV1',
        id: assessmentId,
        revision: 2,
        subjectKind: 'community',
        subjectId: 'Thôn Đồng Chằm',
        title: 'cddht',
        year: 2026,
        criteriaSetId: 'cddht-2025',
        criteriaSetVersion: '2025.1',
        group: '',
        status: 'submitted',
        submittedAt: at,
        assistedBy: null,
        answers: ['C1.1', 'C1.2', 'C4.1', 'C4.2', 'C5.1', 'C5.2', 'C5.3'].map((indicatorId) => ({
          indicatorId,
          score: 1,
          note: null,
          confirmed: false,
        })),
      };
      const evidenceId = build.id();
      const evidence: EvidenceUpsertV1 = {
        type: 'EvidenceUpsertV1',
        id: evidenceId,
        revision: 1,
        assessmentId,
        indicatorId: 'C1.1',
        kind: 'photo',
        sha256,
        mime: 'image/jpeg',
        bytes: 3000,
      };
      const changes: ChangeMessage[] = [assessment, evidence];
      const body = gzipSync(
        Buffer.from(JSON.stringify({ changes: changes.map((message, i) => ({ seq: i + 1, message })), backlog: 0 })),
      );
      await applyPush(
        { db: hub.db, now: () => new Date(at), hubName: 'Xã Tân Lập', enrolmentHours: 72, clockSkewSeconds: 300 },
        node,
        body,
      );

      const view = { id: evidenceId, indicatorId: 'C1.1', kind: 'photo', sha256, bytes: 3000 };
      expect(
        (await hub.json('GET', `/api/staff/hub/model-appraisals/${assessmentId}`, undefined, officer)).body.assessment
          .evidence,
      ).toEqual([view]);
      // The file follows its record: until it has come, there is nothing to open.
      expect((await hub.json('GET', `/api/staff/evidence/${evidenceId}`, undefined, officer)).body.code).toBe(
        'evidence.not-found',
      );
      storeEvidenceFile(join(hub.dir, 'evidence'), sha256, bytes);
      const file = await hub.app.request(`/api/staff/evidence/${evidenceId}`, { headers: { cookie: officer } });
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    } finally {
      await hub.close();
    }
  });
});

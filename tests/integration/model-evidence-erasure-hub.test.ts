import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubNodeRow } from '../../server/src/db/schema.ts';
import { storeEvidenceFile, sha256Hex } from '../../server/src/evidence/evidence.store.ts';
import { applyPush } from '../../server/src/hub/ingest/hub.service.ts';
import type { AssessmentUpsertV1, ChangeMessage, EvidenceUpsertV1 } from '../../shared/sync/messages.ts';
import { build, people } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness } from './harness.ts';
import {
  h,
  staff,
  freshBoxEachTest,
  jpeg,
  fileOf,
  upload,
  register,
  household,
  gdht,
  evidenceSent,
} from './model-evidence-setup.ts';

freshBoxEachTest();

/** Evidence photos of the four other titles erased with their household, and shown on the commune hub. */
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

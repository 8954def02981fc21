import { afterEach, beforeEach, expect } from 'vitest';
import { applyFeedItem } from '../../server/src/federation/feed.apply.ts';
import type { RecognitionDecisionV2 } from '../../shared/sync/feed-messages.ts';
import type { AppraisalUpsertV1 } from '../../shared/sync/messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
export const VILLAGE = 'Thôn Khe Ngang';
export const YEAR = 2026;

export type Registered = RegisteredAdult;
export const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

export const familyAnswers = Object.entries({
  'G1.2': 10,
  'G1.3': 8,
  'G2.2': 9,
  'G2.3': 5,
  'G3.1': 8,
  'G3.2': 7,
  'G4.1': 9,
  'G4.2': 8,
}).map(([itemId, value]) => ({ itemId, value }));
export const clanAnswers = Object.entries({ 'D1.2': 10, 'D2.1': 15, 'D2.2': 15, 'D3.2': 15 }).map(
  ([itemId, value]) => ({
    itemId,
    value,
  }),
);

export let head: Registered;
export let household: { id: string; assessmentId: string };
export let clan: { id: string; assessmentId: string };

/** Before each test a fresh box with a household and a clan assessed, appraised and decided by the commune; closed after. */
export function freshBoxWithDecidedEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
    head = await register('Hoàng Văn Páo', 1970);
    // A household with its submitted self-assessment, appraised by the branch.
    const householdId = build.id();
    expect(
      (
        await h.json('PUT', `/api/households/${householdId}`, {
          village: VILLAGE,
          headCode: head.code,
          headBirthYear: head.birthYear,
        })
      ).status,
    ).toBe(200);
    await h.json('PUT', `/api/households/${householdId}/facts/${YEAR}`, {
      schoolAgeChildren: 0,
      allChildrenInSchool: null,
    });
    const familyAssessment = build.id();
    expect(
      (
        await h.json('PUT', `/api/model-assessments/${familyAssessment}`, {
          title: 'gdht',
          subjectId: householdId,
          criteriaSetId: 'gdht-2025',
          criteriaSetVersion: '2025.1',
          status: 'submitted',
          answers: familyAnswers,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${familyAssessment}`,
          { answers: familyAnswers },
          staff.appraiser,
        )
      ).status,
    ).toBe(200);
    household = { id: householdId, assessmentId: familyAssessment };

    // Its clan, self-assessed with a facilitator and appraised by the branch.
    const clanId = build.id();
    expect(
      (
        await h.json(
          'POST',
          '/api/staff/clans',
          { id: clanId, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo' },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect(
      (await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: head.code }, staff.facilitator))
        .status,
    ).toBe(200);
    const clanAssessment = build.id();
    expect(
      (
        await h.json(
          'PUT',
          `/api/model-assessments/${clanAssessment}`,
          {
            title: 'dhht',
            subjectId: clanId,
            criteriaSetId: 'dhht-2025',
            criteriaSetVersion: '2025.1',
            status: 'submitted',
            answers: clanAnswers,
          },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect(
      (await h.json('PUT', `/api/staff/model-appraisals/${clanAssessment}`, { answers: clanAnswers }, staff.appraiser))
        .status,
    ).toBe(200);
    clan = { id: clanId, assessmentId: clanAssessment };
  });
  afterEach(async () => {
    await h.close();
  });
}

export let seq = 0;
export async function apply(message: RecognitionDecisionV2): Promise<void> {
  await h.db
    .transaction()
    .execute((trx) =>
      applyFeedItem(
        trx,
        { seq: ++seq, kind: 'decision', message },
        '2026-11-24T00:00:00.000Z',
        'center',
        h.config.center.villages,
      ),
    );
}
export const decision = (
  title: 'gdht' | 'dhht',
  subject: { kind: 'household' | 'clan'; id: string },
  over: Partial<RecognitionDecisionV2> = {},
): RecognitionDecisionV2 => ({
  type: 'RecognitionDecisionV2',
  id: `dec-${title}-15`,
  revision: 1,
  title,
  year: YEAR,
  number: '15/QĐ-UBND',
  signedOn: '2026-11-20',
  signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
  subjects: [subject],
  revokedReason: null,
  ...over,
});

export const reopen = (assessmentId: string, cookie = staff.admin, reason = 'Chấm lại sau khi xã thu hồi quyết định') =>
  h.json('POST', `/api/staff/appraisals/${assessmentId}/reopen`, { reason }, cookie);
export const appraisalRow = (assessmentId: string) =>
  h.db
    .selectFrom('appraisal')
    .select(['locked', 'revision', 'status'])
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirstOrThrow();
export const reopenAudits = (assessmentId: string) =>
  h.db
    .selectFrom('audit_log')
    .select(['action', 'subject_kind', 'subject_id', 'details'])
    .where('action', '=', 'appraisal.reopen')
    .where('subject_id', '=', assessmentId)
    .execute();
export const sentUp = async (assessmentId: string): Promise<AppraisalUpsertV1[]> =>
  (
    await h.db
      .selectFrom('outbox')
      .select('payload')
      .where('message_type', '=', 'AppraisalUpsertV1')
      .where('record_id', '=', assessmentId)
      .orderBy('seq')
      .execute()
  ).map((r) => JSON.parse(r.payload) as AppraisalUpsertV1);

import { afterEach, beforeEach, expect } from 'vitest';
import { applyFeedItem } from '../../server/src/federation/feed.apply.ts';
import type { RecognitionDecisionV1, RecognitionDecisionV2 } from '../../shared/sync/feed-messages.ts';
import { build } from '../fixtures/people.ts';
import { staffSessions } from '../fixtures/staff.ts';
import { startHarness, type Harness, registerAdult, type RegisteredAdult } from './harness.ts';

export let h: Harness;
export let staff: Awaited<ReturnType<typeof staffSessions>>;
export const VILLAGE = 'Thôn Khe Ngang';

export type Registered = RegisteredAdult;
export const register = (name: string, birthYear: number) => registerAdult(h, name, birthYear);

export const declared = { 'G1.2': 10, 'G1.3': 8, 'G2.2': 9, 'G2.3': 5, 'G3.1': 8, 'G3.2': 7, 'G4.1': 9, 'G4.2': 8 };
export const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));

/** A household of the village with its submitted self-assessment, appraised by the branch. */
export async function appraisedHousehold(head: Registered): Promise<{ id: string; assessmentId: string }> {
  const id = build.id();
  expect(
    (
      await h.json('PUT', `/api/households/${id}`, {
        village: VILLAGE,
        headCode: head.code,
        headBirthYear: head.birthYear,
      })
    ).status,
  ).toBe(200);
  await h.json('PUT', `/api/households/${id}/facts/2026`, { schoolAgeChildren: 0, allChildrenInSchool: null });
  const assessmentId = build.id();
  const body = {
    title: 'gdht',
    subjectId: id,
    criteriaSetId: 'gdht-2025',
    criteriaSetVersion: '2025.1',
    status: 'submitted',
    answers,
  };
  expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, body)).status).toBe(200);
  expect(
    (await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser)).status,
  ).toBe(200);
  return { id, assessmentId };
}

export let pao: Registered, chu: Registered;
export let a: { id: string; assessmentId: string }, b: { id: string; assessmentId: string };
export let clanId: string;
/** A fresh box and a staff session before each test; closed after. */
export function freshBoxEachTest(): void {
  beforeEach(async () => {
    h = await startHarness();
    staff = await staffSessions(h);
    pao = await register('Hoàng Văn Páo', 1970);
    chu = await register('Vàng A Chứ', 1965);
    a = await appraisedHousehold(pao);
    b = await appraisedHousehold(chu);
    // Páo's household is in the Hoàng clan; Chứ's in none.
    clanId = build.id();
    await h.json(
      'POST',
      '/api/staff/clans',
      { id: clanId, name: 'Họ Hoàng', representative: 'Hoàng Văn Páo' },
      staff.facilitator,
    );
    expect(
      (await h.json('POST', `/api/staff/clans/${clanId}/households`, { headCode: pao.code }, staff.facilitator)).status,
    ).toBe(200);
  });
  afterEach(async () => {
    await h.close();
  });
}

export let seq = 0;
export async function apply(message: RecognitionDecisionV1 | RecognitionDecisionV2): Promise<void> {
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
export const familyDecision = (over: Partial<RecognitionDecisionV2> = {}): RecognitionDecisionV2 => ({
  type: 'RecognitionDecisionV2',
  id: 'dec-gdht-15',
  revision: 1,
  title: 'gdht',
  year: 2026,
  number: '15/QĐ-UBND',
  signedOn: '2026-11-20',
  signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
  subjects: [{ kind: 'household', id: a.id }],
  revokedReason: null,
  ...over,
});

export const recognitions = () =>
  h.db
    .selectFrom('recognition')
    .select(['subject_kind', 'subject_id', 'title', 'year', 'decision_number'])
    .orderBy('subject_id')
    .execute();
export const householdView = async (id: string) => (await h.json('GET', `/api/households/${id}`)).body;
/** A computed item of a subject's current assessment, as the box works it out now. */
export async function computed(title: string, subjectId: string, itemId: string) {
  const start = (
    await h.json(
      'GET',
      `/api/model-assessments/current/${title}/${encodeURIComponent(subjectId)}`,
      undefined,
      staff.facilitator,
    )
  ).body;
  return start.verdict.items.find((i: { itemId: string }) => i.itemId === itemId).computed as {
    numerator: number | null;
    denominator: number | null;
    explanation: string;
  };
}
export const saveAppraisal = (assessmentId: string) =>
  h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers }, staff.appraiser);

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFeedItem } from '../../../server/src/federation/feed.apply.ts';
import type { RecognitionDecisionV1 } from '../../../shared/sync/feed-messages.ts';
import { build, indicatorIds, people } from '../../fixtures/people.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { startHarness, type Harness } from '../harness.ts';

/**
 * Issue 26: the appraiser's case says "recognized", with the decision's number and date, once the
 * commune's CDHT decision for her and the assessment's year has reached the center (the feed); a
 * decision of another year, or one withdrawn, does not.
 */
let h: Harness;
let s: Record<Role, string>;
let personId: string;
let assessmentId: string;
let seq = 0;

const decision = (over: Partial<RecognitionDecisionV1> = {}): RecognitionDecisionV1 => ({
  type: 'RecognitionDecisionV1',
  id: 'dec-cdht-2026',
  revision: 1,
  title: 'cdht',
  year: 2026,
  number: '27/QĐ-UBND',
  signedOn: '2026-11-20',
  signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
  personIds: [personId],
  revokedReason: null,
  ...over,
});

const apply = (message: RecognitionDecisionV1) =>
  h.db
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

const theCase = async () => {
  const res = await h.json('GET', `/api/staff/appraisals/${assessmentId}`, undefined, s.appraiser);
  expect(res.status).toBe(200);
  return res.body as { recognized: unknown; assessment: { year: number } };
};

beforeEach(async () => {
  h = await startHarness();
  s = await staffSessions(h);
  personId = build.id();
  await h.json('PUT', `/api/people/${personId}`, people.baLan);
  assessmentId = build.id();
  expect((await h.json('PUT', `/api/assessments/${assessmentId}`, build.assessment(personId, {}))).status).toBe(200);
  const scores = indicatorIds.map((indicatorId) => ({ indicatorId, score: 8 }));
  expect((await h.json('PUT', `/api/staff/appraisals/${assessmentId}`, { scores }, s.appraiser)).status).toBe(200);
}, 30_000);
afterEach(async () => {
  await h.close();
});

describe("the appraiser's case once the commune has decided", () => {
  it('carries no decision before one reaches the center, nor one of another year', async () => {
    expect((await theCase()).assessment.year).toBe(2026);
    expect((await theCase()).recognized).toBeNull();
    await apply(decision({ id: 'dec-cdht-2025', year: 2025, number: '9/QĐ-UBND', signedOn: '2025-11-20' }));
    expect((await theCase()).recognized).toBeNull();
  });

  it("says recognized with the decision's number and date once the year's decision has come down, and not once it is withdrawn", async () => {
    await apply(decision());
    expect((await theCase()).recognized).toEqual({ decisionNumber: '27/QĐ-UBND', signedOn: '2026-11-20' });
    await apply(decision({ revision: 2, revokedReason: 'Nhầm người' }));
    expect((await theCase()).recognized).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { RecognitionDecisionV1, RecognitionDecisionV2 } from '../../shared/sync/feed-messages.ts';
import { build } from '../fixtures/people.ts';
import {
  h,
  staff,
  VILLAGE,
  pao,
  a,
  clanId,
  freshBoxEachTest,
  apply,
  familyDecision,
  recognitions,
  computed,
  saveAppraisal,
} from './models-feed-setup.ts';

freshBoxEachTest();

/** The commune's decisions on a village, a clan and a unit (RecognitionDecisionV2), and CDHT decisions (V1) as before. */
describe('decisions on a village, a clan and a unit', () => {
  it('set the subjects held here and ignore a village this center does not serve', async () => {
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: VILLAGE },
      staff.admin,
    );
    const decision = (id: string, title: string, subjects: RecognitionDecisionV2['subjects']) =>
      familyDecision({ id, title, subjects });
    await apply(
      decision('dec-cddht', 'cddht', [
        { kind: 'community', id: VILLAGE },
        { kind: 'community', id: 'Thôn Xa Lạ' },
      ]),
    );
    await apply(decision('dec-dhht', 'dhht', [{ kind: 'clan', id: clanId }]));
    await apply(
      decision('dec-dvht', 'dvht', [
        { kind: 'unit', id: unitId },
        { kind: 'unit', id: build.id() },
      ]),
    );
    expect((await recognitions()).map((r) => [r.subject_kind, r.subject_id, r.title]).sort()).toEqual(
      [
        ['clan', clanId, 'dhht'],
        ['community', VILLAGE, 'cddht'],
        ['unit', unitId, 'dvht'],
      ].sort(),
    );
    // The village counts its clans recognized as learning clans.
    expect((await computed('cddht', VILLAGE, 'C2.3')).numerator).toBe(1);
  });
});

describe('a CDHT decision (RecognitionDecisionV1)', () => {
  it('still recognizes the people here, as before, and their household counts them', async () => {
    const decision: RecognitionDecisionV1 = {
      type: 'RecognitionDecisionV1',
      id: 'dec-cdht-125',
      revision: 1,
      title: 'cdht',
      year: 2026,
      number: '125/QĐ-UBND',
      signedOn: '2026-11-20',
      signer: 'Nguyễn Văn Hùng, Chủ tịch UBND xã',
      personIds: [pao.id, build.id()],
      revokedReason: null,
    };
    await apply(decision);
    expect(await recognitions()).toEqual([
      { subject_kind: 'person', subject_id: pao.id, title: 'cdht', year: 2026, decision_number: '125/QĐ-UBND' },
    ]);
    expect((await h.json('GET', `/api/people/${pao.id}`)).body.recognitions).toEqual([
      { title: 'cdht', year: 2026, decisionNumber: '125/QĐ-UBND', signedOn: '2026-11-20' },
    ]);
    expect((await computed('gdht', a.id, 'G2.1')).explanation).toContain('1 trong 1 người lớn');
    // A household's own assessment is not a person's: the CDHT decision locks nothing of it.
    expect((await saveAppraisal(a.assessmentId)).status).toBe(200);
    await apply({ ...decision, revision: 2, revokedReason: 'Ghi nhầm' });
    expect(await recognitions()).toEqual([]);
  });
});

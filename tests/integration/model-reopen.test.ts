import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import {
  h,
  staff,
  VILLAGE,
  register,
  familyAnswers,
  clanAnswers,
  household,
  clan,
  freshBoxWithDecidedEachTest,
  apply,
  decision,
  reopen,
  appraisalRow,
  reopenAudits,
  sentUp,
} from './model-reopen-setup.ts';

freshBoxWithDecidedEachTest();

/**
 * The administrator reopens a household's or a clan's appraisal at the center, with the rules a
 * person's follows: refused with `appraisal.decided` while the commune's decision
 * (RecognitionDecisionV2) stands, and nothing changed; once the commune withdraws it, the reopen
 * unlocks the appraisal, is audited, sends the appraisal up again unlocked, and answers the model
 * appraisal case, so the branch can appraise again. Villages and units are the commune's.
 */

describe.each([
  {
    what: 'a household',
    title: 'gdht' as const,
    kind: 'household' as const,
    subject: () => household,
    answers: () => familyAnswers,
  },
  { what: 'a clan', title: 'dhht' as const, kind: 'clan' as const, subject: () => clan, answers: () => clanAnswers },
])("the administrator reopens $what's appraisal", ({ title, kind, subject, answers }) => {
  it("is refused while the commune's decision stands, changing nothing", async () => {
    const { id, assessmentId } = subject();
    await apply(decision(title, { kind, id }));
    expect((await appraisalRow(assessmentId)).locked).toBe(1);
    const before = await h.counts();
    const refused = await reopen(assessmentId);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'appraisal.decided', details: { decisionNumber: '15/QĐ-UBND' } });
    expect(await h.counts()).toEqual(before);
    expect((await appraisalRow(assessmentId)).locked).toBe(1);
    expect(await reopenAudits(assessmentId)).toEqual([]);
  });

  it('after the commune withdraws the decision: unlocked, audited, sent up, answered with the model case, appraised again', async () => {
    const { id, assessmentId } = subject();
    await apply(decision(title, { kind, id }));
    await apply(decision(title, { kind, id }, { revision: 2, revokedReason: 'Ghi nhầm số quyết định' }));
    expect(await h.db.selectFrom('recognition').select('subject_id').execute()).toEqual([]);
    // Withdrawn, the appraisal stays locked until the administrator reopens it.
    const locked = await appraisalRow(assessmentId);
    expect(locked.locked).toBe(1);
    expect(
      (await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers: answers() }, staff.appraiser)).body
        .code,
    ).toBe('appraisal.locked');
    // Only the administrator reopens.
    expect((await reopen(assessmentId, staff.appraiser)).status).toBe(403);
    expect((await appraisalRow(assessmentId)).locked).toBe(1);

    const res = await reopen(assessmentId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      assessment: { id: assessmentId, title, subject: { kind, id }, status: 'submitted' },
      set: { id: `${title}-2025` },
      appraisal: { locked: false },
    });
    expect(res.body.appraisal.answers).toEqual(Object.fromEntries(answers().map((a) => [a.itemId, a.value])));
    expect(await appraisalRow(assessmentId)).toEqual({ locked: 0, revision: locked.revision + 1, status: 'appraised' });

    const audits = await reopenAudits(assessmentId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subject_kind: 'assessment', subject_id: assessmentId });
    expect(JSON.parse(audits[0]!.details)).toEqual({ reason: 'Chấm lại sau khi xã thu hồi quyết định', title });

    const last = (await sentUp(assessmentId)).at(-1)!;
    expect(last).toMatchObject({
      type: 'AppraisalUpsertV1',
      id: assessmentId,
      revision: locked.revision + 1,
      status: 'appraised',
      locked: false,
    });
    expect(last.scores.map((s) => [s.indicatorId, s.score]).sort()).toEqual(
      answers()
        .map((a) => [a.itemId, a.value])
        .sort(),
    );

    // The case reads the same through the branch's own route, and the branch appraises again.
    expect(
      (await h.json('GET', `/api/staff/model-appraisals/${assessmentId}`, undefined, staff.appraiser)).body.appraisal
        .locked,
    ).toBe(false);
    const changed = answers().map((a, i) => (i === 0 ? { ...a, value: 5, reason: 'Thiếu minh chứng' } : a));
    const saved = await h.json(
      'PUT',
      `/api/staff/model-appraisals/${assessmentId}`,
      { answers: changed },
      staff.appraiser,
    );
    expect(saved.status).toBe(200);
    expect(saved.body.appraisal.answers[answers()[0]!.itemId]).toBe(5);
  });

  it('a decision on another subject of the same title does not hold it', async () => {
    const { assessmentId } = subject();
    await apply(decision(title, { kind, id: build.id() }));
    await h.db.updateTable('appraisal').set({ locked: 1 }).where('assessment_id', '=', assessmentId).execute();
    expect((await reopen(assessmentId)).status).toBe(200);
  });
});

describe('what the center does not reopen', () => {
  it("a unit's self-assessment is the commune's to appraise", async () => {
    const unitId = build.id();
    expect(
      (
        await h.json(
          'POST',
          '/api/staff/units',
          { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: VILLAGE },
          staff.admin,
        )
      ).status,
    ).toBe(200);
    const assessmentId = build.id();
    expect(
      (
        await h.json(
          'PUT',
          `/api/model-assessments/${assessmentId}`,
          {
            title: 'dvht',
            subjectId: unitId,
            criteriaSetId: 'dvht-2025',
            criteriaSetVersion: '2025.1',
            status: 'draft',
            answers: [],
          },
          staff.facilitator,
        )
      ).status,
    ).toBe(200);
    expect((await reopen(assessmentId)).body).toMatchObject({ code: 'appraisal.not-here', details: { kind: 'unit' } });
  });

  it('an assessment that is not there, or not appraised', async () => {
    expect((await reopen(build.id())).body.code).toBe('assessment.not-found');
    const other = await register('Vàng A Chứ', 1965);
    const householdId = build.id();
    expect(
      (
        await h.json('PUT', `/api/households/${householdId}`, {
          village: VILLAGE,
          headCode: other.code,
          headBirthYear: other.birthYear,
        })
      ).status,
    ).toBe(200);
    const assessmentId = build.id();
    expect(
      (
        await h.json('PUT', `/api/model-assessments/${assessmentId}`, {
          title: 'gdht',
          subjectId: householdId,
          criteriaSetId: 'gdht-2025',
          criteriaSetVersion: '2025.1',
          status: 'submitted',
          answers: familyAnswers,
        })
      ).status,
    ).toBe(200);
    expect((await reopen(assessmentId)).body.code).toBe('appraisal.not-found');
  });
});

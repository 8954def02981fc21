import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import { h, staff, freshBoxEachTest, household, recognize, declared, gdht } from './model-assessments-setup.ts';

freshBoxEachTest();

describe('the village branch appraises a household', () => {
  it('scores every declared item again, a reason where it differs; the verdict follows the appraised answers', async () => {
    const { id, adults } = await household();
    await recognize([adults[0]!.id, adults[1]!.id]);
    const assessmentId = build.id();
    await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    const queue = (await h.json('GET', '/api/staff/model-appraisals?year=2026', undefined, staff.appraiser)).body;
    expect(queue).toEqual([
      expect.objectContaining({ assessmentId, title: 'gdht', selfPassed: true, appraised: null }),
    ]);
    expect((await h.json('GET', '/api/staff/model-appraisals?year=2026', undefined, staff.facilitator)).status).toBe(
      403,
    );

    const answers = Object.entries(declared).map(([itemId, value]) => ({ itemId, value }));
    const lowered = answers.map((a) => (a.itemId === 'G3.1' ? { ...a, value: 2 } : a));
    const before = await h.counts();
    expect(
      (await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers: lowered }, staff.appraiser)).body,
    ).toMatchObject({ code: 'appraisal.reason-required', details: { indicatorId: 'G3.1' } });
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${assessmentId}`,
          { answers: answers.slice(1) },
          staff.appraiser,
        )
      ).body.code,
    ).toBe('assessment.incomplete');
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${assessmentId}`,
          { answers: [...answers, { itemId: 'G2.1', value: 15 }] },
          staff.appraiser,
        )
      ).body.code,
    ).toBe('assessment.indicator-unknown');
    expect(await h.counts()).toEqual(before);

    const reason = lowered.map((a) =>
      a.itemId === 'G3.1' ? { ...a, reason: 'Chưa có góc học tập riêng cho các cháu' } : a,
    );
    const saved = (
      await h.json('PUT', `/api/staff/model-appraisals/${assessmentId}`, { answers: reason }, staff.appraiser)
    ).body;
    // Self: 89 (tốt); appraised: G3.1 down from 8 to 2 leaves conditions for learning (TC3) at 9, under its minimum of 10.
    expect(saved.assessment.verdict).toMatchObject({ total: 89, passed: true });
    expect(saved.appraisal).toMatchObject({
      appraiser: 'Vũ Thị Mai',
      reasons: { 'G3.1': 'Chưa có góc học tập riêng cho các cháu' },
    });
    expect(saved.appraisal.verdict).toMatchObject({ total: 83, passed: false });
    expect(saved.appraisal.verdict.shortfalls).toContainEqual({
      kind: 'criterion-below-min',
      criterionId: 'TC3',
      points: 9,
      min: 10,
    });
    expect(
      (await h.json('GET', '/api/staff/model-appraisals?year=2026', undefined, staff.admin)).body[0].appraised,
    ).toEqual({ passed: false, total: 83, level: null });
  });

  it('refuses a draft, and a unit (appraised by the commune), changing nothing', async () => {
    const { id } = await household();
    const draft = build.id();
    await h.json('PUT', `/api/model-assessments/${draft}`, gdht(id, declared));
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Trường mầm non Khe Ngang', kind: 'school', village: 'Thôn Khe Ngang' },
      staff.admin,
    );
    const unitAssessment = build.id();
    const targets = { 'U1.3': true, 'U2.1': true, 'U2.2': true, 'U3.1': true, 'U3.2': true };
    const targetAnswers = Object.entries(targets).map(([itemId, value]) => ({ itemId, value }));
    await h.json(
      'PUT',
      `/api/model-assessments/${unitAssessment}`,
      {
        title: 'dvht',
        subjectId: unitId,
        criteriaSetId: 'dvht-2025',
        criteriaSetVersion: '2025.1',
        status: 'submitted',
        answers: targetAnswers,
      },
      staff.admin,
    );
    const before = await h.counts();
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${draft}`,
          { answers: Object.entries(declared).map(([itemId, value]) => ({ itemId, value })) },
          staff.appraiser,
        )
      ).body.code,
    ).toBe('appraisal.not-submitted');
    expect(
      (
        await h.json(
          'PUT',
          `/api/staff/model-appraisals/${unitAssessment}`,
          { answers: targetAnswers },
          staff.appraiser,
        )
      ).body.code,
    ).toBe('appraisal.not-here');
    expect(await h.counts()).toEqual(before);
  });
});

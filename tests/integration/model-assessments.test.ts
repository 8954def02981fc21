import { describe, expect, it } from 'vitest';
import { build } from '../fixtures/people.ts';
import {
  h,
  staff,
  freshBoxEachTest,
  register,
  household,
  recognize,
  declared,
  gdht,
  item,
} from './model-assessments-setup.ts';

freshBoxEachTest();

/**
 * Self-assessments of a household and a unit on the same assessment records as a person's: declared
 * items answered, computed items worked out from the registry and the commune's CDHT decisions.
 */

describe('a household assesses itself', () => {
  it('computed items follow the registry and the CDHT decisions; the verdict changes when two adults are recognized', async () => {
    const { id, adults } = await household();
    const start = (await h.json('GET', `/api/model-assessments/current/gdht/${id}`)).body;
    expect(start.assessment).toBeNull();
    expect(start.set.id).toBe('gdht-2025');
    expect(start.subject).toMatchObject({ kind: 'household', village: 'Thôn Khe Ngang' });

    const assessmentId = build.id();
    const saved = await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared, 'submitted'));
    expect(saved.status).toBe(200);
    expect(item(saved.body, 'G1.1').points).toBe(10);
    expect(item(saved.body, 'G2.1')).toMatchObject({ points: 0 });
    expect(item(saved.body, 'G2.1').computed!.explanation).toContain('0 trong 3 người lớn');
    // 64 declared + 10 for the children: above the pass mark, but adults' learning (TC2) is under its minimum.
    expect(saved.body.verdict).toMatchObject({ total: 74, passed: false });
    expect(saved.body.verdict.shortfalls).toContainEqual({
      kind: 'criterion-below-min',
      criterionId: 'TC2',
      points: 14,
      min: 15,
    });

    await recognize([adults[0]!.id, adults[2]!.id]);
    const after = (await h.json('GET', `/api/model-assessments/${assessmentId}`)).body;
    expect(item(after, 'G2.1').points).toBe(15);
    expect(item(after, 'G2.1').computed!.explanation).toContain('2 trong 3 người lớn');
    expect(after.verdict).toMatchObject({ total: 89, passed: true, band: { id: 'tot' } });
  });

  it('a child out of school fails the condition whatever the total', async () => {
    const { id, adults } = await household();
    await recognize(adults.map((a) => a.id));
    await h.json('PUT', `/api/households/${id}/facts/2026`, { schoolAgeChildren: 2, allChildrenInSchool: false });
    const view = (await h.json('PUT', `/api/model-assessments/${build.id()}`, gdht(id, declared, 'submitted'))).body;
    expect(view.verdict.passed).toBe(false);
    expect(view.verdict.shortfalls).toContainEqual(
      expect.objectContaining({ kind: 'condition-not-met', itemId: 'G1.1' }),
    );
  });

  it.each<[string, (subjectId: string) => unknown, string]>([
    ['an unknown item', (s) => gdht(s, { ...declared, 'G9.9': 3 }), 'assessment.indicator-unknown'],
    ['an answer to a computed item', (s) => gdht(s, { ...declared, 'G2.1': 15 }), 'assessment.indicator-unknown'],
    ['points above the item', (s) => gdht(s, { ...declared, 'G1.2': 11 }), 'assessment.score-out-of-range'],
    ['met / not met in a points set', (s) => gdht(s, { ...declared, 'G1.2': true }), 'assessment.score-out-of-range'],
    ['a submission with an item unanswered', (s) => gdht(s, { 'G1.2': 10 }, 'submitted'), 'assessment.incomplete'],
    ['an unknown household', () => gdht(build.id(), declared), 'registry.subject-not-found'],
    [
      'a set of another title',
      (s) => ({ ...gdht(s, {}), criteriaSetId: 'dvht-2025' }),
      'assessment.criteria-set-unknown',
    ],
    [
      'a clan assessed without staff signed in',
      (s) => ({ ...gdht(s, {}), title: 'dhht', criteriaSetId: 'dhht-2025' }),
      'auth.required',
    ],
  ])('refuses %s and keeps nothing', async (_name, body, code) => {
    const { id, adults } = await household();
    const before = await h.counts();
    // From the head's tablet session (an unknown household has no head to send it for her).
    const token = h.tablet.tokenOf(adults[0]!.id);
    expect(
      (await h.json('PUT', `/api/model-assessments/${build.id()}`, body(id), undefined, { token })).body.code,
    ).toBe(code);
    expect(await h.counts()).toEqual(before);
  });

  it('one assessment per household and year; a submitted one no longer changes', async () => {
    const { id } = await household();
    const first = build.id();
    expect((await h.json('PUT', `/api/model-assessments/${first}`, gdht(id, { 'G1.2': 5 }))).status).toBe(200);
    expect((await h.json('PUT', `/api/model-assessments/${build.id()}`, gdht(id, { 'G1.2': 5 }))).body.code).toBe(
      'assessment.year-taken',
    );
    expect((await h.json('PUT', `/api/model-assessments/${first}`, gdht(id, declared, 'submitted'))).body.status).toBe(
      'submitted',
    );
    expect((await h.json('PUT', `/api/model-assessments/${first}`, gdht(id, declared, 'draft'))).body.code).toBe(
      'assessment.already-submitted',
    );
    // A person's CDHT screens never see it.
    expect((await h.json('GET', `/api/assessments/${first}`)).status).not.toBe(200);
  });

  it('goes with the household when its only adult is erased', async () => {
    const adult = await register('Vàng A Chứ', 1965);
    const id = build.id();
    await h.json('PUT', `/api/households/${id}`, {
      village: 'Thôn Khe Ngang',
      headCode: adult.code,
      headBirthYear: 1965,
    });
    const assessmentId = build.id();
    expect((await h.json('PUT', `/api/model-assessments/${assessmentId}`, gdht(id, declared))).status).toBe(200);
    expect((await h.json('DELETE', `/api/staff/people/${adult.id}`, undefined, staff.admin)).status).toBe(200);
    // Her tablet session went with her; staff find nothing left.
    expect((await h.json('GET', `/api/model-assessments/${assessmentId}`, undefined, staff.admin)).body.code).toBe(
      'assessment.not-found',
    );
    expect(
      await h.db
        .selectFrom('assessment_item')
        .select('assessment_id')
        .where('assessment_id', '=', assessmentId)
        .execute(),
    ).toEqual([]);
  });
});

describe('a unit assesses itself with its leader and an officer', () => {
  it('a zero staff count cannot give a share; with the count entered the levels follow the CDHT share', async () => {
    const a = await register('Đinh Văn Lực', 1980);
    const b = await register('Đinh Thị Nga', 1985);
    const unitId = build.id();
    await h.json(
      'POST',
      '/api/staff/units',
      { id: unitId, name: 'Hợp tác xã chè Khe Ngang', kind: 'cooperative', village: 'Thôn Khe Ngang' },
      staff.admin,
    );
    await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 0 }, staff.admin);
    const body = (answers: Record<string, boolean>) => ({
      title: 'dvht',
      subjectId: unitId,
      criteriaSetId: 'dvht-2025',
      criteriaSetVersion: '2025.1',
      status: 'draft',
      answers: Object.entries(answers).map(([itemId, value]) => ({ itemId, value })),
    });
    const all = { 'U1.3': true, 'U2.1': true, 'U2.2': true, 'U3.1': true, 'U3.2': true };
    const id = build.id();
    const zero = (await h.json('PUT', `/api/model-assessments/${id}`, body(all), staff.admin)).body;
    expect(zero.verdict.level).toBe(0);
    expect(item(zero, 'U1.1').computed!.explanation).toMatch(/chưa/);

    await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 2 }, staff.admin);
    for (const p of [a, b])
      await h.json('POST', `/api/staff/units/${unitId}/members`, { code: p.code, birthYear: p.birthYear }, staff.admin);
    await recognize([a.id, b.id]);
    expect((await h.json('GET', `/api/model-assessments/${id}`, undefined, staff.admin)).body.verdict).toMatchObject({
      level: 2,
      passed: true,
    });
    await h.json('PUT', `/api/staff/units/${unitId}/staff-count/2026`, { count: 3 }, staff.admin);
    // 2 of 3 is under 90 %: no level at all.
    expect((await h.json('GET', `/api/model-assessments/${id}`, undefined, staff.admin)).body.verdict).toMatchObject({
      level: 0,
      passed: false,
    });
  });
});

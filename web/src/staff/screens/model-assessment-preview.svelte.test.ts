import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import type { HouseholdSubjectFacts } from '../../../../shared/domain/collective-titles/subject-facts.ts';
import { modelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import { ModelCriteriaSetSchema } from '../../../../shared/schemas/model-criteria-set.ts';
import shipped from '../../../../kiosk-config/criteria/gdht-2025.json';

const box = vi.hoisted(() => ({ modelAssessment: vi.fn(), putModelAssessment: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { ModelAssessmentState } = await import('./model-assessment.svelte.ts');

const gdht = v.parse(ModelCriteriaSetSchema, shipped);
/** Two adults, neither a Learning Citizen; no school-age child. */
const facts: HouseholdSubjectFacts = {
  kind: 'household',
  householdId: 'h1',
  village: 'Thôn Đông',
  adults: [
    { personId: 'a', recognizedCdhtYears: [] },
    { personId: 'b', recognizedCdhtYears: [] },
  ],
  schoolAgeChildren: 0,
  allChildrenInSchool: null,
  familyYears: [],
};
/** Full points on every declared item. */
const declaredScores = () =>
  Object.fromEntries(
    gdht.criteria.flatMap((c) => c.items).flatMap((i) => (i.source === 'declared' ? [[i.id, i.points ?? 0]] : [])),
  ) as Record<string, number>;
beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
  box.modelAssessment.mockResolvedValue({
    set: gdht,
    year: 2026,
    subject: { label: 'Gia đình ông/bà Minh' },
    verdict: modelVerdict(gdht, {}, facts, 2026),
    assessment: null,
  });
});

/** Issue 26 (sibling): the staff's "Gửi bài tự đánh giá" asks first when the answers as they stand do not pass. */
describe('ModelAssessmentState.preview', () => {
  it('is the verdict of the answers on screen (not yet saved), the computed items as the box worked them out', async () => {
    const s = new ModelAssessmentState('gdht', 'h1');
    await s.load();
    s.answers = declaredScores();
    expect(s.preview?.passed).toBe(true);
    s.answers['G4.1'] = 3;
    s.answers['G4.2'] = 5;
    expect(s.preview).toEqual(modelVerdict(gdht, s.answers, facts, 2026));
    expect(s.preview?.shortfalls).toEqual([{ kind: 'criterion-below-min', criterionId: 'TC4', points: 8, min: 10 }]);
    delete s.answers['G1.2'];
    expect(s.preview?.shortfalls).toContainEqual({ kind: 'item-unanswered', criterionId: 'TC1', itemId: 'G1.2' });
    expect(box.putModelAssessment).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { modelVerdict, previewVerdict } from './verdict.ts';
import { adult, declaredScores, gdht, household, kinds } from './verdict.test-setup.ts';

/** Before sending, the tablet works the verdict out from her answers and the box's computed items. */
describe('previewVerdict', () => {
  const year = 2025;
  // No adult recognized: the computed share of CDHT adults is not met.
  const facts = household({ adults: [adult('a'), adult('b'), adult('c')] });

  it('gives the box’s verdict once the box has worked out the computed items', () => {
    for (const answers of [declaredScores(gdht), declaredScores(gdht, 20), declaredScores(gdht, 0, { 'G4.1': 3 })]) {
      const atBox = modelVerdict(gdht, answers, facts, year);
      const worked = modelVerdict(gdht, {}, facts, year).items;
      expect(previewVerdict(gdht, answers, worked)).toEqual(atBox);
    }
  });

  it('counts a computed item the box has not worked out as met: "does not pass" is never wrong', () => {
    const low = declaredScores(gdht, 0, { 'G4.1': 3, 'G4.2': 5 });
    const preview = previewVerdict(gdht, low, null);
    expect(preview.passed).toBe(false);
    expect(kinds(preview.shortfalls)).toEqual(['criterion-below-min:TC4']);
    expect(modelVerdict(gdht, low, facts, year).passed).toBe(false);
    // Full declared points with the computed items unknown: nothing to warn about yet.
    expect(previewVerdict(gdht, declaredScores(gdht), undefined).passed).toBe(true);
  });

  it('names an unanswered declared item as the box would', () => {
    const { ['G1.2']: _left, ...answers } = declaredScores(gdht) as Record<string, number>;
    const preview = previewVerdict(gdht, answers, modelVerdict(gdht, {}, facts, year).items);
    expect(preview.shortfalls).toContainEqual(expect.objectContaining({ kind: 'item-unanswered', itemId: 'G1.2' }));
  });
});

import { describe, expect, it } from 'vitest';
import { modelVerdict } from '../../../../shared/domain/collective-titles/verdict.ts';
import {
  adult,
  declaredScores,
  gdht,
  household,
} from '../../../../shared/domain/collective-titles/verdict.test-setup.ts';
import type { HouseholdDraft } from '../../db/db.ts';
import { householdItemName, householdPreview } from './household-verdict.ts';

/** Issue 26: the household's review asks before sending what does not pass, as the box will judge it. */
describe('householdPreview', () => {
  const facts = household({ adults: [adult('a'), adult('b')] });
  const draft = (answers: Record<string, number>, withBox: boolean): HouseholdDraft =>
    ({
      view: null,
      assessmentId: 'x',
      answers,
      index: 0,
      submitted: false,
      start: {
        setId: gdht.id,
        setVersion: gdht.version,
        year: 2026,
        verdict: withBox ? modelVerdict(gdht, {}, facts, 2026) : null,
      },
    }) as unknown as HouseholdDraft;

  it('names what is short, as the box will, from her answers and the computed items the box worked out', () => {
    const low = declaredScores(gdht, 0, { 'G4.1': 3, 'G4.2': 5 }) as Record<string, number>;
    const preview = householdPreview(draft(low, true), gdht)!;
    expect(preview).toEqual(modelVerdict(gdht, low, facts, 2026));
    expect(preview.passed).toBe(false);
    expect(preview.shortfalls).toEqual([{ kind: 'criterion-below-min', criterionId: 'TC4', points: 8, min: 10 }]);
    expect(householdItemName(gdht, 'TC4')).toBe(gdht.criteria.find((c) => c.id === 'TC4')!.title);
    expect(householdItemName(gdht, 'G1.2')).toMatch(/^G1\.2 /);
  });

  it('does not ask when it passes, nor with nothing to judge', () => {
    const full = declaredScores(gdht) as Record<string, number>;
    expect(householdPreview(draft(full, true), gdht)!.passed).toBe(true);
    // The box not reached: its computed items count as met, so only a sure "does not pass" asks.
    expect(householdPreview(draft(full, false), gdht)!.passed).toBe(true);
    expect(householdPreview(null, gdht)).toBeNull();
    expect(householdPreview(draft(full, true), null)).toBeNull();
  });
});

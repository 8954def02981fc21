import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppraisalCase } from '../../../../shared/schemas/appraisal.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';

const box = vi.hoisted(() => ({ appraisal: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { AppraisalCaseState } = await import('./appraisal-case.svelte.ts');

/** Two indicators scored 1 to 10; 12 in all and at least 5 each to be recognized. */
const set = {
  indicators: [{ id: 'CS01' }, { id: 'CS02' }],
  scoring: { kind: 'points', minScore: 1, maxScore: 10, passTotal: 12, minPerIndicator: 5 },
} as unknown as CriteriaSet;
const scores = [
  { indicatorId: 'CS01', score: 8, reason: null },
  { indicatorId: 'CS02', score: 6, reason: null },
];
const caseOf = (
  appraisal: 'appraised' | 'returned' | null,
  recognized: AppraisalCase['recognized'] = null,
): AppraisalCase =>
  ({
    person: { id: 'p-lan', code: 'LAN-01', name: 'Bà Lan', birthYear: 1954, village: 'Thôn 1' },
    assessment: { answers: scores },
    appraisal: appraisal && { status: appraisal, locked: recognized !== null, scores },
    declined: null,
    recognized,
  }) as unknown as AppraisalCase;

beforeEach(() => box.appraisal.mockReset());

/** Issue 26: one wording per stage in the appraiser's panel, "recognized" once the commune's decision is at the center. */
describe('AppraisalCaseState.stage', () => {
  it('is nothing before the appraisal is saved, appraised once saved, nothing again while changed on screen', async () => {
    box.appraisal.mockResolvedValue(caseOf(null));
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    expect(c.stage).toBeNull();
    box.appraisal.mockResolvedValue(caseOf('appraised'));
    await c.load('a1');
    expect(c.stage).toBe('appraised');
    c.scores.CS02 = 9;
    expect(c.stage).toBeNull();
    box.appraisal.mockResolvedValue(caseOf('returned'));
    await c.load('a1');
    expect(c.stage).toBeNull();
  });

  it("is recognized once the commune's decision for her and the year has reached the center", async () => {
    box.appraisal.mockResolvedValue(caseOf('appraised', { decisionNumber: '27/QĐ-UBND', signedOn: '2026-11-20' }));
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    expect(c.stage).toBe('recognized');
    expect(c.locked).toBe(true);
  });
});

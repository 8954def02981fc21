import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppraisalCase } from '../../../../shared/schemas/appraisal.ts';
import type { CriteriaSet } from '../../../../shared/schemas/criteria-set.ts';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({
  appraisal: vi.fn(),
  saveAppraisal: vi.fn(),
  returnAppraisal: vi.fn(),
  reopen: vi.fn(),
}));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { AppraisalCaseState } = await import('./appraisal-case.svelte.ts');

/** Two indicators scored 1 to 10; 12 in all and at least 5 each to be recognized. */
const set = {
  indicators: [{ id: 'CS01' }, { id: 'CS02' }],
  scoring: { kind: 'points', minScore: 1, maxScore: 10, passTotal: 12, minPerIndicator: 5 },
} as unknown as CriteriaSet;

type Scored = { indicatorId: string; score: number; reason?: string | null };
const bàLan = (
  answers: Scored[],
  appraisal: { status: 'appraised' | 'returned'; locked?: boolean; scores: Scored[] } | null,
) =>
  ({
    person: { id: 'p-lan', code: 'LAN-01', name: 'Bà Lan', birthYear: 1954, village: 'Thôn 1' },
    assessment: { answers },
    appraisal: appraisal && {
      status: appraisal.status,
      locked: appraisal.locked ?? false,
      scores: appraisal.scores.map((s) => ({ reason: null, ...s })),
    },
    declined: null,
    recognized: null,
  }) as unknown as AppraisalCase;

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

describe('AppraisalCaseState', () => {
  it('starts from her own scores when nothing is appraised yet, and gives their verdict', async () => {
    box.appraisal.mockResolvedValue(
      bàLan(
        [
          { indicatorId: 'CS01', score: 8 },
          { indicatorId: 'CS02', score: 6 },
        ],
        null,
      ),
    );
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    expect(c.scores).toEqual({ CS01: 8, CS02: 6 });
    expect(c.self).toEqual({ CS01: 8, CS02: 6 });
    expect(c.live).toEqual({ total: 14, recognized: true, shortfalls: [] });
    c.scores.CS02 = 3;
    expect(c.live.recognized).toBe(false);
    expect(c.locked).toBe(false);
  });

  it('starts from the appraisal saved, with its reasons; a returned one starts from her answers again', async () => {
    const answers = [
      { indicatorId: 'CS01', score: 8 },
      { indicatorId: 'CS02', score: 6 },
    ];
    box.appraisal.mockResolvedValue(
      bàLan(answers, {
        status: 'appraised',
        locked: true,
        scores: [
          { indicatorId: 'CS01', score: 8 },
          { indicatorId: 'CS02', score: 4, reason: 'Chưa có ảnh' },
        ],
      }),
    );
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    expect(c.scores).toEqual({ CS01: 8, CS02: 4 });
    expect(c.reasons).toEqual({ CS02: 'Chưa có ảnh' });
    expect(c.locked).toBe(true);
    box.appraisal.mockResolvedValue(bàLan(answers, { status: 'returned', scores: [] }));
    await c.load('a1');
    expect(c.scores).toEqual({ CS01: 8, CS02: 6 });
  });

  it('saves every indicator with the reasons typed (trimmed, blank ones left out) and says saved once the answer is shown', async () => {
    box.appraisal.mockResolvedValue(
      bàLan(
        [
          { indicatorId: 'CS01', score: 8 },
          { indicatorId: 'CS02', score: 6 },
        ],
        null,
      ),
    );
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    c.scores.CS02 = 4;
    c.reasons = { CS01: '   ', CS02: '  Chưa có ảnh ' };
    const answer = bàLan(
      [
        { indicatorId: 'CS01', score: 8 },
        { indicatorId: 'CS02', score: 6 },
      ],
      {
        status: 'appraised',
        scores: [
          { indicatorId: 'CS01', score: 8 },
          { indicatorId: 'CS02', score: 4, reason: 'Chưa có ảnh' },
        ],
      },
    );
    box.saveAppraisal.mockResolvedValue(answer);
    const said = onWrite(c, 'saved', () => c.data);
    await c.save();
    expect(box.saveAppraisal).toHaveBeenCalledWith('a1', {
      scores: [
        { indicatorId: 'CS01', score: 8 },
        { indicatorId: 'CS02', score: 4, reason: 'Chưa có ảnh' },
      ],
    });
    expect(said).toEqual([
      { value: false, seen: expect.anything() },
      { value: true, seen: answer },
    ]);
  });

  it('returns with the message typed and reopens with the reason typed; a refusal keeps its code and says nothing saved', async () => {
    const start = bàLan(
      [
        { indicatorId: 'CS01', score: 8 },
        { indicatorId: 'CS02', score: 6 },
      ],
      null,
    );
    box.appraisal.mockResolvedValue(start);
    const c = new AppraisalCaseState(() => set);
    await c.load('a1');
    c.message = 'Thiếu ảnh lớp học';
    box.returnAppraisal.mockRejectedValue(new ApiError('appraisal.locked', 'no'));
    await c.returnToHer();
    expect(box.returnAppraisal).toHaveBeenCalledWith('a1', 'Thiếu ảnh lớp học');
    expect(c.error).toBe('appraisal.locked');
    expect(c.saved).toBe(false);
    expect(c.data).toEqual(start);
    c.reopenReason = 'Sai điểm CS02';
    box.reopen.mockResolvedValue(start);
    await c.reopen();
    expect(box.reopen).toHaveBeenCalledWith('a1', 'Sai điểm CS02');
    expect(c.error).toBeNull();
    expect(c.saved).toBe(true);
  });
});

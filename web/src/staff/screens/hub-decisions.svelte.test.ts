import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelProposal } from '../../../../shared/schemas/decision.ts';
import { ApiError } from '../../lib/api.ts';
import type { Proposal } from '../api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({
  proposals: vi.fn(),
  modelProposals: vi.fn(),
  decisions: vi.fn(),
  recordDecision: vi.fn(),
  reopenDecided: vi.fn(),
  decline: vi.fn(),
}));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { HubDecisionsState } = await import('./hub-decisions.svelte.ts');

const decided = (number: string) => ({ id: `d-${number}`, number, signedOn: '2026-12-05' });
const lan = (decision: ReturnType<typeof decided> | null) =>
  ({ personId: 'p-lan', name: 'Bà Lan', proposed: true, decision, declined: null }) as unknown as Proposal;
const household = (decision: ReturnType<typeof decided> | null) =>
  ({
    assessmentId: 'a-h1',
    subject: { kind: 'household', id: 'h1', label: 'Gia đình ông/bà Nguyễn Thị Lan' },
    proposed: true,
    decision,
  }) as unknown as ModelProposal;
const act = { year: 2026, number: '41/QĐ-UBND', signedOn: '2026-12-05', signer: 'Nguyễn Văn Hùng' };

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
  box.decisions.mockResolvedValue([]);
});

/** The screen as it opens on the year's proposals of `title`. */
async function opened(title: 'cdht' | 'gdht') {
  const s = new HubDecisionsState(2026);
  s.choose(title);
  await s.load();
  return s;
}

describe('HubDecisionsState', () => {
  it('says a decision is recorded only once the proposals are read again, with it in them', async () => {
    box.proposals.mockResolvedValue([lan(null)]);
    const s = await opened('cdht');
    s.toggle('p-lan', true);
    box.recordDecision.mockResolvedValue({ id: 'd-41' });
    box.proposals.mockResolvedValue([lan(decided('41/QĐ-UBND'))]);
    const cleared: boolean[] = [];
    const said = onWrite(s, 'done', () => s.proposals.map((p) => p.decision?.number ?? null));
    await s.record(act, () => cleared.push(true));
    expect(box.recordDecision).toHaveBeenCalledWith({ ...act, personIds: ['p-lan'] });
    expect(said).toEqual([
      {
        value: 'Đã ghi quyết định 41/QĐ-UBND. Các trung tâm sẽ nhận được ở lần đồng bộ tới.',
        seen: ['41/QĐ-UBND'],
      },
    ]);
    expect(cleared).toEqual([true]);
    expect(s.chosen).toEqual([]);
  });

  it("says a household's decided result is reopened only once the households are read again", async () => {
    box.modelProposals.mockResolvedValue([household(decided('20/QĐ-UBND'))]);
    const s = await opened('gdht');
    box.reopenDecided.mockResolvedValue({ ok: true });
    box.modelProposals.mockResolvedValue([household(null)]);
    const said = onWrite(s, 'done', () => s.models.map((p) => p.decision));
    await s.reopenModel(s.models[0]!, 'Chấm lại G2.2');
    expect(box.reopenDecided).toHaveBeenCalledWith('d-20/QĐ-UBND', { kind: 'household', id: 'h1' }, 'Chấm lại G2.2');
    expect(said).toEqual([{ value: 'Đã mở lại kết quả của Gia đình ông/bà Nguyễn Thị Lan.', seen: [null] }]);
  });

  it("says a person's decided result is reopened only once the proposals are read again; a decline says nothing", async () => {
    box.proposals.mockResolvedValue([lan(decided('18/QĐ-UBND'))]);
    const s = await opened('cdht');
    box.reopenDecided.mockResolvedValue({ ok: true });
    box.proposals.mockResolvedValue([lan(null)]);
    const said = onWrite(s, 'done', () => s.proposals.map((p) => p.decision));
    await s.reopenPerson(s.proposals[0]!, 'Chấm lại CS03');
    expect(box.reopenDecided).toHaveBeenCalledWith('d-18/QĐ-UBND', 'p-lan', 'Chấm lại CS03');
    expect(said).toEqual([{ value: 'Đã mở lại kết quả của Bà Lan. Trung tâm có thể thẩm định lại.', seen: [null] }]);
    box.decline.mockResolvedValue({ ok: true });
    await s.decline(s.proposals[0]!, 'Minh chứng chưa rõ');
    expect(box.decline).toHaveBeenCalledWith({ personId: 'p-lan', year: 2026, reason: 'Minh chứng chưa rõ' });
    expect(said).toHaveLength(1);
  });

  it('a refused decision keeps its code, the form and the selection, and says nothing', async () => {
    box.proposals.mockResolvedValue([lan(null)]);
    const s = await opened('cdht');
    s.toggle('p-lan', true);
    box.recordDecision.mockRejectedValue(new ApiError('decision.already-recognized', 'no'));
    const cleared: boolean[] = [];
    const said = onWrite(s, 'done', () => s.proposals);
    await s.record(act, () => cleared.push(true));
    expect(s.error).toBe('decision.already-recognized');
    expect(said).toEqual([]);
    expect(cleared).toEqual([]);
    expect(s.chosen).toEqual(['p-lan']);
  });

  it('reading another title or year drops the last outcome, which was about another table', async () => {
    box.proposals.mockResolvedValue([lan(null)]);
    const s = await opened('cdht');
    s.done = 'Đã ghi quyết định 41/QĐ-UBND. Các trung tâm sẽ nhận được ở lần đồng bộ tới.';
    box.modelProposals.mockResolvedValue([household(null)]);
    s.choose('gdht');
    await s.load();
    expect(s.done).toBeNull();
    expect(s.models).toHaveLength(1);
    expect(box.modelProposals).toHaveBeenCalledWith('gdht', 2026);
  });
});

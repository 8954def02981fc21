import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ closedLists: vi.fn(), returnList: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { HubListReturnsState } = await import('./hub-list-returns.svelte.ts');

const list = {
  nodeId: 'n-1',
  center: 'TTHTCĐ Tân Lập',
  listId: 'l-1',
  revision: 1,
  title: 'cdht' as const,
  village: 'Thôn Đồng Chằm',
  year: 2026,
  closedAt: '2026-11-20T03:00:00.000Z',
  entries: 2,
};

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

describe('HubListReturnsState', () => {
  it('returns a list with the reason typed, reads the lists and the proposals again, then says so', async () => {
    const s = new HubListReturnsState();
    box.closedLists.mockResolvedValueOnce([list]);
    await s.load(2026);
    expect(s.lists).toEqual([list]);
    s.reasons['l-1'] = '  Thiếu minh chứng ';
    box.returnList.mockResolvedValue({ ok: true });
    box.closedLists.mockResolvedValueOnce([]);
    const reread: string[] = [];
    const said = onWrite(s, 'done', () => [s.lists.length, [...reread]]);
    await s.giveBack(list, async () => {
      reread.push('proposals');
    });
    expect(box.returnList).toHaveBeenCalledWith({ nodeId: 'n-1', listId: 'l-1', reason: 'Thiếu minh chứng' });
    expect(said.at(-1)).toEqual({
      value:
        'Đã trả lại danh sách Công dân học tập — Thôn Đồng Chằm (TTHTCĐ Tân Lập). Trung tâm sẽ nhận được ở lần đồng bộ tới.',
      seen: [0, ['proposals']],
    });
    expect(s.reasons['l-1']).toBe('');
  });

  it('keeps the reason and says the refusal, with no outcome', async () => {
    const s = new HubListReturnsState();
    box.closedLists.mockResolvedValue([list]);
    await s.load(2026);
    s.reasons['l-1'] = 'Thiếu minh chứng';
    box.returnList.mockRejectedValue(new ApiError('list-return.decided', 'no'));
    await s.giveBack(list);
    expect(s.error).toBe('list-return.decided');
    expect(s.done).toBeNull();
    expect(s.reasons['l-1']).toBe('Thiếu minh chứng');
    expect(s.lists).toEqual([list]);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ list: vi.fn(), finalize: vi.fn(), reopenListed: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { ListsState } = await import('./lists.svelte.ts');

const entry = (locked: boolean) => ({ assessmentId: 'a-lan', name: 'Bà Lan', locked });
const listOf = (locked: boolean, extra: Record<string, unknown> = {}) =>
  ({
    title: 'cdht',
    village: 'Thôn Đồng Chằm',
    year: 2026,
    finalizedAt: locked ? '2026-11-20T03:00:00.000Z' : null,
    entries: [entry(locked)],
    ...extra,
  }) as never;

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

describe('ListsState', () => {
  it('reads the list of the title, village and year chosen; a choice of another title clears it', async () => {
    const s = new ListsState('Thôn Đồng Chằm', 2026);
    box.list.mockResolvedValue(listOf(false));
    await s.show();
    expect(box.list).toHaveBeenCalledWith({ title: 'cdht', village: 'Thôn Đồng Chằm', year: 2026 }, 'official');
    expect(s.list).toMatchObject({ finalizedAt: null });
    s.choose('dhht');
    expect(s.list).toBeNull();
    expect(s.title).toBe('dhht');
  });

  it('shows only the answer to the latest request', async () => {
    const s = new ListsState('Thôn Đồng Chằm', 2026);
    let first!: (x: unknown) => void;
    box.list.mockReturnValueOnce(new Promise((r) => (first = r))).mockResolvedValueOnce(listOf(true));
    const slow = s.show();
    s.year = 2025;
    await s.show();
    first(listOf(false));
    await slow;
    expect(s.list).toMatchObject({ finalizedAt: '2026-11-20T03:00:00.000Z' });
  });

  it('says an entry was reopened only once the list is read again, and keeps a refusal without a message', async () => {
    const s = new ListsState('Thôn Đồng Chằm', 2026);
    box.list.mockResolvedValueOnce(listOf(true));
    await s.show();
    s.reasons['a-lan'] = '  Chấm lại CS03 ';
    box.reopenListed.mockResolvedValue({ ok: true });
    box.list.mockResolvedValueOnce(listOf(false));
    const said = onWrite(s, 'done', () => s.list);
    await s.reopen('a-lan', 'Bà Lan');
    expect(box.reopenListed).toHaveBeenCalledWith('a-lan', 'Chấm lại CS03');
    expect(said).toEqual([
      { value: null, seen: expect.anything() },
      { value: 'Đã mở lại kết quả của Bà Lan. Có thể thẩm định lại, rồi chốt danh sách lần nữa.', seen: listOf(false) },
    ]);
    expect(s.reasons['a-lan']).toBe('');

    box.reopenListed.mockRejectedValue(new ApiError('appraisal.decided', 'no'));
    await s.reopen('a-lan', 'Bà Lan');
    expect(s.error).toBe('appraisal.decided');
    expect(s.done).toBeNull();
    expect(s.list).toEqual(listOf(false));
  });

  it('finalizes and shows the list the box answers, with the commune’s return when there is one', async () => {
    const s = new ListsState('Thôn Đồng Chằm', 2026);
    const returned = { reason: 'Thiếu minh chứng CS03', at: '2026-11-25T03:00:00.000Z', by: 'Chị Hoa' };
    box.list.mockResolvedValueOnce(listOf(false, { returned }));
    await s.show();
    expect(s.list).toMatchObject({ finalizedAt: null, returned });
    box.finalize.mockResolvedValue(listOf(true, { returned: null }));
    await s.finalize();
    expect(box.finalize).toHaveBeenCalledWith({ title: 'cdht', village: 'Thôn Đồng Chằm', year: 2026 });
    expect(s.list).toMatchObject({ finalizedAt: '2026-11-20T03:00:00.000Z', returned: null });
    expect(s.error).toBeNull();
  });
});

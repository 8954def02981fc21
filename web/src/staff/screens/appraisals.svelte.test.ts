import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '../../../../shared/schemas/appraisal.ts';
import { ApiError } from '../../lib/api.ts';

const box = vi.hoisted(() => ({ queue: vi.fn(), modelQueue: vi.fn(), audit: vi.fn() }));
vi.mock('../api.ts', () => ({ staffApi: box }));
const { AppraisalsState, appraisalStatus } = await import('./appraisals.svelte.ts');
const { AuditState } = await import('./audit.svelte.ts');

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

const item = (appraisal: QueueItem['appraisal'], resubmitted = false) =>
  ({ assessmentId: 'a1', name: 'Bà Lan', appraisal, resubmitted }) as unknown as QueueItem;
const appraised = { status: 'appraised' as const, total: 40, recognized: true, locked: false };

describe('AppraisalsState', () => {
  it.each([
    ['not appraised', item(null), 'Chưa thẩm định'],
    ['appraised', item(appraised), 'Đã thẩm định'],
    ['returned', item({ ...appraised, status: 'returned' }), 'Đã trả lại'],
    ['returned and changed since', item({ ...appraised, status: 'returned' }, true), 'Đã bổ sung'],
    ['locked, whatever else', item({ ...appraised, locked: true }, true), 'Đã chốt'],
  ])('names an assessment %s', (_, it, words) => {
    expect(appraisalStatus(it)).toBe(words);
  });

  it('reads the village and year chosen, then the year’s households and clans; back from one reads them again', async () => {
    box.queue.mockResolvedValue([item(null)]);
    box.modelQueue.mockResolvedValue([]);
    const q = new AppraisalsState('Thôn 1', 2026);
    q.village = 'Thôn 2';
    q.year = 2025;
    await q.show();
    expect(box.queue).toHaveBeenCalledWith('Thôn 2', 2025);
    expect(box.modelQueue).toHaveBeenCalledWith(2025);
    expect(q.queue).toHaveLength(1);
    expect(q.models).toEqual([]);
    q.openModel = 'm1';
    await q.closeModel();
    expect(q.openModel).toBeNull();
    expect(box.queue).toHaveBeenCalledTimes(2);
  });

  it('a refusal keeps its code and the queue shown', async () => {
    box.queue.mockResolvedValue([item(null)]);
    box.modelQueue.mockResolvedValue([]);
    const q = new AppraisalsState('Thôn 1', 2026);
    await q.show();
    box.queue.mockRejectedValue(new ApiError('request.invalid', 'no'));
    await q.show();
    expect(q.error).toBe('request.invalid');
    expect(q.queue).toHaveLength(1);
  });
});

describe('AuditState', () => {
  it('asks for the filter as chosen, an empty field as no filter', async () => {
    box.audit.mockResolvedValue([{ id: 1 }]);
    const log = new AuditState();
    await log.load();
    expect(box.audit).toHaveBeenLastCalledWith({ action: undefined, from: undefined, to: undefined });
    log.action = 'attendance';
    log.from = '2026-11-01';
    await log.load();
    expect(box.audit).toHaveBeenLastCalledWith({ action: 'attendance', from: '2026-11-01', to: undefined });
    expect(log.rows).toEqual([{ id: 1 }]);
  });
});

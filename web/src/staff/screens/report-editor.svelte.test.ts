import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportDraft } from '../../../../shared/schemas/report-paper.ts';
import { ApiError } from '../../lib/api.ts';
import { onWrite } from '../../../../tests/support/outcome-order.ts';

const box = vi.hoisted(() => ({ draft: vi.fn(), save: vi.fn(), paperUrl: vi.fn() }));
vi.mock('../report-api.ts', () => ({ reportApi: box }));
const { ReportEditorState } = await import('./report-editor.svelte.ts');

const draft = (over: Partial<ReportDraft> = {}, results = 'Năm 2026, toàn xã có 12 người đăng ký.'): ReportDraft => ({
  kind: 'result',
  year: 2026,
  title: 'Kết quả thực hiện mô hình “Công dân học tập” năm 2026',
  number: '',
  date: '',
  deadline: '2026-11-15',
  daysLeft: 8,
  sections: [
    { key: 'implementation', heading: 'I. CÔNG TÁC TRIỂN KHAI THỰC HIỆN', text: 'Thực hiện...', edited: false },
    { key: 'results', heading: 'II. KẾT QUẢ THỰC HIỆN', text: results, edited: results.startsWith('Sửa') },
  ],
  updatedAt: null,
  updatedBy: null,
  ...over,
});

beforeEach(() => {
  for (const f of Object.values(box)) f.mockReset();
});

describe('ReportEditorState', () => {
  it('opens a kind with its pre-filled sections in the fields, clearing the last outcome', async () => {
    const editor = new ReportEditorState(2026);
    editor.done = 'Đã lưu báo cáo (1 mục đã sửa).';
    box.draft.mockResolvedValue(draft({ kind: 'emulation' }));
    await editor.open('emulation');
    expect(box.draft).toHaveBeenCalledWith(2026, 'emulation');
    expect(editor.texts).toEqual({ implementation: 'Thực hiện...', results: 'Năm 2026, toàn xã có 12 người đăng ký.' });
    expect(editor.done).toBeNull();
    expect(editor.dirty).toBe(false);
    editor.texts = { ...editor.texts, results: 'Sửa: 12 người.' };
    expect(editor.dirty).toBe(true);
  });

  it('says what was saved only once the report is read again', async () => {
    const editor = new ReportEditorState(2026);
    box.draft.mockResolvedValue(draft());
    await editor.open('result');
    editor.texts = { ...editor.texts, results: 'Sửa: 12 người.' };
    editor.number = ' 45/BC-UBND ';
    box.save.mockResolvedValue(draft({ number: '45/BC-UBND' }, 'Sửa: 12 người.'));
    box.draft.mockResolvedValue(draft({ number: '45/BC-UBND' }, 'Sửa: 12 người.'));
    const said = onWrite(editor, 'done', () => editor.draft?.sections[1]?.text);
    await editor.save();
    expect(box.save).toHaveBeenCalledWith({
      year: 2026,
      kind: 'result',
      number: '45/BC-UBND',
      date: '',
      sections: { implementation: 'Thực hiện...', results: 'Sửa: 12 người.' },
    });
    expect(said.at(-1)).toEqual({ value: 'Đã lưu báo cáo (1 mục đã sửa).', seen: 'Sửa: 12 người.' });
    expect(editor.dirty).toBe(false);
  });

  it('keeps what the officer typed when the hub refuses it, with the code', async () => {
    const editor = new ReportEditorState(2026);
    box.draft.mockResolvedValue(draft());
    await editor.open('result');
    editor.number = 'số bốn lăm';
    box.save.mockRejectedValue(new ApiError('report.number-invalid', 'no'));
    await editor.save();
    expect(editor.error).toBe('report.number-invalid');
    expect(editor.done).toBeNull();
    expect(editor.number).toBe('số bốn lăm');
    expect(editor.dirty).toBe(true);
    expect(box.draft).toHaveBeenCalledTimes(2);
  });
});

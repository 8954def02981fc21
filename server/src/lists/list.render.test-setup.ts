import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { listToXlsx } from './list.render.ts';
import type { CdhtListData, ProposalEntry, ProposalListData } from './list.types.ts';

/** The people, lists and headers the list documents' tests print, and a workbook reader. */
// The staff screen's fields (assessment id, locked) are never printed.
export const lan: ProposalEntry = {
  assessmentId: 'a-lan',
  locked: true,
  name: 'Nguyễn Thị Lan',
  birthYear: 1954,
  village: 'Thôn Đồng Chằm',
  group: 'Nhóm 1: Nông dân, lao động nông thôn',
  total: 86,
  selfTotal: 88,
  fifthYear: true,
  note: 'Hội viên Hội Nông dân',
};
export const tuan: ProposalEntry = {
  assessmentId: 'a-tuan',
  locked: true,
  name: 'Trần Văn Tuấn',
  birthYear: 1988,
  village: 'Thôn Đồng Chằm',
  group: 'Nhóm 2: Công nhân, thợ thủ công, thợ sửa chữa',
  total: 91,
  selfTotal: 93,
  fifthYear: false,
  note: 'Năm thứ hai liên tiếp',
};
export const center = {
  name: 'Trung tâm học tập cộng đồng xã Tân Lập',
  commune: 'Xã Tân Lập',
  province: 'Tỉnh Phú Thọ',
};
export const list = (overrides: Partial<CdhtListData> = {}): CdhtListData => ({
  title: 'cdht',
  center,
  village: 'Thôn Đồng Chằm',
  year: 2025,
  kind: 'official',
  finalizedAt: '2025-11-20T08:00:00.000Z',
  generatedAt: '2025-11-20T08:05:00.000Z',
  outstandingYears: 5,
  entries: [lan, tuan],
  ...overrides,
});
export const official = list();
export const publicList = list({ kind: 'public' });
export const officialHeader = [
  'STT',
  'Họ và tên',
  'Năm sinh',
  'Thôn',
  'Nhóm đối tượng',
  'Điểm tự đánh giá',
  'Điểm thẩm định',
  'Năm thứ 5 liên tục',
  'Ghi chú',
];
export const publicHeader = ['STT', 'Họ và tên', 'Thôn'];
export const privateDetails = [
  '1954',
  '1988',
  '86',
  '91',
  lan.group,
  tuan.group,
  lan.note,
  tuan.note,
  '88',
  '93',
  'Năm sinh',
  'Nhóm đối tượng',
  'Điểm tự đánh giá',
  'Điểm thẩm định',
  'liên tục',
  'Ghi chú',
  'Nhóm 1',
  'Nhóm 2',
];

export async function load(data: ProposalListData): Promise<ExcelJS.Workbook> {
  const buffer = await listToXlsx(data);
  expect(buffer.subarray(0, 2).toString()).toBe('PK'); // a zip, as every .xlsx is
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer-like Buffer; a copy into a plain ArrayBuffer fits both.
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}
export const values = (row: ExcelJS.Row): unknown[] => (row.values as unknown[]).slice(1);

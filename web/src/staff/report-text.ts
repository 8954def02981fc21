import type { ReportKind } from '../../../shared/schemas/report-paper.ts';

/**
 * Vietnamese text of the hub's report editor (issue 25) and of the reports' deadlines on the
 * dashboard. Staff-only, kept apart like hub-text.ts.
 */
export const reportText = {
  open: 'Soạn báo cáo năm (Word, in A4)',
  heading: 'Soạn báo cáo năm {year}',
  lead: 'Các mục đã được điền sẵn theo số liệu. Sửa lại cho đúng, bấm Lưu, rồi tải bản Word hoặc in A4 để trình ký.',
  kind: 'Loại báo cáo',
  kinds: {
    result: 'Báo cáo kết quả mô hình “Công dân học tập”',
    emulation: 'Báo cáo phong trào “Mỗi người dân tự học, học tập suốt đời”',
  } satisfies Record<ReportKind, string>,
  short: { result: 'báo cáo kết quả', emulation: 'báo cáo phong trào thi đua' } satisfies Record<ReportKind, string>,
  deadline: 'Hạn nộp: {date} — {days}.',
  number: 'Số báo cáo (ví dụ 45/BC-UBND)',
  date: 'Ngày báo cáo',
  edited: 'đã sửa',
  prefilled: 'theo số liệu',
  save: 'Lưu báo cáo',
  saving: 'Đang lưu…',
  saved: 'Đã lưu báo cáo ({n} mục đã sửa).',
  savedBy: 'Lưu lần cuối: {name}, {at}.',
  docx: 'Tải báo cáo (Word)',
  print: 'In báo cáo (A4)',
  unsaved: 'Có thay đổi chưa lưu: bấm Lưu trước khi tải hoặc in.',
  loading: 'Đang tải báo cáo…',
  /** On the dashboard's deadline line. */
  due: 'Hạn {report} năm {year}: {date} ({days})',
};

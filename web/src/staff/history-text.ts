import type { HistoryKind, HistoryProblem } from '../../../shared/schemas/history.ts';

/**
 * Vietnamese text of the commune's screen "Công nhận các năm trước" (issue 24): the import of the
 * 2021–2025 recognitions decided on paper. Staff-only, kept apart like hub-text.ts.
 */
export const historyText = {
  menu: 'Nhập công nhận các năm 2021–2025',
  heading: 'Công nhận các năm trước (2021–2025)',
  lead: 'Tải mẫu, ghi các quyết định công nhận đã ban hành trên giấy (cá nhân, hộ gia đình, dòng họ, thôn, đơn vị), rồi nhập tệp. Nhập lại cùng một tệp không làm thay đổi gì.',
  template: 'Tải mẫu (.xlsx)',
  file: 'Chọn tệp để nhập',
  imported:
    'Đã nhập {added} dòng mới trong {rows} dòng: {matched} dòng khớp, {review} dòng chờ xem xét, {pending} dòng chưa có người đăng ký.',
  nothingNew: 'Tệp có {rows} dòng, tất cả đã được nhập trước đây: không có gì thay đổi.',
  row: 'Dòng {n}',
  problemsHeading: 'Các dòng bị lỗi (chưa nhập dòng nào)',
  problems: {
    'kind-unknown': 'Loại không rõ (Cá nhân, Hộ gia đình, Dòng họ, Thôn, Đơn vị)',
    'name-missing': 'Thiếu họ tên hoặc tên',
    'birth-year-invalid': 'Năm sinh phải là 4 chữ số (cá nhân và chủ hộ phải có năm sinh)',
    'village-missing': 'Thiếu tên thôn',
    'village-unknown': 'Thôn không có trong danh sách thôn của xã',
    'year-out-of-range': 'Năm công nhận phải từ 2021 đến năm trước',
    'number-missing': 'Thiếu số quyết định',
    'date-invalid': 'Ngày quyết định không đúng (ngày/tháng/năm, trong năm công nhận hoặc năm sau)',
    'issuer-missing': 'Thiếu cơ quan ban hành',
    'text-invalid': 'Có ký tự ẩn hoặc chữ quá dài (thường do dán từ nơi khác)',
    'duplicate-row': 'Trùng với một dòng phía trên',
    'conflicting-decisions': 'Cùng người, cùng năm nhưng khác quyết định (trong tệp hoặc với lần nhập trước)',
  } satisfies Record<HistoryProblem, string>,
  reviewHeading: 'Tên gần giống: xin xác nhận',
  reviewLead:
    'Các dòng dưới đây không khớp đúng tên nhưng có người đăng ký tên gần giống. Đồng ý nếu là cùng một người.',
  noReview: 'Không có dòng nào chờ xem xét.',
  accept: 'Đúng người này',
  reject: 'Không phải',
  accepted: 'Đã ghi nhận {name} năm {year}.',
  rejected: 'Đã bỏ gợi ý cho {name}.',
  listHeading: 'Các dòng đã nhập',
  columns: {
    kind: 'Loại',
    name: 'Họ tên / tên',
    birthYear: 'Năm sinh',
    village: 'Thôn',
    year: 'Năm',
    decision: 'Quyết định',
    status: 'Tình trạng',
    candidate: 'Người đã đăng ký',
    action: 'Xác nhận',
  },
  decision: 'Số {number} ngày {date}, {issuer}',
  kinds: {
    person: 'Cá nhân',
    household: 'Hộ gia đình',
    clan: 'Dòng họ',
    community: 'Thôn',
    unit: 'Đơn vị',
  } satisfies Record<HistoryKind, string>,
  statuses: { matched: 'Đã khớp', review: 'Chờ xem xét', pending: 'Chờ đăng ký' },
  none: 'Chưa nhập dòng nào.',
};

import type { ErrorCode } from '../../../../shared/errors.ts';
import type { Shortfall } from '../../../../shared/domain/recognition.ts';

/** Vietnamese text of the villager screens. Components take every string from here. */
export const vi = {
  appTitle: 'Công dân học tập',
  welcome: {
    heading: 'Chào mừng đến với trung tâm học tập cộng đồng',
    lead: 'Tự đánh giá "Công dân học tập" năm {year}',
    newPerson: 'Tôi là người mới',
    newPersonHint: 'Đăng ký lần đầu',
    hasCard: 'Tôi đã có thẻ',
    hasCardHint: 'Nhập mã trên phiếu của tôi',
    demo: 'Bản trình diễn — dữ liệu mẫu',
    loading: 'Đang tải…',
    offlineNoData: 'Máy tính bảng chưa kết nối được với máy chủ của trung tâm. Hãy kiểm tra Wi-Fi rồi thử lại.',
    retry: 'Thử lại',
    update: 'Cập nhật phiên bản mới',
    facilitator: 'Người hướng dẫn: tình trạng máy',
  },
  session: {
    code: 'Mã của bác:',
    assisted: 'Người hỗ trợ: {name}',
    smaller: 'Chữ nhỏ hơn',
    larger: 'Chữ to hơn',
    textSize: 'Cỡ chữ {n}%',
  },
  assisted: {
    confirm: 'Bác xác nhận câu trả lời này',
    confirmed: 'Bác đã xác nhận',
    needConfirm: 'Xin bác xác nhận câu trả lời trước khi đi tiếp.',
    listenChoices: 'Nghe các mức điểm',
    choices: 'Chọn một điểm từ {min} đến {max}. {min} là chưa làm. {max} là làm rất tốt.',
  },
  idle: {
    heading: 'Bạn còn ở đây không?',
    body: 'Nếu không ai chạm vào màn hình, bài làm sẽ được lưu lại và màn hình trở về trang đầu sau {n} giây.',
    stay: 'Tôi vẫn ở đây',
  },
  sync: {
    onTablet: 'Đang lưu trên máy tính bảng',
    onTabletHint: 'Sẽ tự gửi về trung tâm khi có kết nối.',
    atCenter: 'Đã gửi về trung tâm',
  },
  status: {
    heading: 'Tình trạng máy tính bảng',
    close: 'Đóng',
    staff: 'Đăng nhập người hướng dẫn',
    connection: 'Kết nối với máy chủ trung tâm',
    reachable: 'Đang kết nối',
    unreachable: 'Chưa kết nối được — sẽ tự thử lại',
    pending: 'Đang chờ gửi về trung tâm: {n}',
    refusedHeading: 'Trung tâm không nhận (cần người hướng dẫn xem):',
    none: 'Không có',
    retry: 'Gửi lại',
    sendNow: 'Gửi ngay',
    storage: 'Bộ nhớ đã dùng: {used} / {quota}',
    persisted: 'Dữ liệu được giữ cố định trên máy',
    notPersisted: 'Trình duyệt có thể xóa dữ liệu khi máy đầy bộ nhớ',
    kinds: { person: 'Đăng ký', assessment: 'Bài tự đánh giá', photo: 'Ảnh minh chứng', 'digital-attempt': 'Bài kiểm tra kỹ năng số' },
  },
  register: {
    heading: 'Đăng ký',
    name: 'Họ và tên',
    namePlaceholder: 'Ví dụ: Nguyễn Thị Lan',
    birthYear: 'Năm sinh',
    birthYearPlaceholder: 'Ví dụ: 1958',
    village: 'Thôn / xóm',
    phone: 'Số điện thoại (không bắt buộc)',
    consentHeading: 'Bác có đồng ý không? Đánh dấu từng ô mình đồng ý.',
    consents: {
      assessment: 'Tôi đồng ý để trung tâm lưu tên, năm sinh, thôn và bài tự đánh giá của tôi để xét công nhận "Công dân học tập". (Bắt buộc để tham gia)',
      publicList: 'Tôi đồng ý để tên và thôn của tôi có trong danh sách công nhận được niêm yết công khai. (Không có điểm, không có năm sinh)',
      statistics: 'Tôi đồng ý để kết quả của tôi được dùng trong số liệu thống kê chung của xã (không ghi tên).',
    },
    listen: 'Nghe đọc',
    submit: 'Đăng ký',
    sending: 'Đang đăng ký…',
    back: 'Quay lại',
    errors: {
      name: 'Xin ghi họ và tên (ít nhất 2 chữ).',
      birthYear: 'Năm sinh là 4 chữ số, ví dụ 1958.',
      village: 'Xin chọn thôn của mình.',
      consent: 'Cần đồng ý ô đầu tiên thì mới tham gia tự đánh giá được.',
      phone: 'Số điện thoại chưa đúng (ví dụ 0912345678), hoặc để trống.',
    },
  },
  find: {
    heading: 'Tìm phiếu của tôi',
    code: 'Mã trên phiếu (6 chữ/số)',
    birthYear: 'Năm sinh',
    search: 'Tìm',
    searching: 'Đang tìm…',
    isThisYou: 'Có phải là bác?',
    yes: 'Đúng, là tôi',
    no: 'Không phải',
    back: 'Quay lại',
  },
  group: {
    heading: 'Bác làm công việc gì?',
    lead: 'Chọn một nhóm. Câu hỏi sẽ hợp với công việc của mình.',
  },
  indicator: {
    progress: 'Chỉ số {n} / {total}',
    evidenceHeading: 'Ví dụ minh chứng',
    scoreHeading: 'Bác tự chấm mấy điểm?',
    scoreHint: '{min} là chưa làm, {max} là làm rất tốt',
    addPhoto: 'Chụp ảnh minh chứng',
    photoSaved: 'Đã lưu ảnh',
    removePhoto: 'Bỏ ảnh này',
    photoFailed: 'Không đọc được ảnh này. Xin chụp lại.',
    storageFull: 'Máy tính bảng sắp hết chỗ lưu, không nhận thêm ảnh. Xin báo người hướng dẫn.',
    note: 'Ghi chú minh chứng (không bắt buộc)',
    prev: 'Quay lại',
    next: 'Tiếp theo',
    review: 'Xem lại kết quả',
    listen: 'Nghe đọc',
    needScore: 'Xin chọn một điểm trước khi đi tiếp.',
  },
  review: {
    heading: 'Xem lại trước khi gửi',
    total: 'Tổng điểm',
    of: 'trên {max}',
    edit: 'Sửa',
    photos: '{n} ảnh',
    submit: 'Gửi bài tự đánh giá',
    returned: 'Chi hội khuyến học nhắn: {message}',
    sending: 'Đang gửi…',
  },
  verdict: {
    recognized: 'Đạt — đủ điều kiện đề nghị công nhận',
    notYet: 'Chưa đạt',
    provisional: 'Đây là kết quả tạm thời. Chi hội khuyến học sẽ thẩm định, rồi Ủy ban nhân dân xã quyết định công nhận.',
    shortHeading: 'Còn thiếu:',
  },
  result: {
    heading: 'Đã gửi bài tự đánh giá',
    yourCode: 'Mã của bác',
    keepSlip: 'Giữ phiếu này. Lần sau chọn "Tôi đã có thẻ" và nhập mã này.',
    print: 'In phiếu',
    done: 'Xong',
    year: 'Năm {year}',
  },
  digital: {
    start: 'Kiểm tra kỹ năng số (khoảng 15 phút)',
    startHint: 'Làm trên máy này: trả lời từng câu, làm thử vài việc trên điện thoại. Kết quả là minh chứng cho chỉ số CS05.',
    continue: 'Làm tiếp bài kiểm tra kỹ năng số',
    heading: 'Kiểm tra kỹ năng số',
    progress: 'Câu {n} trên {total}',
    previous: 'Câu trước',
    next: 'Câu tiếp',
    finish: 'Nộp bài',
    pause: 'Tạm dừng, lần sau làm tiếp',
    unanswered: 'Còn {n} câu chưa trả lời. Câu bỏ trống được tính 0 điểm.',
    tooSoon: 'Bác đã làm bài kiểm tra kỹ năng số gần đây. Bác có thể làm lại từ ngày {date}, hoặc sớm hơn sau khi tham gia một buổi học ở trung tâm.',
  },
  recognition: {
    title: 'Đã được công nhận Công dân học tập năm {year}',
    decision: 'Quyết định số {number}, ngày {date}',
  },
  errors: {
    network: 'Chưa kết nối được với máy chủ của trung tâm. Bài làm vẫn được giữ trên máy. Hãy thử lại.',
    'person.not-found': 'Không tìm thấy mã này. Xin xem lại mã trên phiếu.',
    'person.consent-required': 'Cần đồng ý ô đầu tiên thì mới tham gia được.',
    'person.village-unknown': 'Thôn này không thuộc trung tâm. Xin chọn lại.',
    'person.id-conflict': 'Có lỗi khi đăng ký. Xin nhờ người hướng dẫn giúp.',
    'assessment.already-submitted': 'Bài này đã gửi rồi, không sửa được nữa.',
    'assessment.year-taken': 'Bác đã có bài tự đánh giá năm nay rồi. Chọn "Tôi đã có thẻ" để xem.',
    'assessment.incomplete': 'Còn chỉ số chưa chấm điểm.',
    'assessment.score-out-of-range': 'Có điểm không hợp lệ.',
    'assessment.group-unknown': 'Nhóm đối tượng không có trong bộ tiêu chí.',
    'assessment.criteria-set-unknown': 'Bộ tiêu chí trên máy tính bảng đã cũ. Xin tải lại ứng dụng.',
    'request.invalid': 'Dữ liệu gửi lên không hợp lệ.',
    'assessment.assistant-unknown': 'Người hỗ trợ không còn là tài khoản của trung tâm.',
    'auth.required': 'Cần đăng nhập người hướng dẫn.',
    'auth.forbidden': 'Tài khoản này không được làm việc này.',
    'auth.invalid': 'Sai tên hoặc mã PIN.',
    'auth.locked': 'Nhập sai quá nhiều lần, xin đợi rồi thử lại.',
    'auth.setup-done': 'Trung tâm đã có người quản trị.',
    'staff.name-taken': 'Đã có tài khoản mang tên này.',
    'staff.not-found': 'Không tìm thấy tài khoản.',
    'appraisal.not-submitted': 'Bài này chưa được gửi nên chưa thẩm định được.',
    'appraisal.reason-required': 'Cần lý do cho chỉ số có điểm thẩm định khác điểm tự chấm.',
    'appraisal.locked': 'Kết quả đã chốt trong danh sách. Chỉ quản trị mới mở lại được.',
    'appraisal.not-found': 'Bài này chưa được thẩm định.',
    'list.empty': 'Chưa có ai đạt trong thôn và năm này.',
    'evidence.not-found': 'Không tìm thấy ảnh minh chứng.',
    'sync.not-enrolled': 'Trung tâm chưa đăng ký với xã.',
    'sync.unreachable': 'Không kết nối được tới xã.',
    'sync.enrolment-invalid': 'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.',
    'sync.node-unknown': 'Xã không biết trung tâm này. Cần đăng ký lại.',
    'sync.node-revoked': 'Khóa của trung tâm đã bị thu hồi. Liên hệ cán bộ xã.',
    'sync.request-stale': 'Đồng hồ của máy lệch quá nhiều so với xã. Hãy chỉnh lại giờ.',
    'sync.request-replayed': 'Yêu cầu bị gửi lặp, sẽ tự gửi lại.',
    'sync.signature-invalid': 'Chữ ký của trung tâm không khớp. Cần đăng ký lại.',
    'appraisal.decided': 'Xã đã ra quyết định công nhận người này. Chỉ xã mới mở lại được (bằng cách thu hồi quyết định).',
    'decision.not-proposed': 'Có người chưa được thẩm định đạt trong năm này nên chưa thể công nhận.',
    'decision.already-recognized': 'Có người đã được công nhận bằng quyết định khác trong năm này.',
    'decision.not-found': 'Không tìm thấy quyết định này.',
    'decision.already-revoked': 'Quyết định này đã bị thu hồi.',
    'decision.person-not-named': 'Quyết định này không có tên người đó.',
    'decline.decided': 'Người này đã được công nhận năm nay: hãy mở lại quyết định thay vì không công nhận.',
    'digital.bank-unknown': 'Bộ câu hỏi kỹ năng số này không có trên máy của trung tâm.',
    'digital.item-unknown': 'Có câu trả lời không khớp với bộ câu hỏi. Hãy làm lại bài.',
    'digital.retake-too-soon': 'Chưa đến lúc làm lại bài kiểm tra kỹ năng số.',
    'digital.id-conflict': 'Bài làm này trùng mã với bài khác. Hãy làm lại.',
    'unit.unknown': 'Không tìm thấy tên cũ này trong số liệu của xã: kiểm tra lại chính tả.',
    'unit.same-name': 'Tên mới phải khác tên cũ.',
    'unit.cycle': 'Không thể gộp hoặc đổi tên vòng tròn: một tên cũ đã được gộp vào tên này.',
    'sync.wrong-role': 'Máy chủ này không làm việc đó.',
    'evidence.not-an-image': 'Tệp này không phải là ảnh.',
    'evidence.too-large': 'Ảnh quá lớn.',
    generic: 'Có lỗi xảy ra. Xin nhờ người hướng dẫn giúp. (Mã lỗi: {code})',
  } satisfies Partial<Record<ErrorCode | 'network' | 'generic', string>>,
} as const;

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** Vietnamese text for an error code from the box. */
export function errorText(code: string): string {
  const known = (vi.errors as Record<string, string>)[code];
  return known ?? fill(vi.errors.generic, { code });
}

/** Vietnamese text for one shortfall, naming the indicator by its short title. */
export function shortfallText(s: Shortfall, indicatorName: (id: string) => string): string {
  switch (s.kind) {
    case 'indicator-missing':
      return `${s.indicatorId} (${indicatorName(s.indicatorId)}): chưa chấm điểm`;
    case 'indicator-below-min':
      return `${s.indicatorId} (${indicatorName(s.indicatorId)}) được ${s.score} điểm: cần ít nhất ${s.min} điểm`;
    case 'total-below-pass':
      return `Tổng ${s.total} điểm: cần thêm ${s.needed} điểm nữa (ít nhất ${s.pass})`;
  }
}

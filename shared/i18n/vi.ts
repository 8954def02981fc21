import type { ErrorCode } from '../errors.ts';
import type { ModelShortfall } from '../domain/collective-titles/verdict.ts';
import type { Shortfall } from '../domain/recognition.ts';
import { fill } from './fill.ts';

/**
 * Vietnamese text of the villager screens. Components take every string from here (through `t()` in
 * web/src/lib/i18n/i18n.svelte.ts, which answers this catalog or the English one, en.ts). A string's
 * stable id is its dotted path in this object (`welcome.heading`): recorded audio packs are keyed by
 * it, so keep this a plain nested object of strings, and keep an id when its wording changes.
 * Text that comes from configuration (criteria-set wording, the digital-skills bank, center and
 * village names) is not here: it stays in the province's language whatever the tablet shows.
 * The catalogs live in shared/ because the server reads them too (server/src/audio/texts.ts).
 */
export const vi = {
  appTitle: 'Công dân học tập',
  welcome: {
    heading: 'Chào mừng đến với trung tâm học tập cộng đồng',
    lead: 'Tự đánh giá "Công dân học tập" năm {year}',
    newPerson: 'Tôi là người mới',
    newPersonHint: 'Đăng ký lần đầu',
    hasCard: 'Tôi đã đăng ký rồi (có phiếu)',
    hasCardHint: 'Nhập mã trên phiếu của tôi',
    demo: 'Bản trình diễn — dữ liệu mẫu',
    loading: 'Đang tải…',
    offlineNoData: 'Máy tính bảng chưa kết nối được với máy của trung tâm. Hãy kiểm tra Wi-Fi rồi thử lại.',
    retry: 'Thử lại',
    update: 'Cập nhật phiên bản mới',
    facilitator: 'Người hướng dẫn: tình trạng máy',
  },
  /** The picture buttons of the welcome screen: each name says it in both languages, for a visitor too. */
  prefs: {
    group: 'Ngôn ngữ, cỡ chữ và cách dùng — Language, text size and help',
    language: 'Ngôn ngữ — Language',
    vietnamese: 'Tiếng Việt — Vietnamese',
    english: 'Tiếng Anh — English',
    textSize: 'Cỡ chữ — Text size',
    size100: 'Chữ vừa (100%) — Normal text',
    size150: 'Chữ to (150%) — Large text',
    size200: 'Chữ rất to (200%) — Very large text',
    simple: 'Chế độ đơn giản — Simple mode',
    alwaysRead: 'Luôn đọc to — Always read aloud',
  },
  session: {
    code: 'Mã của bác:',
    assisted: 'Người hỗ trợ: {name}',
    smaller: 'Chữ nhỏ hơn',
    larger: 'Chữ to hơn',
    textSize: 'Cỡ chữ {n}%',
    simple: 'Chế độ đơn giản',
    alwaysRead: 'Luôn đọc to',
  },
  assisted: {
    confirm: 'Bác xác nhận câu trả lời này',
    confirmed: 'Bác đã xác nhận',
    needConfirm: 'Xin bác xác nhận câu trả lời trước khi đi tiếp.',
    listenChoices: 'Nghe các mức điểm',
    choices: 'Chọn một điểm từ {min} đến {max}. {min} là chưa làm. {max} là làm rất tốt.',
  },
  idle: {
    heading: 'Bác còn ở đây không?',
    body: 'Nếu không ai chạm vào màn hình, bài làm sẽ được lưu lại và màn hình trở về trang đầu sau {n} giây.',
    stay: 'Tôi vẫn ở đây',
  },
  /** "Để người khác dùng máy": on every villager screen, asked once before the tablet is cleared. */
  handOver: {
    button: 'Để người khác dùng máy',
    heading: 'Bác muốn để người khác dùng máy?',
    body: 'Những gì bác đã làm sẽ được gửi về trung tâm, rồi máy xóa hết thông tin của bác để người sau không thấy. Lần sau, bác làm tiếp bằng mã trên phiếu và năm sinh.',
    confirm: 'Đúng, để người khác dùng',
    cancel: 'Không, tôi làm tiếp',
    listen: 'Nghe đọc',
  },
  /** Asked before sending what cannot be changed after: a self-assessment that does not pass, a check with blank items. */
  sendCheck: {
    heading: 'Bác gửi bài luôn hay làm tiếp?',
    notPassing: 'Theo điểm bác tự chấm, bài chưa đạt. Còn thiếu:',
    final: 'Gửi rồi thì không sửa được nữa.',
    send: 'Gửi luôn',
    keepWorking: 'Làm tiếp',
    listen: 'Nghe đọc',
    digitalHeading: 'Bác nộp bài luôn hay làm tiếp?',
    digitalBlank: 'Còn {n} câu bác chưa trả lời. Câu bỏ trống được tính 0 điểm.',
    digitalFinal: 'Nộp rồi thì phải chờ một thời gian mới được làm lại.',
    digitalSend: 'Nộp bài luôn',
    digitalNone:
      'Bác chưa trả lời câu nào nên chưa nộp bài được. Bác trả lời ít nhất một câu, hoặc bấm "Tạm dừng" để lần sau làm tiếp.',
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
    connection: 'Kết nối với máy của trung tâm',
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
    kinds: {
      person: 'Đăng ký',
      assessment: 'Bài tự đánh giá',
      photo: 'Ảnh minh chứng',
      'digital-attempt': 'Bài kiểm tra kỹ năng số',
      'digital-draft': 'Bài kiểm tra kỹ năng số tạm dừng',
      'learning-plan': 'Kế hoạch học tập',
      household: 'Đăng ký gia đình',
      'household-member': 'Liên kết người trong gia đình',
      'household-facts': 'Số cháu đi học của gia đình',
      'model-assessment': 'Bài tự đánh giá Gia đình học tập',
    },
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
      assessment:
        'Tôi đồng ý để trung tâm lưu tên, năm sinh, thôn, bài tự đánh giá và ảnh minh chứng của tôi, và gửi kết quả lên xã để xét công nhận "Công dân học tập". (Bắt buộc để tham gia)',
      publicList:
        'Tôi đồng ý để tên và thôn của tôi có trong danh sách công nhận được niêm yết công khai. (Không có điểm, không có năm sinh)',
      statistics: 'Tôi đồng ý để kết quả của tôi được dùng trong số liệu thống kê chung của xã (không ghi tên).',
    },
    /** Read before the consents: each thing kept, who gets it, for how long, and her rights. */
    notice: {
      heading: 'Trung tâm giữ thông tin gì của bác?',
      what: 'Trung tâm ghi: họ tên, năm sinh, thôn của bác, số điện thoại nếu bác cho, các câu trả lời trong bài tự đánh giá và ảnh minh chứng bác chụp.',
      who: 'Trung tâm học tập cộng đồng giữ các thông tin này. Ủy ban xã nhận họ tên, năm sinh, thôn và kết quả tự đánh giá của bác để xét công nhận. Ảnh minh chứng để lại ở trung tâm, chỉ gửi lên xã khi xã yêu cầu.',
      phone: 'Số điện thoại chỉ để trung tâm báo lịch học cho bác. Số này không gửi lên xã.',
      howLong:
        'Họ tên, năm sinh, thôn và số điện thoại được giữ đến khi bác xin xóa. Ảnh minh chứng được xóa {months} tháng sau khi xã quyết định công nhận năm đó. Điểm và quyết định công nhận được giữ lại, vì xã cần xem bác có được công nhận {years} năm liền hay không.',
      rights:
        'Bác có quyền xem, sửa hoặc xóa thông tin của mình, và rút lại đồng ý lúc nào cũng được. Bác chỉ cần nói với người hướng dẫn ở trung tâm.',
    },
    /** A child (under person.guardianUnder). */
    child: {
      alone:
        'Các cháu dưới {age} tuổi đăng ký cùng người hướng dẫn của trung tâm, và cần bố, mẹ hoặc người giám hộ đồng ý. Xin nhờ người hướng dẫn giúp.',
      off: 'Trung tâm chưa nhận đăng ký cho các cháu dưới {age} tuổi.',
    },
    guardian: {
      heading: 'Bố, mẹ hoặc người giám hộ của cháu',
      lead: 'Cháu dưới {age} tuổi nên cần bố, mẹ hoặc người giám hộ đồng ý. Người lớn nghe đọc các điều dưới đây, rồi đánh dấu thay cho cháu.',
      name: 'Họ và tên bố, mẹ hoặc người giám hộ',
      relation: 'Là gì của cháu?',
      relations: { father: 'Bố', mother: 'Mẹ', guardian: 'Người giám hộ (ông, bà, anh, chị… đang nuôi cháu)' },
      agree:
        'Tôi là bố, mẹ hoặc người giám hộ của cháu. Tôi đã nghe đọc và đồng ý cho cháu đăng ký, với các ô tôi đánh dấu dưới đây.',
    },
    listen: 'Nghe đọc',
    submit: 'Đăng ký',
    sending: 'Đang đăng ký…',
    back: 'Quay lại',
    errors: {
      name: 'Xin ghi họ và tên (ít nhất 2 chữ).',
      birthYear: 'Năm sinh là 4 chữ số, ví dụ 1958.',
      birthYearRange: 'Năm sinh phải từ {earliest} đến {latest}. Bác xem lại năm sinh.',
      village: 'Xin chọn thôn của mình.',
      consent: 'Cần đồng ý ô đầu tiên thì mới tham gia tự đánh giá được.',
      phone: 'Số điện thoại chưa đúng (ví dụ 0912345678), hoặc để trống.',
      childAlone: 'Các cháu dưới {age} tuổi chỉ đăng ký được khi có người hướng dẫn bên cạnh.',
      childOff: 'Trung tâm chưa nhận đăng ký cho các cháu dưới {age} tuổi.',
      guardianName: 'Xin ghi họ và tên bố, mẹ hoặc người giám hộ (ít nhất 2 chữ).',
      guardianRelation: 'Xin chọn người đồng ý là bố, mẹ hay người giám hộ của cháu.',
      guardianConsent: 'Bố, mẹ hoặc người giám hộ cần đánh dấu ô đồng ý cho cháu.',
    },
  },
  find: {
    heading: 'Tìm phiếu của tôi',
    code: 'Mã trên phiếu (6 ký tự)',
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
    noneForChild: 'Năm nay trung tâm chưa có nhóm tự đánh giá dành cho các cháu. Xin nhờ người hướng dẫn giúp.',
  },
  indicator: {
    progress: 'Câu {n} trên {total}',
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
    attendance: 'Bác đã đi học {n} buổi ở trung tâm năm nay. Lần gần nhất: ngày {date}.',
    learningPlan: 'Bác đã lập kế hoạch học tập ngày {date}, có {n} nội dung.',
  },
  /** Simple mode: fewer choices at once, pictures with each, confirmations read aloud. */
  simple: {
    bandHeading: 'Bác làm việc này đến đâu?',
    bands: { none: 'Chưa làm', little: 'Làm được một ít', fair: 'Làm khá', well: 'Làm rất tốt' },
    band: '{label}: từ {from} đến {to} điểm',
    range: '{from}–{to} điểm',
    scoreHeading: 'Chọn số điểm',
    otherBand: 'Chọn lại mức khác',
    chosen: 'Bác đã chọn {score} điểm.',
    groupChosen: 'Bác đã chọn: {group}.',
    reviewSpoken: 'Tổng điểm của bác là {total} trên {max}. {verdict}. Nếu đúng, bác bấm nút Gửi bài tự đánh giá.',
    resultSpoken: 'Đã gửi bài tự đánh giá. Mã của bác là {code}. Bác giữ phiếu này.',
    listenSummary: 'Nghe tóm tắt',
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
    provisional:
      'Đây là kết quả tạm thời. Chi hội khuyến học sẽ thẩm định, rồi Ủy ban nhân dân xã quyết định công nhận.',
    /** After the village branch's appraisal (thẩm định), before the commune's decision. */
    appraised: 'Chi hội khuyến học đã thẩm định kết quả này. Ủy ban nhân dân xã sẽ quyết định công nhận.',
    /** The year's recognition is decided: the line says so, and nothing more is to come. */
    decided: 'Đạt — đã được Ủy ban nhân dân xã công nhận',
    shortHeading: 'Còn thiếu:',
    shortfall: {
      missing: '{id} ({name}): chưa chấm điểm',
      belowMin: '{id} ({name}) được {score} điểm: cần ít nhất {min} điểm',
      total: 'Tổng {total} điểm: cần thêm {needed} điểm nữa (ít nhất {pass})',
    },
  },
  result: {
    heading: 'Đã gửi bài tự đánh giá',
    yourCode: 'Mã của bác',
    keepSlip: 'Giữ phiếu này. Lần sau chọn "Tôi đã đăng ký rồi (có phiếu)" và nhập mã này.',
    print: 'In phiếu',
    done: 'Kết thúc, để người khác dùng máy',
    year: 'Năm {year}',
    qr: 'Mã QR: {code}',
  },
  plan: {
    open: 'Lập kế hoạch học tập',
    openHint: 'Chọn lớp học, tài liệu giúp bác ở các chỉ số còn yếu. Kế hoạch là minh chứng cho chỉ số CS02.',
    heading: 'Kế hoạch học tập',
    lead: 'Máy gợi ý theo những điều bác nên học thêm: {needs}. Bác chọn những gì muốn học.',
    none: 'Trung tâm chưa có lớp học, tài liệu phù hợp trên máy này. Bác hỏi cán bộ để được hướng dẫn.',
    pickClass: 'Chọn lớp này',
    picked: 'Đã chọn',
    unpick: 'Bỏ chọn',
    when: 'Học khi nào?',
    months: { 0: 'Trong tháng này', 1: 'Đến hết tháng sau', 3: 'Trong 3 tháng' },
    save: 'Lưu kế hoạch ({n} mục)',
    printHeading: 'KẾ HOẠCH HỌC TẬP NĂM {year}',
    madeOn: 'Lập ngày {date}',
    what: 'Nội dung học',
    kind: 'Hình thức',
    by: 'Học khi nào',
    before: 'Trước ngày {date}',
    evidence: 'Kế hoạch này là minh chứng cho chỉ số CS02 (có kế hoạch học tập của bản thân).',
    print: 'In kế hoạch',
    done: 'Xong',
  },
  household: {
    open: 'Gia đình tôi',
    openHint: 'Đăng ký gia đình, thêm người lớn trong nhà, và tự đánh giá "Gia đình học tập".',
    heading: 'Gia đình tôi',
    loading: 'Đang tìm gia đình của bác…',
    none: 'Bác chưa đăng ký gia đình nào.',
    registerLead: 'Bác đăng ký gia đình, bác là chủ hộ. Chọn thôn của gia đình:',
    register: 'Đăng ký gia đình, tôi là chủ hộ',
    village: 'Thôn của gia đình',
    membersHeading: 'Người trong gia đình',
    head: 'Chủ hộ',
    member: 'Thành viên',
    savedHere: 'Gia đình đã lưu trên máy tính bảng, sẽ tự gửi về trung tâm.',
    notHead: 'Chỉ chủ hộ mới thêm được người và tự đánh giá cho gia đình. Bác nhờ chủ hộ hoặc người hướng dẫn giúp.',
    linkHeading: 'Thêm người lớn trong nhà',
    linkLead: 'Nhập mã trên phiếu và năm sinh của người đó. Mỗi người lớn cần đăng ký trước để có phiếu.',
    code: 'Mã trên phiếu của người đó (6 ký tự)',
    birthYear: 'Năm sinh của người đó',
    link: 'Thêm vào gia đình',
    linking: 'Đang thêm…',
    linked: 'Đã thêm {name} vào gia đình.',
    linkedCode: 'Đã thêm người có mã {code} vào gia đình.',
    linkQueued: 'Đã lưu mã {code} trên máy tính bảng. Khi có kết nối, trung tâm sẽ kiểm tra và thêm vào gia đình.',
    linkRefused: 'Chưa thêm được người có mã {code}.',
    badInput: 'Mã là 6 ký tự trên phiếu; năm sinh là 4 chữ số, ví dụ 1958.',
    facts: 'Các cháu đi học',
    factsDone: 'Năm {year}: {n} cháu trong tuổi đi học.',
    assess: 'Tự đánh giá "Gia đình học tập"',
    assessHint: 'Trả lời từng câu về việc học của cả nhà. Có câu máy tự tính.',
    seeResult: 'Xem kết quả "Gia đình học tập"',
    back: 'Quay lại',
    done: 'Kết thúc, để người khác dùng máy',
    noChildData: 'Máy chỉ hỏi số cháu, không hỏi và không lưu tên, năm sinh hay điểm của cháu nào.',
    childrenHeading: 'Nhà mình có mấy cháu trong tuổi đi học (từ 6 đến 18 tuổi)?',
    childrenHint: 'Bấm vào số cháu.',
    childrenN: '{n} cháu',
    childrenMore: '6 cháu trở lên',
    childrenFewer: 'Ít hơn 6 cháu',
    inSchoolHeading: 'Cả {n} cháu đều đang đi học phải không?',
    inSchoolYes: 'Có, các cháu đều đi học',
    inSchoolNo: 'Không, có cháu chưa đi học',
    unreachable:
      'Chưa kết nối được với máy của trung tâm. Những gì bác đã trả lời vẫn được giữ trên máy. Các câu máy tự tính sẽ có khi kết nối lại.',
    retry: 'Thử lại',
    progress: 'Câu {n} / {total}',
    computedTag: 'Câu này máy tự tính, bác không cần trả lời',
    computedHeading: 'Máy đã tính:',
    computedWaiting: 'Cần kết nối với trung tâm thì máy mới tính được câu này.',
    computedMet: 'Đạt — được {points} điểm',
    computedNotMet: 'Chưa đạt — 0 điểm',
    condition: 'Đây là điều kiện bắt buộc để được công nhận.',
    scoreHeading: 'Gia đình mình tự chấm mấy điểm?',
    scoreHint: '(từ 0 đến {max})',
    chosen: 'Đã chọn {score} điểm',
    needScore: 'Xin chọn một số điểm trước khi sang câu sau.',
    next: 'Tiếp theo',
    prev: 'Quay lại',
    toReview: 'Xem lại trước khi gửi',
    reviewHeading: 'Xem lại bài tự đánh giá của gia đình',
    edit: 'Sửa',
    points: '{points}/{max} điểm',
    notAnswered: 'Chưa chấm',
    totalSoFar: 'Tổng điểm tạm tính: {total} trên {max}',
    totalSoFarSpoken: 'Tổng điểm tạm tính {total} trên {max} điểm.',
    submit: 'Gửi bài tự đánh giá của gia đình',
    resultHeading: 'Đã gửi bài tự đánh giá "Gia đình học tập"',
    waiting: 'Bài đã lưu trên máy tính bảng. Khi trung tâm nhận bài và tính xong, kết quả sẽ hiện ở đây.',
    total: 'Tổng điểm: {total} trên {max}',
    band: 'Xếp loại: {band}',
    noBand: 'Chưa đủ điểm để xếp loại',
    passed: 'Đạt — gia đình đủ điều kiện để đề nghị công nhận "Gia đình học tập"',
    notPassed: 'Chưa đạt — chưa đủ điều kiện để đề nghị công nhận',
    decided: 'Đạt — gia đình đã được Ủy ban nhân dân xã công nhận "Gia đình học tập"',
    provisional:
      'Đây là kết quả tự đánh giá. Chi hội khuyến học sẽ thẩm định, rồi Ủy ban nhân dân xã quyết định công nhận.',
    recognized: 'Gia đình đã được công nhận Gia đình học tập năm {year}',
    recognizedDecision: 'Quyết định số {number} ngày {date}',
    recognizedValid: 'Còn hiệu lực đến hết ngày {date}',
    recognizedEnded: 'Hiệu lực đến ngày {date}, nay đã hết hạn',
    shortHeading: 'Còn thiếu:',
    shortfall: {
      unanswered: '{name}: chưa chấm điểm',
      condition: '{name}: chưa đạt, mà đây là điều kiện bắt buộc',
      criterion: '{name}: được {points} điểm, cần ít nhất {min} điểm',
      total: 'Tổng {total} điểm: cần thêm {needed} điểm nữa (ít nhất {pass})',
      target: '{name}: chưa đạt',
    },
  },
  resources: {
    open: 'Tìm lớp học, tài liệu',
    heading: 'Lớp học và tài liệu',
    search: 'Tìm (gõ không dấu cũng được)',
    none: 'Chưa tìm thấy. Bác thử gõ từ khác.',
    empty: 'Trung tâm chưa có tài liệu nào trên máy này.',
    offline: 'Đang xem danh sách đã lưu trên máy (chưa kết nối được trung tâm).',
    back: 'Quay lại',
    kinds: {
      class: 'Lớp học tại trung tâm',
      printed: 'Tài liệu in tại trung tâm',
      video: 'Video',
      document: 'Tài liệu',
      link: 'Trang trên mạng — cần Internet',
    },
    teacher: 'Người dạy: {name}',
    place: 'Nơi học: {place}',
    sessions: 'Các buổi: {dates}',
    helps: 'Giúp cho chỉ số: {ids}',
    filters: 'Lọc danh sách',
    thisWeek: 'Học tại trung tâm tuần này',
    allKinds: 'Tất cả',
    topic: 'Chủ đề',
    allTopics: 'Tất cả chủ đề',
    indicator: 'Giúp cho chỉ số',
    allIndicators: 'Tất cả chỉ số',
    count: 'Có {n} mục',
    watch: 'Xem video',
    hide: 'Ẩn video',
    openDocument: 'Mở tài liệu',
    openLink: 'Mở trang (cần Internet)',
    needsBox: 'Cần kết nối với máy của trung tâm để xem.',
    noFile: 'Tệp chưa có trên máy của trung tâm, hỏi cán bộ.',
    more: 'Xem thêm {n} mục',
  },
  digital: {
    start: 'Kiểm tra kỹ năng số (khoảng 15 phút)',
    startHint:
      'Làm trên máy này: trả lời từng câu, làm thử vài việc trên điện thoại. Kết quả là minh chứng cho chỉ số CS05.',
    continue: 'Làm tiếp kiểm tra kỹ năng số, còn {n} câu',
    heading: 'Kiểm tra kỹ năng số',
    progress: 'Câu {n} trên {total}',
    previous: 'Câu trước',
    next: 'Câu tiếp',
    finish: 'Nộp bài',
    pause: 'Tạm dừng, lần sau làm tiếp',
    unanswered: 'Còn {n} câu chưa trả lời. Câu bỏ trống được tính 0 điểm.',
    tooSoon:
      'Bác đã làm bài kiểm tra kỹ năng số gần đây. Bác có thể làm lại từ ngày {date}, hoặc sớm hơn sau khi tham gia một buổi học ở trung tâm.',
    /** The item screens of the self-check. */
    item: {
      listen: 'Nghe đọc',
      listenMessage: 'Nghe tin này',
      done: 'Lưu',
      send: 'Gửi',
      saved: 'Đã ghi lại câu trả lời.',
      ratingGroup: 'Bác tự đánh giá',
      choiceGroup: 'Các câu trả lời',
      iconGroup: 'Các hình',
      stepOf: 'Mức {n} trên 4',
      messagesGroup: 'Tin nhắn trong điện thoại',
      messageNumber: 'Tin thứ {n}',
      isScam: 'Đây là tin lừa đảo',
      isScamFrom: 'Đây là tin lừa đảo: tin của {from}',
      amountLabel: 'Số tiền (đồng)',
      needDigits: 'Bác chưa gõ số nào vào ô.',
      formHeading: 'Phiếu điền thông tin',
      formFields: 'Các ô cần điền: {labels}.',
      formNothing: 'Bác chưa điền ô nào.',
      formEmpty: 'Còn {n} ô chưa điền. Bác điền tiếp, hoặc bấm "Gửi" lần nữa để gửi luôn.',
      optionsOf: 'Chọn một: {options}.',
    },
    /** The result slip of the self-check. */
    result: {
      heading: 'Kết quả kiểm tra kỹ năng số',
      date: 'Ngày làm bài:',
      yourCode: 'Mã của bác',
      overall: 'Mức chung',
      listen: 'Nghe kết quả',
      domain: 'Lĩnh vực',
      points: 'Điểm',
      level: 'Mức',
      has: 'Bác có kỹ năng số',
      hasNot: 'Bác chưa đủ kỹ năng số',
      proficient: 'Bác thành thạo kỹ năng số',
      notProficient: 'Bác chưa thành thạo kỹ năng số',
      allDone: 'Bác đã đạt mức Thành thạo ở tất cả các lĩnh vực.',
      spokenOverall: 'Kết quả kiểm tra kỹ năng số của bác: mức {level}, đạt {pct} phần trăm số điểm.',
      spokenToLearn: 'Nên học tiếp: {list}.',
      domains: 'Từng lĩnh vực',
      basicMark: 'Cơ bản {pct} %',
      proficientMark: 'Thành thạo {pct} %',
      domainLabel: '{title}: {pct} %, mức {level}',
      rule: 'Cách tính:',
      toLearn: 'Nên học tiếp',
      retakeAny: 'Bác có thể làm lại bài khi muốn',
      retakeFrom: 'Bác có thể làm lại từ ngày',
      history: 'Các lần làm trước',
      levelWord: 'mức',
      print: 'In phiếu kết quả',
      plan: 'Lập kế hoạch học tập',
      done: 'Về phiếu kết quả',
    },
    levels: { 'chua-dat': 'Chưa đạt', 'co-ban': 'Cơ bản', 'thanh-thao': 'Thành thạo' },
  },
  recognition: {
    title: 'Đã được công nhận Công dân học tập năm {year}',
    decision: 'Quyết định số {number}, ngày {date}',
  },
  errors: {
    network: 'Chưa kết nối được với máy của trung tâm. Bài làm vẫn được giữ trên máy. Hãy thử lại.',
    'person.not-found':
      'Mã hoặc năm sinh chưa đúng. Xin xem lại 6 ký tự của mã trên phiếu và năm sinh (4 chữ số, ví dụ 1958).',
    'person.consent-required': 'Cần đồng ý ô đầu tiên thì mới tham gia được.',
    'person.village-unknown': 'Thôn này không thuộc trung tâm. Xin chọn lại.',
    'person.id-conflict': 'Có lỗi khi đăng ký. Xin nhờ người hướng dẫn giúp.',
    'assessment.already-submitted': 'Bài này đã gửi rồi, không sửa được nữa.',
    'assessment.year-taken': 'Bác đã có bài tự đánh giá năm nay rồi. Chọn "Tôi đã đăng ký rồi (có phiếu)" để xem.',
    'assessment.incomplete': 'Còn chỉ số chưa chấm điểm.',
    'assessment.score-out-of-range': 'Có điểm không hợp lệ.',
    'assessment.group-unknown': 'Nhóm đối tượng không có trong bộ tiêu chí.',
    'assessment.criteria-set-unknown': 'Bộ tiêu chí trên máy tính bảng đã cũ. Xin tải lại ứng dụng.',
    'request.invalid': 'Dữ liệu gửi lên không hợp lệ.',
    'request.too-large': 'Dữ liệu gửi lên quá lớn nên máy không nhận.',
    'assessment.assistant-unknown': 'Người hỗ trợ không còn là tài khoản của trung tâm.',
    'auth.required': 'Cần đăng nhập người hướng dẫn.',
    'auth.forbidden': 'Tài khoản này không được làm việc này.',
    'auth.invalid': 'Sai tên hoặc mã PIN.',
    'auth.locked': 'Nhập sai quá nhiều lần, xin đợi rồi thử lại.',
    'auth.setup-done': 'Trung tâm đã có người quản trị.',
    'auth.setup-code-invalid':
      'Mã cài đặt không đúng. Mã in trên màn hình của máy chủ khi khởi động (hoặc chạy: npm run staff -- setup-code).',
    'auth.pin-weak': 'Mã PIN quá dễ đoán. Đừng dùng một số lặp lại, dãy số liền nhau như 123456 hay mã PIN phổ biến.',
    'auth.throttled': 'Thử quá nhiều lần từ máy này, xin đợi một lát rồi thử lại.',
    'request.origin-refused': 'Yêu cầu không đến từ trang của trung tâm nên bị từ chối. Hãy mở lại trang.',
    'staff.last-admin': 'Không thể tắt người quản trị cuối cùng. Hãy tạo người quản trị khác trước.',
    'villager.token-required': 'Phiên làm việc đã hết. Xin nhập lại mã trên phiếu và năm sinh.',
    'villager.forbidden': 'Phiên làm việc này không xem được hồ sơ đó.',
    'sync.owner-mismatch': 'Xã từ chối: thay đổi này thuộc hồ sơ của trung tâm khác.',
    'sync.change-invalid': 'Xã từ chối: thay đổi này không đúng mẫu của loại tin nhắn.',
    'sync.tls-pin-mismatch':
      'Chứng chỉ của máy chủ không khớp với dấu vân tay trong mã đăng ký hoặc đã ghi khi đăng ký: có thể đó không phải máy chủ của xã, nên chưa gửi gì. Kiểm tra lại mã, hoặc hỏi cán bộ xã dấu vân tay mới.',
    'sync.insecure-hub':
      'Địa chỉ của xã phải bắt đầu bằng https://, để họ tên, số điện thoại và ảnh được mã hóa khi đi qua Internet.',
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
    'sync.enrolment-no-address':
      'Mã này không có địa chỉ của xã. Hãy nhập địa chỉ xã đưa kèm mã, hoặc xin cán bộ xã mã mới.',
    'sync.node-unknown': 'Xã không biết trung tâm này. Cần đăng ký lại.',
    'sync.node-revoked': 'Khóa của trung tâm đã bị thu hồi. Liên hệ cán bộ xã.',
    'sync.request-stale': 'Đồng hồ của máy lệch quá nhiều so với xã. Hãy chỉnh lại giờ.',
    'sync.request-replayed': 'Yêu cầu bị gửi lặp, sẽ tự gửi lại.',
    'sync.signature-invalid': 'Chữ ký của trung tâm không khớp. Cần đăng ký lại.',
    'appraisal.decided':
      'Xã đã ra quyết định công nhận kết quả này. Chỉ xã mới mở lại được (bằng cách thu hồi quyết định).',
    'decision.not-proposed':
      'Có người, gia đình, dòng họ, thôn hoặc đơn vị chưa được thẩm định đạt trong năm này nên chưa thể công nhận.',
    'decision.already-recognized':
      'Có người, gia đình, dòng họ, thôn hoặc đơn vị đã được công nhận bằng quyết định khác trong năm này.',
    'decision.not-found': 'Không tìm thấy quyết định này.',
    'decision.already-revoked': 'Quyết định này đã bị thu hồi.',
    'decision.person-not-named': 'Quyết định này không có tên người, gia đình, dòng họ, thôn hoặc đơn vị đó.',
    'decline.decided': 'Người này đã được công nhận năm nay: hãy mở lại quyết định thay vì không công nhận.',
    'digital.bank-unknown': 'Bộ câu hỏi kỹ năng số này không có trên máy của trung tâm.',
    'digital.item-unknown': 'Có câu trả lời không khớp với bộ câu hỏi. Hãy làm lại bài.',
    'digital.retake-too-soon': 'Chưa đến lúc làm lại bài kiểm tra kỹ năng số.',
    'plan.id-conflict': 'Kế hoạch này trùng mã với kế hoạch khác. Hãy lập lại.',
    'digital.id-conflict': 'Bài làm này trùng mã với bài khác. Hãy làm lại.',
    'attendance.not-a-class': 'Chỉ điểm danh được cho lớp học.',
    'attendance.session-unknown': 'Lớp này không có buổi học vào giờ đó. Hãy tải lại trang.',
    'attendance.session-not-started': 'Buổi học này chưa diễn ra: chưa điểm danh được.',
    'resource.not-found': 'Không tìm thấy tài liệu, lớp học này.',
    'resource.not-editable': 'Tài liệu này do cấp trên gửi về: chỉ nơi đã làm ra mới sửa được.',
    'resource.import-unreadable':
      'Không đọc được tệp. Hãy dùng tệp Excel (.xlsx) hoặc CSV có dòng tiêu đề: Loại, Tiêu đề, Chủ đề…',
    'resource.import-invalid': 'Chưa nhập dòng nào: có dòng bị lỗi, xem danh sách bên dưới.',
    'resource.retired': 'Tài liệu này đã thôi dùng, không sửa được nữa.',
    'resource.file-type': 'Chỉ lưu được video MP4 hoặc WebM, tài liệu PDF hoặc bản ghi âm MP3.',
    'resource.file-too-large': 'Tệp quá lớn để lưu trên máy của trung tâm.',
    'resource.file-missing': 'Tệp chưa được tải lên máy của trung tâm: hãy chọn tệp lại.',
    'unit.unknown': 'Không tìm thấy tên cũ này trong số liệu của xã: kiểm tra lại chính tả.',
    'unit.same-name': 'Tên mới phải khác tên cũ.',
    'unit.cycle': 'Không thể gộp hoặc đổi tên vòng tròn: một tên cũ đã được gộp vào tên này.',
    'sync.wrong-role': 'Máy chủ này không làm việc đó.',
    'backup.not-found': 'Không thấy bản sao lưu ở thư mục này.',
    'backup.damaged': 'Bản sao lưu bị hỏng, không khôi phục.',
    'backup.newer-version': 'Bản sao lưu do phiên bản phần mềm mới hơn tạo ra: hãy cập nhật phần mềm trước.',
    'backup.target-not-empty': 'Thư mục dữ liệu đã có dữ liệu, không khôi phục.',
    'backup.kiosk-running': 'Phần mềm đang chạy: hãy tắt trước khi khôi phục.',
    'backup.folder-missing': 'Không thấy thư mục sao lưu. USB đã cắm vào máy chưa?',
    'backup.no-data': 'Không thấy dữ liệu để sao lưu.',
    'backup.postgres': 'Dữ liệu nằm trong PostgreSQL: cần sao lưu bằng pg_dump.',
    'backup.no-space': 'Không đủ chỗ trống để sao lưu. Hãy dùng USB khác hoặc xóa bớt bản cũ.',
    'backup.failed': 'Sao lưu không thành công. Xin báo người hỗ trợ kỹ thuật.',
    'storage.full-for-photos':
      'Máy của trung tâm sắp đầy bộ nhớ: tạm chưa nhận ảnh và tệp. Bài làm vẫn được lưu. Báo cán bộ.',
    'storage.full':
      'Máy của trung tâm đã đầy bộ nhớ: chưa lưu được. Máy tính bảng giữ lại và sẽ gửi lại sau. Báo cán bộ.',
    'evidence.not-an-image': 'Tệp này không phải là ảnh.',
    'evidence.too-large': 'Ảnh quá lớn.',
    'audio.pack-unknown': 'Máy của trung tâm không có gói âm thanh này.',
    'audio.clip-not-found': 'Không tìm thấy đoạn ghi âm này trên máy của trung tâm.',
    'audio.path-invalid': 'Tên gói âm thanh hoặc đoạn ghi âm không hợp lệ.',
    'audio.pack-invalid': 'Gói âm thanh bị lỗi: xem lại tệp pack.json.',
    'audio.synthesizer-missing': 'Máy của trung tâm chưa cài chương trình đọc tiếng Việt (espeak-ng).',
    'household.not-found': 'Trung tâm chưa có gia đình này. Xin thử lại sau một lúc.',
    'household.id-conflict': 'Có lỗi khi đăng ký gia đình. Xin nhờ người hướng dẫn giúp.',
    'household.member-taken':
      'Người này đã ở trong một gia đình khác. Người hướng dẫn có thể chuyển người này sang gia đình bác.',
    'household.member-not-found': 'Người này không có trong gia đình.',
    'household.head-cannot-leave': 'Chủ hộ không rời gia đình được. Cần chọn chủ hộ mới trước.',
    'household.year-invalid': 'Năm này chưa bắt đầu, chưa khai được.',
    'assessment.indicator-unknown': 'Có câu trả lời không khớp với bộ tiêu chí. Xin nhờ người hướng dẫn giúp.',
    'assessment.not-found': 'Không tìm thấy bài tự đánh giá này.',
    'text.invalid-characters': 'Chữ vừa nhập có ký tự ẩn không dùng được (thường do dán từ nơi khác). Hãy gõ lại.',
    'plan.resource-unknown': 'Kế hoạch có bài học mà trung tâm không còn giữ. Hãy lập lại kế hoạch.',
    'plan.date-outside-year':
      'Ngày trong kế hoạch nằm ngoài năm đánh giá này. Hãy xem lại ngày giờ trên máy tính bảng rồi lập lại kế hoạch.',
    'plan.made-in-future':
      'Máy tính bảng để sai ngày giờ (muộn hơn máy của trung tâm). Hãy chỉnh lại ngày giờ rồi lập lại kế hoạch.',
    'history.import-unreadable': 'Không đọc được tệp. Hãy tải mẫu (.xlsx), điền vào mẫu rồi nhập lại.',
    'history.import-columns': 'Dòng tiêu đề không đúng các cột của mẫu. Hãy tải mẫu và giữ nguyên các cột.',
    'history.import-invalid': 'Chưa nhập dòng nào: có dòng bị lỗi, xem danh sách bên dưới.',
    'history.row-not-found': 'Không tìm thấy dòng đã nhập này.',
    'history.not-in-review': 'Dòng này không còn chờ xem xét. Hãy tải lại danh sách.',
    'report.section-unknown': 'Báo cáo này không có mục đó. Hãy tải lại trang soạn báo cáo.',
    'report.text-too-long': 'Một mục của báo cáo quá dài (tối đa 8.000 ký tự). Hãy rút gọn rồi lưu lại.',
    'report.number-invalid': 'Số báo cáo chưa đúng: ghi như 45/BC-UBND, tối đa 40 ký tự.',
    'report.date-invalid': 'Ngày báo cáo chưa đúng: chọn một ngày của năm báo cáo hoặc năm sau.',
    'population.village-unknown':
      'Xã chưa có thôn này trong danh sách thôn của các trung tâm. Hãy chọn thôn trong bảng, hoặc ghi nhận việc gộp hay đổi tên thôn trước.',
    'digital.no-answers': 'Bác chưa trả lời câu nào. Bác trả lời ít nhất một câu rồi hãy nộp bài.',
    'digital.answer-unknown': 'Có câu trả lời không khớp với bộ câu hỏi. Hãy làm lại bài.',
    'digital.started-at-invalid':
      'Ngày giờ trên máy tính bảng bị sai nên bài làm không được nhận. Báo cán bộ chỉnh lại ngày giờ.',
    'person.birth-year-out-of-range': 'Năm sinh chưa đúng. Bác xem lại năm sinh (4 chữ số, ví dụ 1958).',
    'person.minors-off': 'Trung tâm chưa nhận đăng ký cho các cháu nhỏ tuổi.',
    'person.child-needs-assistance':
      'Các cháu nhỏ tuổi cần đăng ký cùng người hướng dẫn, có bố, mẹ hoặc người giám hộ đồng ý. Xin nhờ người hướng dẫn giúp.',
    'person.guardian-consent-required':
      'Cần bố, mẹ hoặc người giám hộ của cháu đồng ý (ghi tên và quan hệ với cháu). Xin nhờ người hướng dẫn giúp.',
    'person.guardian-not-needed': 'Người lớn tự đồng ý, không cần ghi người giám hộ. Bác xem lại năm sinh.',
    'person.consents-differ':
      'Phiếu đăng ký này đã gửi về trung tâm với lựa chọn đồng ý khác. Muốn đổi, bác nhờ người hướng dẫn ở trung tâm.',
    'assessment.child-group':
      'Các cháu chỉ tự đánh giá trong nhóm học sinh, sinh viên, người học. Xin nhờ người hướng dẫn giúp.',
    'sync.epoch-mismatch':
      'Dữ liệu ở xã và ở trung tâm khác nhau (một bên vừa khôi phục từ bản sao lưu). Máy sẽ tự đối chiếu rồi gửi tiếp.',
    'sync.position-mismatch': 'Xã đang giữ dữ liệu của trung tâm đến một vị trí khác. Máy sẽ tự gửi lại từ vị trí đó.',
    'sync.epoch-retired':
      'Máy này đã được thay bằng một máy khôi phục từ bản sao lưu, và máy đó đã gửi dữ liệu lên xã. Máy này không được gửi nữa: hãy dùng máy đã khôi phục, và nhập lại trên đó những gì chỉ có ở máy này.',
    'sync.history-unresolved':
      'Trung tâm và xã không khớp nhau về những dữ liệu đã gửi, nên máy tạm dừng gửi. Xin báo người hỗ trợ kỹ thuật hoặc cán bộ xã; dữ liệu vẫn được giữ ở trung tâm.',
    // issue 24 (h7): the setup in the browser
    'setup.province-unknown': 'Không có tỉnh, thành phố này trong danh sách năm 2025.',
    'setup.commune-unknown': 'Không có xã, phường này của tỉnh đã chọn trong danh sách năm 2025.',
    'setup.commune-required': 'Xin chọn xã, phường (chỉ máy của tỉnh mới không có xã).',
    'setup.villages-required': 'Trung tâm cần ít nhất một thôn, ấp, bản hay tổ dân phố.',
    'setup.village-duplicate': 'Có thôn, tổ dân phố bị nhập hai lần.',
    'setup.name-required': 'Xin nhập tên trung tâm.',
    'setup.criteria-set-unknown': 'Máy không có bộ tiêu chí đã chọn.',
    'setup.kind-locked': 'Loại máy (trung tâm, máy của xã, máy của tỉnh) chỉ chọn một lần; muốn đổi phải cài lại máy.',
    // -- issue 24 (h5): targets, denominators, village lists
    'decision.next-level-too-soon':
      'Chưa thể công nhận mức độ 2: chưa đủ thời gian kể từ quyết định công nhận mức độ 1 (Thông tư 25/2023/TT-BGDĐT: 12 tháng). Có thể công nhận mức độ 2 từ ngày {from}.',
    'hub.node-not-found': 'Không tìm thấy trung tâm này trong danh sách của xã.',
    'decision.list-not-closed':
      'Chi hội khuyến học chưa chốt danh sách đề nghị của {lists}: xã chỉ ra quyết định công nhận theo danh sách đã chốt.',
    'list-return.not-closed':
      'Danh sách này hiện không ở trạng thái đã chốt (chưa gửi lên, hoặc đã trả lại mà chưa chốt lại).',
    'list-return.decided':
      'Đã có quyết định công nhận người trong danh sách này: hãy mở lại kết quả đó trong quyết định trước khi trả lại danh sách.',
    'population.totals-commune-only': 'Tổng số dòng họ và tổng số cơ quan, đơn vị chỉ nhập ở máy chủ của xã.',
    'population.total-below-registered':
      'Tổng số nhập vào ít hơn số dòng họ (hoặc cơ quan, đơn vị) đã đăng ký trong xã năm đó. Hãy kiểm tra lại con số.',
    // -- issue 25 (h7): certificates checked from their QR code
    'certificate.malformed':
      'Đường dẫn này không phải của giấy công nhận, hoặc bị thiếu một phần. Bác quét lại mã QR trên giấy.',
    'certificate.unknown-key': 'Giấy này không phải giấy thật: nó không được ký bằng khóa của xã.',
    'certificate.signature-invalid':
      'Giấy này không phải giấy thật: tên, năm, danh hiệu hoặc chữ ký trên mã QR đã bị sửa.',
    'certificate.withdrawn':
      'Giấy này đúng là do xã in, nhưng xã đã thu hồi quyết định công nhận ghi trên giấy: giấy không còn giá trị.',
    'certificate.no-key': 'Máy này chưa nhận khóa của xã nên chưa kiểm tra được giấy. Hãy đồng bộ với xã rồi thử lại.',
    // -- issue 21: new error texts go above this line, one helper's group together
    generic: 'Có lỗi xảy ra. Xin nhờ người hướng dẫn giúp. (Mã lỗi: {code})',
  } satisfies Partial<Record<ErrorCode | 'network' | 'generic', string>>,
} as const;

/** The shape of a catalog: the same ids as `vi`, every leaf a string. en.ts is typed with it. */
export type Messages = Strings<typeof vi>;
type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

// In its own file so the first villager screen has it without the whole catalog (web/src/lib/i18n).
export { fill };

/** Text for an error code from the box: Vietnamese unless another catalog is given (the staff screens use this one). */
export function errorText(code: string, messages: Messages = vi): string {
  const known = (messages.errors as Record<string, string>)[code];
  return known ?? fill(messages.errors.generic, { code });
}

/**
 * Text for one shortfall of a household's (clan's, village's, unit's) verdict, naming items and
 * criteria by their titles from the set.
 */
export function modelShortfallText(s: ModelShortfall, name: (id: string) => string, messages: Messages = vi): string {
  const text = messages.household.shortfall;
  switch (s.kind) {
    case 'item-unanswered':
      return fill(text.unanswered, { name: name(s.itemId) });
    case 'condition-not-met':
      return fill(text.condition, { name: name(s.itemId) }) + (s.explanation ? ` (${s.explanation})` : '');
    case 'criterion-below-min':
      return fill(text.criterion, { name: name(s.criterionId), points: s.points, min: s.min });
    case 'total-below-pass':
      return fill(text.total, { total: s.total, needed: s.needed, pass: s.pass });
    case 'target-not-met':
      return fill(text.target, { name: name(s.itemId) }) + (s.explanation ? ` (${s.explanation})` : '');
  }
}

/** Text for one shortfall, naming the indicator by its short title (from the criteria set). */
export function shortfallText(s: Shortfall, indicatorName: (id: string) => string, messages: Messages = vi): string {
  const text = messages.verdict.shortfall;
  switch (s.kind) {
    case 'indicator-missing':
      return fill(text.missing, { id: s.indicatorId, name: indicatorName(s.indicatorId) });
    case 'indicator-below-min':
      return fill(text.belowMin, { id: s.indicatorId, name: indicatorName(s.indicatorId), score: s.score, min: s.min });
    case 'total-below-pass':
      return fill(text.total, { total: s.total, needed: s.needed, pass: s.pass });
  }
}

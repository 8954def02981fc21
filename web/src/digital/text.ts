/**
 * Vietnamese text of the digital-skills self-check item screens. Kept here (not yet in
 * web/src/lib/i18n/vi.ts) so the item components can be added without touching that file;
 * it can move there as `vi.digital` unchanged. Fill {placeholders} with `fill` from vi.ts.
 */
export const digitalText = {
  listen: 'Nghe đọc',
  listenMessage: 'Nghe tin này',
  done: 'Xong',
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
} as const;

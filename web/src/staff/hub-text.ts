import type { DecisionTitle, VerdictSummary } from '../../../shared/schemas/decision.ts';
import { fill } from '../../../shared/i18n/vi.ts';

/**
 * Vietnamese text of the commune's screens for the four other titles: the title choice on
 * "Quyết định công nhận" and the commune's appraisal of villages and units. Staff-only, like
 * vi-staff.ts (kept apart while the staff catalogue is being changed for the centers' screens).
 */
export const hubText = {
  menu: { appraise: 'Thẩm định thôn và đơn vị học tập' },
  titles: {
    cdht: 'Công dân học tập',
    gdht: 'Gia đình học tập',
    dhht: 'Dòng họ học tập',
    cddht: 'Cộng đồng học tập',
    dvht: 'Đơn vị học tập',
  } satisfies Record<DecisionTitle, string>,
  /** What one recognized subject of each title is called, for counts ("3 gia đình"). */
  nouns: { cdht: 'người', gdht: 'gia đình', dhht: 'dòng họ', cddht: 'thôn', dvht: 'đơn vị' } satisfies Record<
    DecisionTitle,
    string
  >,
  decisions: {
    titleChoice: 'Danh hiệu',
    heading: 'Quyết định công nhận {title}',
    lead: {
      center:
        'Các bản tự đánh giá đã được chi hội khuyến học ở thôn thẩm định. Chọn những nơi được công nhận, nhập số quyết định, ngày ký và người ký.',
      commune:
        'Các bản tự đánh giá đã được xã thẩm định (mục "Thẩm định thôn và đơn vị học tập"). Chọn những nơi được công nhận, nhập số quyết định, ngày ký và người ký.',
    },
    none: 'Chưa có bản tự đánh giá nào được thẩm định trong năm này.',
    subject: { gdht: 'Gia đình', dhht: 'Dòng họ', cddht: 'Thôn', dvht: 'Đơn vị' },
    self: 'Tự đánh giá',
    appraised: { center: 'Chi hội thẩm định', commune: 'Xã thẩm định' },
    record: 'Ghi quyết định ({n} {noun})',
    count: 'Số {noun}',
    reopenReason: 'Lý do mở lại kết quả của {name}',
    reopened: 'Đã mở lại kết quả của {name}.',
  },
  /** The decision's papers: its A4 print and its .docx, a draft's before it is recorded. */
  papers: {
    draftHeading: 'Dự thảo quyết định',
    draftLead:
      'Dự thảo gồm những người (hoặc nơi) đạt, chưa có quyết định và không bị từ chối; mỗi trang ghi "DỰ THẢO". Sửa trong Word nếu cần.',
    draftPrint: 'In dự thảo (A4)',
    draftDocx: 'Tải dự thảo (Word)',
    print: 'In quyết định {number} (A4)',
    docx: 'Tải quyết định {number} (Word)',
    certificates: 'In giấy công nhận {number}',
  },
  /** The commendation proposal of the 2025 review or the 2030 summary (CommendationPapers.svelte). */
  commendation: {
    heading: 'Tờ trình đề nghị khen thưởng',
    lead: 'Công dân học tập tiêu biểu xuất sắc và gia đình, dòng họ, cộng đồng, đơn vị học tập tiêu biểu: được công nhận {n} năm liên tục đến năm sơ kết hoặc tổng kết (tính cả các năm 2021–2025 đã nhập). Sửa trong Word nếu cần.',
    review: 'Đợt',
    reviews: { 2025: 'Sơ kết 2021–2025', 2030: 'Tổng kết 2021–2030' },
    print: 'In tờ trình (A4)',
    docx: 'Tải tờ trình (Word)',
    xlsx: 'Tải danh sách (Excel)',
  },
  verdict: {
    points: '{total} / {max} điểm',
    passed: 'đạt',
    notPassed: 'chưa đạt',
    noLevel: 'Chưa đạt mức 1',
    unknown: 'Chưa tính được (thiếu bộ tiêu chí hoặc không còn trong sổ)',
  },
  appraise: {
    heading: 'Thẩm định cộng đồng học tập (thôn) và đơn vị học tập năm {year}',
    lead: 'Bản tự đánh giá của thôn và đơn vị do xã thẩm định; gia đình và dòng họ do chi hội khuyến học ở thôn thẩm định tại trung tâm.',
    year: 'Năm',
    empty: 'Chưa có thôn, đơn vị nào nộp bản tự đánh giá trong năm này.',
    subject: 'Thôn / đơn vị',
    center: 'Trung tâm',
    decided: 'Đã có quyết định công nhận',
    locked:
      'Đã có quyết định công nhận nên không sửa được kết quả thẩm định. Muốn sửa, hãy mở lại kết quả trong mục "Quyết định công nhận".',
    open: 'Mở',
  },
};

/** A verdict in a table cell: "90 / 100 điểm · Tốt · đạt", or the level reached. */
export function verdictText(v: VerdictSummary | null): string {
  if (!v) return hubText.verdict.unknown;
  const word = v.passed ? hubText.verdict.passed : hubText.verdict.notPassed;
  if (v.kind === 'points')
    return [fill(hubText.verdict.points, { total: v.total ?? 0, max: v.maxTotal ?? 0 }), v.band, word]
      .filter(Boolean)
      .join(' · ');
  return v.level && v.levelLabel ? `${v.levelLabel} · ${word}` : hubText.verdict.noLevel;
}

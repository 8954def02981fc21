/**
 * The written sections of the reports a hub signs, pre-filled from the figures with a plain
 * Vietnamese sentence per section, for the officer to rewrite before printing: the result report of
 * the "Công dân học tập" model (677/QĐ-TTg) and the emulation movement's report "Mỗi người dân tự
 * học, học tập suốt đời" (1315/QĐ-TTg), which adds the families, clans, communities and units of
 * 387/QĐ-TTg and the outstanding learners held up as examples.
 */
import { targetMeasures, type RateFigure } from '../../../../../shared/schemas/dashboard.ts';
import { modelCountKinds } from '../../../../../shared/schemas/model-rates.ts';
import type { ReportKind, ReportSectionKey } from '../../../../../shared/schemas/report-paper.ts';
import { committeeName } from '../../../print/committee.ts';
import { MODEL_NAMES, MODEL_RATE_LABELS } from '../report.models.words.ts';
import { fmtCount, fmtDate, fmtRate, isCommune, RATE_LABELS, scopeName, wholeScope } from '../report.words.ts';
import type { YearReport } from '../report.words.ts';

/** A recognition decision issued in the year, as the report lists it (Phụ lục II). */
export interface IssuedDecision {
  number: string;
  signedOn: string;
  /** "Công dân học tập", "Gia đình học tập", ... */
  title: string;
  count: number;
  signer: string;
}

export interface ReportFigures {
  report: YearReport;
  decisions: IssuedDecision[];
  /** Years recognized in a row to be outstanding (recognition.outstandingYears). */
  outstandingYears: number;
}

const lower = (t: string): string => t.toLocaleLowerCase('vi');
const firstLower = (t: string): string => `${lower(t.slice(0, 1))}${t.slice(1)}`;

/** The headings of each kind's sections, in order. */
export function sectionHeadings(kind: ReportKind, year: number): Record<string, string> {
  const next = `PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${year + 1}`;
  return kind === 'result'
    ? {
        implementation: 'I. CÔNG TÁC TRIỂN KHAI THỰC HIỆN',
        results: 'II. KẾT QUẢ THỰC HIỆN',
        strengths: 'III. ƯU ĐIỂM',
        shortcomings: 'IV. HẠN CHẾ',
        causes: 'V. NGUYÊN NHÂN',
        direction: `VI. ${next}`,
        proposals: 'VII. ĐỀ XUẤT, KIẾN NGHỊ',
      }
    : {
        implementation: 'I. CÔNG TÁC TỔ CHỨC, TRIỂN KHAI PHONG TRÀO',
        results: 'II. KẾT QUẢ PHONG TRÀO',
        examples: 'III. GƯƠNG ĐIỂN HÌNH TIÊN TIẾN',
        strengths: 'IV. ƯU ĐIỂM',
        shortcomings: 'V. HẠN CHẾ, NGUYÊN NHÂN',
        direction: `VI. ${next}`,
        proposals: 'VII. ĐỀ XUẤT, KIẾN NGHỊ KHEN THƯỞNG',
      };
}

/** The rates measured against a target: each with its label, for the met and the missed. */
function judged(f: ReportFigures): { label: string; figure: RateFigure }[] {
  const r = f.report;
  const own = targetMeasures.map((m) => ({ label: RATE_LABELS[m], figure: r.dashboard.total.rates[m] }));
  const models = r.models
    ? (Object.keys(MODEL_RATE_LABELS) as (keyof typeof MODEL_RATE_LABELS)[]).map((m) => ({
        label: MODEL_RATE_LABELS[m],
        figure: r.models!.total.rates[m],
      }))
    : [];
  return [...own, ...models];
}

function units(r: YearReport): { all: number; noun: string; reported: number; late: string[] } {
  const centers = r.dashboard.reporting.centers;
  return {
    all: centers.length,
    noun: isCommune(r) ? 'trung tâm học tập cộng đồng' : 'xã, phường',
    reported: centers.filter((c) => c.reportedAt !== null).length,
    late: centers.filter((c) => c.reportedAt === null || c.onTime === false).map((c) => c.name),
  };
}

function decisionsLine(f: ReportFigures, committee: string): string {
  if (f.decisions.length === 0) return 'Trong năm chưa ban hành quyết định công nhận nào.';
  const list = f.decisions.map((d) => `số ${d.number} ngày ${fmtDate(d.signedOn)}`).join('; ');
  return `${committee} đã ban hành ${f.decisions.length} quyết định công nhận (${list}), chi tiết tại Phụ lục II.`;
}

function cdhtLine(f: ReportFigures): string {
  const t = f.report.dashboard.total;
  const rate = t.rates.cdht;
  const target =
    rate.target === null
      ? ''
      : ` (chỉ tiêu riêng của địa phương ${fmtRate(rate.target)}: ${rate.met ? 'đạt' : 'chưa đạt'})`;
  const share = rate.rate === null ? '' : `, bằng ${fmtRate(rate.rate)} số người từ 15 tuổi trở lên${target}`;
  return `${fmtCount(t.counts.recognized)} người được công nhận “Công dân học tập”${share}`;
}

function modelsLine(r: YearReport): string {
  if (!r.models) return '';
  const parts = modelCountKinds.map((k) => {
    const c = r.models!.total[k];
    return `${fmtCount(c.recognized)}/${fmtCount(c.registered)} ${lower(MODEL_NAMES[k]).replace(' học tập', '')} đăng ký được công nhận “${MODEL_NAMES[k]}”`;
  });
  return `Về các mô hình học tập khác: ${parts.join('; ')}.`;
}

/** Each section's pre-filled text from the figures: plain sentences, paragraphs one per line. */
export function prefilled(kind: ReportKind, f: ReportFigures): Record<ReportSectionKey, string> {
  const r = f.report;
  const year = r.dashboard.year;
  const t = r.dashboard.total;
  const committee = committeeName(scopeName(r));
  const scope = lower(wholeScope(r));
  const u = units(r);
  const rates = judged(f);
  const met = rates.filter((x) => x.figure.met === true);
  const missed = rates.filter((x) => x.figure.met === false);
  const pending = Math.max(0, t.counts.selfAssessed - t.counts.appraised);
  const digital = `${fmtCount(t.counts.digital)} người có kỹ năng số (${fmtRate(t.rates.digital.rate)}), ${fmtCount(t.counts.proficient)} người thành thạo kỹ năng số`;
  const outstanding = t.counts.outstanding;
  const reportedLine = `Đến nay, ${u.reported}/${u.all} ${u.noun} đã gửi danh sách đề nghị công nhận${u.late.length ? `; chưa gửi hoặc gửi muộn: ${u.late.join(', ')}` : ''}.`;
  const strengths = [
    met.length ? `Đạt chỉ tiêu: ${met.map((x) => firstLower(x.label)).join('; ')}.` : '',
    'Người dân tự đánh giá tại trung tâm học tập cộng đồng và được thẩm định theo đúng bộ tiêu chí; số liệu được tổng hợp từ các đơn vị, bảo đảm kịp thời.',
  ];
  const shortcomings = [
    ...missed.map(
      (x) =>
        `Chưa đạt chỉ tiêu ${firstLower(x.label)}: ${fmtRate(x.figure.rate)} so với chỉ tiêu ${fmtRate(x.figure.target)}.`,
    ),
    pending ? `Còn ${fmtCount(pending)} bài tự đánh giá chưa được thẩm định.` : '',
    u.late.length ? `${u.late.length} ${u.noun} chưa gửi báo cáo hoặc gửi muộn.` : '',
  ];
  const aims = r.dashboard.targets
    .filter((x) => x.value !== null)
    .map((x) => `${firstLower(RATE_LABELS[x.measure])} đạt ít nhất ${fmtRate(x.value)}`);
  const direction = `Năm ${year + 1}, tiếp tục tuyên truyền, hướng dẫn người dân đăng ký, tự đánh giá và học tập suốt đời${aims.length ? `; phấn đấu ${aims.join(', ')}` : ''}.`;
  const join = (lines: string[]) => lines.filter((l) => l.length > 0).join('\n');
  if (kind === 'result')
    return {
      implementation: join([
        `Thực hiện Quyết định số 677/QĐ-TTg ngày 03/6/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030” và kế hoạch của cấp trên, ${committee} đã chỉ đạo ${u.all} ${u.noun} tổ chức cho người dân đăng ký, tự đánh giá và thẩm định kết quả “Công dân học tập” năm ${year}.`,
        reportedLine,
      ]),
      results: join([
        `Năm ${year}, ${scope} có ${fmtCount(t.counts.registered)} người đăng ký, ${fmtCount(t.counts.selfAssessed)} người tự đánh giá, ${fmtCount(t.counts.appraised)} người đã được thẩm định; ${cdhtLine(f)}.`,
        `Trong số người được công nhận, ${digital}; ${fmtCount(outstanding)} người được công nhận ${f.outstandingYears} năm liên tục.`,
        decisionsLine(f, committee),
        modelsLine(r),
      ]),
      strengths: join(strengths),
      shortcomings: join(shortcomings) || 'Các chỉ tiêu của năm đều đạt; không có hạn chế lớn về số liệu.',
      causes: join([
        'Nguyên nhân khách quan: địa bàn rộng, dân cư phân tán; một bộ phận người dân, nhất là người cao tuổi, còn hạn chế về kỹ năng số.',
        'Nguyên nhân chủ quan: công tác tuyên truyền, hướng dẫn ở một số nơi chưa thường xuyên; việc thẩm định ở một số đơn vị còn chậm.',
      ]),
      direction,
      proposals: `Đề nghị cấp trên tiếp tục hỗ trợ tài liệu, tập huấn cho cán bộ và các trung tâm học tập cộng đồng${outstanding ? `; xem xét khen thưởng ${fmtCount(outstanding)} công dân học tập tiêu biểu xuất sắc` : ''}.`,
      examples: '',
    };
  return {
    implementation: join([
      `Thực hiện phong trào thi đua “Mỗi người dân tự học, học tập suốt đời” (Quyết định số 1315/QĐ-TTg năm 2023 của Thủ tướng Chính phủ), gắn với Đề án “Xây dựng mô hình Công dân học tập” và phong trào “Bình dân học vụ số”, ${committee} đã phát động phong trào đến ${u.all} ${u.noun} và các gia đình, dòng họ, cộng đồng, đơn vị năm ${year}.`,
      reportedLine,
    ]),
    results: join([`Năm ${year}, ${scope} có ${cdhtLine(f)}; ${digital}.`, modelsLine(r), decisionsLine(f, committee)]),
    examples: outstanding
      ? `${fmtCount(outstanding)} công dân được công nhận “Công dân học tập” ${f.outstandingYears} năm liên tục là những tấm gương tiêu biểu của phong trào.`
      : `Chưa có công dân nào được công nhận “Công dân học tập” ${f.outstandingYears} năm liên tục; nêu các tấm gương tự học tiêu biểu của ${scope}.`,
    strengths: join(strengths),
    shortcomings: join([
      ...shortcomings,
      'Nguyên nhân: một bộ phận người dân chưa quen tự đánh giá, còn hạn chế về kỹ năng số; công tác tuyên truyền ở một số nơi chưa thường xuyên.',
    ]),
    direction,
    proposals: `Đề nghị Sở Giáo dục và Đào tạo, Sở Nội vụ xem xét khen thưởng các tập thể, cá nhân có thành tích tiêu biểu trong phong trào${outstanding ? `, trong đó có ${fmtCount(outstanding)} công dân học tập tiêu biểu xuất sắc` : ''}.`,
    causes: '',
  };
}

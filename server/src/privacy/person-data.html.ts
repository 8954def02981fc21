import { placeWordOfNames } from '../../../shared/domain/places.ts';
import { formatVietnamDateTime } from '../../../shared/domain/vietnam-time.ts';
import { printDocument, td, tr } from '../print/document.ts';
import { html, lines, type Content } from '../print/html.ts';
import type { personData } from './privacy.service.ts';

type PersonData = Awaited<ReturnType<typeof personData>>;

const purposes: Record<string, string> = {
  assessment: 'Tự đánh giá, xét công nhận',
  publicList: 'Có tên trong danh sách công khai',
  statistics: 'Số liệu thống kê',
};

/** A plain page rather than an administrative document: the person reads it, nobody signs it. */
const STYLE =
  'body{font-family:"Noto Sans","DejaVu Sans",sans-serif;margin:2rem;font-size:14px}' +
  'table{border-collapse:collapse;width:100%;margin:.5rem 0}' +
  'td,th{border:1px solid #999;padding:4px 6px;text-align:left}@page{size:A4;margin:15mm}';

/** A table's opening and its header row. */
const thead = (headers: readonly string[]) =>
  html`<table><thead>${tr(headers.map((h) => html`<th>${h}</th>`))}</thead>`;
const row = (...cells: Content[]) => tr(cells.map((c) => td(c)));
const field = (label: string, value: Content) => html`<tr><th>${label}</th>${td(value)}</tr>`;

function assessmentHtml(a: PersonData['assessments'][number]) {
  const rows = a.answers.map((x) => {
    const ap = a.appraisal?.scores.find((s) => s.indicatorId === x.indicatorId);
    return row(x.indicatorId, x.score, x.note, ap?.score ?? '', ap?.reason);
  });
  const appraised = a.appraisal?.verdict ? html` Tổng thẩm định: ${a.appraisal.verdict.total}.` : '';
  return html`
    <h2>Năm ${a.year}: bài tự đánh giá (${a.status === 'submitted' ? 'đã gửi' : 'chưa gửi'})</h2>
    ${thead(['Chỉ số', 'Tự chấm', 'Ghi chú', 'Thẩm định', 'Lý do'])}<tbody>
    ${rows}
    </tbody></table>
    <p>Ảnh minh chứng: ${a.evidence.length}. Tổng tự chấm: ${a.verdict.total}.${appraised}</p>`;
}

/** A printable page of everything held about a person, for a request to see their data. */
export function renderPersonDataHtml(data: PersonData): string {
  const p = data.person;
  const consents = data.consentLog.map((c) =>
    row(purposes[c.purpose] ?? c.purpose, c.granted ? 'Đồng ý' : 'Không đồng ý / rút lại', formatVietnamDateTime(c.at)),
  );
  const sessions = data.attendance.map((s) => row(s.title, formatVietnamDateTime(s.startsAt)));
  const attended = html`<h2>Các buổi học đã tham gia tại trung tâm</h2>${thead(['Lớp học', 'Buổi học'])}`;
  const attendance = data.attendance.length === 0 ? '' : html`${attended}<tbody>${sessions}</tbody></table>`;
  const plans = data.learningPlans.map((plan) => {
    const items = plan.items.map((i) => row(i.title, i.dueOn.split('-').reverse().join('/')));
    const heading = html`<h2>Kế hoạch học tập lập ngày ${formatVietnamDateTime(plan.madeAt)}</h2>`;
    return html`${heading}${thead(['Nội dung học', 'Học trước ngày'])}<tbody>${items}</tbody></table>`;
  });
  const body = html`<h1>Dữ liệu cá nhân được lưu tại ${data.center}</h1>
<p>Xuất lúc ${formatVietnamDateTime(data.exportedAt)}</p>
<table><tbody>
${field('Họ và tên', p.name)}${field('Năm sinh', p.birthYear)}
${field(placeWordOfNames([p.village]), p.village)}${field('Điện thoại', p.phone ?? '—')}${field('Mã phiếu', p.code)}
</tbody></table>
<h2>Lịch sử đồng ý</h2>${thead(['Mục đích', 'Trả lời', 'Thời gian'])}<tbody>${consents}</tbody></table>
${data.assessments.map(assessmentHtml)}
${attendance}
${lines(plans)}`;
  return printDocument(`Dữ liệu cá nhân — ${p.name}`, STYLE, body);
}

import { formatVietnamDateTime } from '../../../shared/domain/vietnam-time.ts';
import type { personData } from './privacy.service.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const purposes: Record<string, string> = { assessment: 'Tự đánh giá, xét công nhận', publicList: 'Có tên trong danh sách công khai', statistics: 'Số liệu thống kê' };

/** A printable page of everything held about a person, for a request to see their data. */
export function renderPersonDataHtml(data: Awaited<ReturnType<typeof personData>>): string {
  const p = data.person;
  const consentRows = data.consentLog.map((c) => `<tr><td>${esc(purposes[c.purpose] ?? c.purpose)}</td><td>${c.granted ? 'Đồng ý' : 'Không đồng ý / rút lại'}</td><td>${esc(new Date(c.at).toLocaleString('vi-VN'))}</td></tr>`).join('');
  const assessments = data.assessments.map((a) => `
    <h2>Năm ${a.year}: bài tự đánh giá (${a.status === 'submitted' ? 'đã gửi' : 'chưa gửi'})</h2>
    <table><thead><tr><th>Chỉ số</th><th>Tự chấm</th><th>Ghi chú</th><th>Thẩm định</th><th>Lý do</th></tr></thead><tbody>
    ${a.answers.map((x) => {
      const ap = a.appraisal?.scores.find((s) => s.indicatorId === x.indicatorId);
      return `<tr><td>${esc(x.indicatorId)}</td><td>${x.score}</td><td>${esc(x.note)}</td><td>${ap?.score ?? ''}</td><td>${esc(ap?.reason)}</td></tr>`;
    }).join('')}
    </tbody></table>
    <p>Ảnh minh chứng: ${a.evidence.length}. Tổng tự chấm: ${a.verdict.total}.${a.appraisal?.verdict ? ` Tổng thẩm định: ${a.appraisal.verdict.total}.` : ''}</p>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Dữ liệu cá nhân — ${esc(p.name)}</title>
<style>body{font-family:"Noto Sans","DejaVu Sans",sans-serif;margin:2rem;font-size:14px}table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #999;padding:4px 6px;text-align:left}@page{size:A4;margin:15mm}</style></head><body>
<h1>Dữ liệu cá nhân được lưu tại ${esc(data.center)}</h1>
<p>Xuất lúc ${esc(new Date(data.exportedAt).toLocaleString('vi-VN'))}</p>
<table><tbody>
<tr><th>Họ và tên</th><td>${esc(p.name)}</td></tr><tr><th>Năm sinh</th><td>${p.birthYear}</td></tr>
<tr><th>Thôn</th><td>${esc(p.village)}</td></tr><tr><th>Điện thoại</th><td>${esc(p.phone ?? '—')}</td></tr><tr><th>Mã phiếu</th><td>${esc(p.code)}</td></tr>
</tbody></table>
<h2>Lịch sử đồng ý</h2><table><thead><tr><th>Mục đích</th><th>Trả lời</th><th>Thời gian</th></tr></thead><tbody>${consentRows}</tbody></table>
${assessments}
${data.attendance.length === 0 ? '' : `<h2>Các buổi học đã tham gia tại trung tâm</h2><table><thead><tr><th>Lớp học</th><th>Buổi học</th></tr></thead><tbody>${
  data.attendance.map((s) => `<tr><td>${esc(s.title)}</td><td>${esc(formatVietnamDateTime(s.startsAt))}</td></tr>`).join('')}</tbody></table>`}
${data.learningPlans.map((p) => `<h2>Kế hoạch học tập lập ngày ${esc(formatVietnamDateTime(p.madeAt))}</h2><table><thead><tr><th>Nội dung học</th><th>Học trước ngày</th></tr></thead><tbody>${
  p.items.map((i) => `<tr><td>${esc(i.title)}</td><td>${esc(i.dueOn.split('-').reverse().join('/'))}</td></tr>`).join('')}</tbody></table>`).join('\n')}
</body></html>`;
}

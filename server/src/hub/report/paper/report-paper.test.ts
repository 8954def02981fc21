import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphs, tables, unzip } from '../../../../../tests/support/docx.ts';
import { report } from '../../../../../tests/fixtures/year-report.ts';
import { loadConfig } from '../../../config/load.ts';
import { reportPaper, type ReportText } from './report-paper.ts';
import { reportDocx } from './report-paper.docx.ts';
import { reportPaperHtml } from './report-paper.html.ts';

/** The signed reports' words (report-sections.ts) from the figures, and what configuration changes in them. */
const configDir = resolve(import.meta.dirname, '../../../../../kiosk-config');
const settingsWith = (env: Record<string, string>) => loadConfig({ configDir, env }).settings;
const decisions = [
  { number: '15/QĐ-UBND', signedOn: '2026-12-01', title: 'Công dân học tập', count: 637, signer: 'Hà <b>Lan</b>' },
];
const paperOf = (kind: 'result' | 'emulation', text: ReportText | null = null, env: Record<string, string> = {}) =>
  reportPaper(settingsWith(env), kind, { report: report(), decisions, outstandingYears: 5 }, text);

describe('the signed report', () => {
  it('pre-fills its sections from the figures: counts, the rate against its target, the decisions, what was missed', () => {
    const text = Object.fromEntries(paperOf('result').sections.map((s) => [s.key, s.text]));
    expect(text.results).toContain(
      'Năm 2026, toàn xã có 730 người đăng ký, 680 người tự đánh giá, 660 người đã được thẩm định; 637 người được công nhận “Công dân học tập”, bằng 42,5 % số người từ 15 tuổi trở lên (chỉ tiêu riêng của địa phương 50,0 %: chưa đạt).',
    );
    expect(text.results).toContain('15 người được công nhận 5 năm liên tục');
    expect(text.results).toContain('số 15/QĐ-UBND ngày 01/12/2026');
    expect(text.strengths).toContain('Đạt chỉ tiêu: tỷ lệ CDHT có kỹ năng số.');
    expect(text.shortcomings).toContain(
      'Chưa đạt chỉ tiêu tỷ lệ người từ 15 tuổi trở lên là CDHT: 42,5 % so với chỉ tiêu 50,0 %.',
    );
    expect(text.shortcomings).toContain('Còn 20 bài tự đánh giá chưa được thẩm định.');
    expect(text.implementation).toContain('1/2 trung tâm học tập cộng đồng đã gửi');
    expect(text.proposals).toContain('khen thưởng 15 công dân học tập tiêu biểu xuất sắc');
  });

  it("keeps the officer's text where rewritten, the configured signer and recipients, and prints names as text", async () => {
    const paper = paperOf(
      'emulation',
      { number: '7/BC-UBND', date: '2026-11-28', sections: { examples: 'Bà <i>Lò Thị Xuân</i> tự học tiếng Anh.' } },
      {
        KIOSK_DOCUMENTS_SIGNER: 'tm',
        KIOSK_DOCUMENTS_SIGNER_NAME: 'Nguyễn Văn Hùng',
        KIOSK_DOCUMENTS_REPORT_RECIPIENTS: JSON.stringify({ emulation: 'Sở Nội vụ;\nLưu: VT.' }),
      },
    );
    expect(paper.sections.map((s) => [s.key, s.edited])).toContainEqual(['examples', true]);
    expect(paper.sections.find((s) => s.key === 'results')!.edited).toBe(false);
    const xml = unzip(await reportDocx(paper)).get('word/document.xml')!;
    expect(paragraphs(xml)).toContain('Bà <i>Lò Thị Xuân</i> tự học tiếng Anh.');
    expect(paragraphs(xml)).toContain('III. GƯƠNG ĐIỂN HÌNH TIÊN TIẾN');
    expect(tables(xml)[1]![0]).toEqual([
      'Nơi nhận:- Sở Nội vụ;- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂNCHỦ TỊCHNguyễn Văn Hùng',
    ]);
    const page = reportPaperHtml(paper);
    expect(page).toContain('Bà &lt;i&gt;Lò Thị Xuân&lt;/i&gt; tự học tiếng Anh.');
    expect(page).toContain('Hà &lt;b&gt;Lan&lt;/b&gt;');
    expect(page).toContain('Tân Lập, ngày 28 tháng 11 năm 2026');
    expect(page).not.toContain('KT. CHỦ TỊCH');
  });

  it('leaves number and date to fill in while none was entered, and says so when no decision was issued', async () => {
    const paper = reportPaper(
      settingsWith({}),
      'result',
      { report: report(), decisions: [], outstandingYears: 5 },
      null,
    );
    expect(paper.number).toBe('Số: ........../BC-UBND');
    expect(paper.placeAndDate).toBe('Tân Lập, ngày ..... tháng ..... năm 2026');
    expect(paper.sections.find((s) => s.key === 'results')!.text).toContain(
      'Trong năm chưa ban hành quyết định công nhận nào.',
    );
    const text = paragraphs(unzip(await reportDocx(paper)).get('word/document.xml')!);
    expect(text).toContain('Chưa có quyết định công nhận nào trong năm.');
  });
});

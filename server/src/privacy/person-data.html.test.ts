import { describe, expect, it } from 'vitest';
import { renderPersonDataHtml } from './person-data.html.ts';

type Data = Parameters<typeof renderPersonDataHtml>[0];

const evil = 'Lan <script>alert(1)</script> & "Hoa"';
const data = {
  exportedAt: '2026-11-18T01:30:00.000Z',
  center: 'Trung tâm HTCĐ <b>Đồng Chằm</b>',
  person: { name: evil, birthYear: 1954, village: 'Thôn <i>Đồng Chằm</i>', phone: null, code: 'AB12' },
  consentLog: [{ purpose: 'assessment', granted: true, at: '2026-01-01T00:00:00.000Z' }],
  assessments: [
    {
      year: 2026,
      status: 'submitted',
      evidence: [],
      verdict: { total: 80 },
      answers: [{ indicatorId: 'CS01', score: 8, note: '<img src=x onerror=alert(1)>' }],
      appraisal: { scores: [{ indicatorId: 'CS01', score: 7, reason: '</td><script>' }], verdict: { total: 70 } },
    },
  ],
  attendance: [{ title: 'Lớp <tin học>', startsAt: '2026-03-01T02:00:00.000Z' }],
  learningPlans: [{ madeAt: '2026-03-02T02:00:00.000Z', items: [{ title: 'Đọc & <viết>', dueOn: '2026-05-01' }] }],
} as unknown as Data;

describe('renderPersonDataHtml', () => {
  const out = renderPersonDataHtml(data);

  it('writes what a person typed as text, never as markup', () => {
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain(
      '<title>Dữ liệu cá nhân — Lan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hoa&quot;</title>',
    );
    expect(out).toContain('<td>Lan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hoa&quot;</td>');
    expect(out).toContain('<td>&lt;/td&gt;&lt;script&gt;</td>');
    expect(out).toContain('<td>Đọc &amp; &lt;viết&gt;</td><td>01/05/2026</td>');
  });

  it('shows the scores, the appraisal and the sessions in Vietnam time', () => {
    expect(out).toContain('<tr><td>CS01</td><td>8</td>');
    expect(out).toContain('Tổng tự chấm: 80. Tổng thẩm định: 70.');
    expect(out).toContain('<td>1/3/2026 9:00</td>');
    // The consent and the export are dated in Vietnam too, whatever the box's own time zone.
    expect(out).toContain('<td>1/1/2026 7:00</td>');
    expect(out).toContain('<p>Xuất lúc 18/11/2026 8:30</p>');
    expect(out).toContain('<th>Điện thoại</th><td>—</td>');
  });
});

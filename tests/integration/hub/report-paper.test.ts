import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config/load.ts';
import { staffSessions, type Role } from '../../fixtures/staff.ts';
import { paragraphs, tables, unzip } from '../../support/docx.ts';
import type { Harness } from '../harness.ts';
import { closeAllLists } from './close-lists.ts';
import { startCommune, stopCommune, sync, YEAR, type Site } from './dashboard-setup.ts';

/**
 * Issue 25: the reports the commune signs — the CDHT model's result report and the emulation
 * movement's — for the demo commune (Xã Tân Lập), as .docx and A4 print: the committee in full,
 * number and date, the written sections pre-filled from the figures and as the officer rewrote
 * them, the figures as Phụ lục I, the decisions of the year as Phụ lục II, Nơi nhận and the signer;
 * each kind's deadline on the dashboard; a refused edit changes nothing.
 */

let hub: Harness;
let province: Harness;
let hubStaff: Record<Role, string>;
let sites: Site[];
let recognized = 0;

beforeAll(async () => {
  ({ hub, province, hubStaff, sites } = await startCommune('sqlite'));
  const pass = sites.flatMap((s) => s.people).filter((p) => p.stage === 'pass');
  recognized = pass.length;
  // The village branches close their lists before the commune decides (issue 24).
  await closeAllLists(sites, YEAR, sync);
  const rec = await hub.json(
    'POST',
    '/api/staff/hub/decisions',
    {
      year: YEAR,
      number: '15/QĐ-UBND',
      signedOn: '2026-12-01',
      signer: 'Nguyễn Văn Hùng',
      personIds: pass.map((p) => p.personId),
    },
    hubStaff.admin,
  );
  expect(rec.status).toBe(200);
}, 120_000);
afterAll(async () => {
  if (sites) await stopCommune({ hub, province, hubStaff, sites });
});

const path = (kind: string, format: string) => `/api/staff/hub/report-paper?year=${YEAR}&kind=${kind}&format=${format}`;
const draftOf = async (kind: string) => {
  const res = await hub.json('GET', path(kind, 'json'), undefined, hubStaff.admin);
  expect(res.status).toBe(200);
  return res.body as {
    number: string;
    date: string;
    sections: { key: string; heading: string; text: string; edited: boolean }[];
  };
};
const docxOf = async (kind: string) => {
  const res = await hub.app.request(path(kind, 'docx'), { headers: { cookie: hubStaff.admin } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('wordprocessingml');
  return unzip(new Uint8Array(await res.arrayBuffer())).get('word/document.xml')!;
};
const save = (body: unknown) => hub.json('PUT', '/api/staff/hub/report-paper', body, hubStaff.admin);

describe('the reports the commune signs', () => {
  it('the result report: heading in full, number and date, edited and pre-filled sections, annexes, Nơi nhận, signer', async () => {
    const before = await draftOf('result');
    expect(before.sections.map((s) => s.key)).toEqual([
      'implementation',
      'results',
      'strengths',
      'shortcomings',
      'causes',
      'direction',
      'proposals',
    ]);
    const results = before.sections.find((s) => s.key === 'results')!;
    expect(results.edited).toBe(false);
    expect(results.text).toContain(`${recognized} người được công nhận “Công dân học tập”`);
    expect(results.text).toContain('số 15/QĐ-UBND ngày 01/12/2026');

    const mine = 'Năm 2026, xã đã tổ chức tốt việc tự đánh giá.\nCác thôn đều có người được công nhận.';
    const sections = Object.fromEntries(before.sections.map((s) => [s.key, s.key === 'strengths' ? mine : s.text]));
    const saved = await save({ year: YEAR, kind: 'result', number: '45/BC-UBND', date: '2026-11-14', sections });
    expect(saved.status).toBe(200);
    const after = saved.body as Awaited<ReturnType<typeof draftOf>>;
    // Only the rewritten section is the officer's; the others still follow the figures.
    expect(after.sections.filter((s) => s.edited).map((s) => s.key)).toEqual(['strengths']);
    expect(after.number).toBe('45/BC-UBND');

    const xml = await docxOf('result');
    const text = paragraphs(xml);
    const [head, closing, ...annexes] = tables(xml);
    expect(head![0]![0]).toBe('ỦY BAN NHÂN DÂNXÃ TÂN LẬP———Số: 45/BC-UBND');
    expect(head![0]![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(head![0]![1]).toContain('Tân Lập, ngày 14 tháng 11 năm 2026');
    expect(xml).not.toContain('UBND XÃ');
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Kết quả thực hiện mô hình “Công dân học tập” năm 2026');
    for (const s of before.sections) expect(text).toContain(s.heading);
    expect(text).toContain('Năm 2026, xã đã tổ chức tốt việc tự đánh giá.');
    expect(text).toContain('Các thôn đều có người được công nhận.');
    expect(text.join('\n')).toContain(results.text.split('\n')[0]);
    expect(closing![0]![0]).toMatch(/^Nơi nhận:- .*Sở Giáo dục và Đào tạo.*- Lưu: VT\.$/);
    expect(closing![0]![1]).toBe('KT. CHỦ TỊCHPHÓ CHỦ TỊCH');
    expect(text).toContain('PHỤ LỤC I');
    expect(text).toContain('(Kèm theo Báo cáo số 45/BC-UBND ngày 14/11/2026 của Ủy ban nhân dân xã Tân Lập)');
    const counts = annexes[0]!;
    expect(counts.find((r) => r[1] === 'Được công nhận')).toEqual(['4', 'Được công nhận', String(recognized)]);
    expect(text).toContain('PHỤ LỤC II');
    expect(annexes.at(-1)).toEqual([
      ['STT', 'Số quyết định', 'Ngày ký', 'Danh hiệu', 'Số được công nhận', 'Người ký'],
      ['1', '15/QĐ-UBND', '01/12/2026', 'Công dân học tập', String(recognized), 'Nguyễn Văn Hùng'],
    ]);

    // The A4 print says the same.
    const page = (await hub.json('GET', path('result', 'html'), undefined, hubStaff.admin)).body as string;
    expect(page).toContain('<p class="b">ỦY BAN NHÂN DÂN</p>\n<p class="b">XÃ TÂN LẬP</p>');
    expect(page).toContain('Số: 45/BC-UBND');
    expect(page).toContain('Năm 2026, xã đã tổ chức tốt việc tự đánh giá.');
    expect(page).toContain('PHỤ LỤC I');
    expect(page).toContain('15/QĐ-UBND');
    expect(page).toContain('KT. CHỦ TỊCH');
    expect(page).toContain('Nơi nhận:');
  });

  it('the emulation report: its own sections and figures, its recipients', async () => {
    const draft = await draftOf('emulation');
    expect(draft.sections.map((s) => s.heading)).toContain('III. GƯƠNG ĐIỂN HÌNH TIÊN TIẾN');
    const xml = await docxOf('emulation');
    const text = paragraphs(xml);
    expect(text).toContain('Kết quả thực hiện phong trào thi đua “Mỗi người dân tự học, học tập suốt đời” năm 2026');
    expect(text.join('\n')).toContain('1315/QĐ-TTg');
    expect(text.join('\n')).toContain(`${recognized} người được công nhận “Công dân học tập”`);
    expect(text.join('\n')).toContain('“Gia đình học tập”');
    expect(text).toContain('Số: ........../BC-UBND');
    expect(tables(xml)[1]![0]![0]).toContain('Sở Nội vụ;');
    expect(text).toContain('PHỤ LỤC II');
    expect(tables(xml).at(-1)![1]![1]).toBe('15/QĐ-UBND');
  });

  it.each([
    ['an unknown section', { sections: { preface: 'Lời nói đầu' } }, 'report.section-unknown'],
    ['a section too long', { sections: { proposals: 'x'.repeat(8001) } }, 'report.text-too-long'],
    ['a number not written like 45/BC-UBND', { number: 'số bốn lăm' }, 'report.number-invalid'],
    ['a date not a day', { date: '2026-02-30' }, 'report.date-invalid'],
    ['a date years away', { date: '2024-11-14' }, 'report.date-invalid'],
    [
      'a hidden right-to-left override',
      { sections: { proposals: 'Đề nghị \u202Ekhen thưởng' } },
      'text.invalid-characters',
    ],
  ])('refuses %s and changes nothing', async (_name, change, code) => {
    const before = await draftOf('result');
    const stored = await hub.db.selectFrom('hub_report_text').selectAll().execute();
    const audits = await hub.db.selectFrom('audit_log').select('id').execute();
    const body = { year: YEAR, kind: 'result', number: '46/BC-UBND', date: '2026-11-15', sections: {}, ...change };
    const res = await save(body);
    expect(res).toMatchObject({ status: 422, body: { code } });
    expect(await draftOf('result')).toEqual(before);
    expect(await hub.db.selectFrom('hub_report_text').selectAll().execute()).toEqual(stored);
    expect(await hub.db.selectFrom('audit_log').select('id').execute()).toHaveLength(audits.length);
  });

  it("shows each report kind's deadline from configuration on the dashboard, the province's its own", async () => {
    const board = await hub.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, hubStaff.admin);
    // The harness's day is 23 November 2026.
    expect(board.body.reportDeadlines).toEqual([
      { kind: 'result', deadline: '2026-11-15', daysLeft: -8 },
      { kind: 'emulation', deadline: '2026-12-01', daysLeft: 8 },
    ]);
    const above = await staffSessions(province);
    const own = await province.json('GET', `/api/staff/hub/dashboard?year=${YEAR}`, undefined, above.admin);
    expect(own.body.reportDeadlines[0]).toEqual({ kind: 'result', deadline: '2026-11-20', daysLeft: -3 });
  });

  it('stops the start on a deadline not written MM-DD, naming the key', () => {
    const configDir = resolve(import.meta.dirname, '../../../kiosk-config');
    expect(() => loadConfig({ configDir, env: { KIOSK_EMULATION_REPORT_DEADLINE: '1/12' } })).toThrow(
      /calendar\.emulationReportDeadline/,
    );
  });
});

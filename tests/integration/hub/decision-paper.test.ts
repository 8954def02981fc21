import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicatorIds } from '../../fixtures/people.ts';
import type { Role } from '../../fixtures/staff.ts';
import { paragraphs, tables, unzip } from '../../support/docx.ts';
import type { Harness } from '../harness.ts';
import { startCommune, stopCommune, sync, YEAR, type Site } from './dashboard-setup.ts';
import { closeAllLists } from './close-lists.ts';

/**
 * Issue 25 (a): the recognition decision the commune files, as .docx and A4 print, for the demo
 * commune (Xã Tân Lập): its heading, number, bases, articles, Nơi nhận, signer, and a list of
 * exactly the people it recognizes — those who refused the public list too — with only the
 * decision's fields; a draft says DỰ THẢO until the decision is recorded.
 */

let hub: Harness;
let province: Harness;
let hubStaff: Record<Role, string>;
let sites: Site[];

const COLUMNS = ['STT', 'Họ và tên', 'Năm sinh', 'Nơi cư trú', 'Điểm thẩm định', 'Công nhận 5 năm liên tục'];

describe('the decision with its list', () => {
  beforeEach(async () => {
    ({ hub, province, hubStaff, sites } = await startCommune('sqlite'));
  }, 120_000);
  afterEach(async () => {
    if (sites) await stopCommune({ hub, province, hubStaff, sites });
  });

  const get = (path: string, cookie = hubStaff.admin) => hub.app.request(path, { headers: { cookie } });
  const docxOf = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    return unzip(new Uint8Array(await res.arrayBuffer()));
  };

  it('prints a draft, then the recorded decision naming everyone recognized, whatever their public-list consent', async () => {
    const all = sites.flatMap((s) => s.people);
    const pass = all.filter((p) => p.stage === 'pass');
    const refused = pass.filter((p) => !p.publicList);
    expect(refused.length).toBeGreaterThan(0);
    const named = pass.slice(0, -1);
    const left = pass.at(-1)!;
    expect(named.some((p) => !p.publicList)).toBe(true);

    // Before the decision: a draft of every passing proposal, marked on each page.
    const draft = await docxOf(`/api/staff/hub/decision-draft?year=${YEAR}&title=cdht&format=docx`);
    const draftHeaders = [...draft.entries()].filter(([n]) => /^word\/header\d*\.xml$/.test(n)).map(([, x]) => x);
    expect(draftHeaders.join('')).toContain('DỰ THẢO');
    const draftList = tables(draft.get('word/document.xml')!).at(-1)!;
    expect(
      draftList
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(pass.map((p) => p.name).sort());
    expect(paragraphs(draft.get('word/document.xml')!)).toContain('Số: ........../QĐ-UBND');
    const draftHtml = await (await get(`/api/staff/hub/decision-draft?year=${YEAR}&title=cdht&format=html`)).text();
    expect(draftHtml).toContain('DỰ THẢO');

    await closeAllLists(sites, YEAR, sync);
    const rec = await hub.json(
      'POST',
      '/api/staff/hub/decisions',
      {
        year: YEAR,
        number: '15/QĐ-UBND',
        signedOn: '2026-12-01',
        signer: 'Nguyễn Văn Hùng',
        personIds: named.map((p) => p.personId),
      },
      hubStaff.admin,
    );
    expect(rec.status).toBe(200);
    const id = (rec.body as { id: string }).id;

    const files = await docxOf(`/api/staff/hub/decisions/${id}/paper?format=docx`);
    expect(
      [...files.keys()]
        .filter((n) => /^word\/header\d*\.xml$/.test(n))
        .map((n) => files.get(n))
        .join(''),
    ).not.toContain('DỰ THẢO');
    const xml = files.get('word/document.xml')!;
    const text = paragraphs(xml);
    const [head, closing, list] = tables(xml);
    // The heading: the committee in full beside the national heading, number, place and date.
    expect(head![0]!.join('|')).toContain('ỦY BAN NHÂN DÂN');
    expect(head![0]![0]).toContain('XÃ TÂN LẬP');
    expect(head![0]![0]).toContain('Số: 15/QĐ-UBND');
    expect(head![0]![1]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(head![0]![1]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(head![0]![1]).toContain('Tân Lập, ngày 01 tháng 12 năm 2026');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Về việc công nhận danh hiệu “Công dân học tập” năm 2026');
    expect(text).toContain('ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
    // The bases from the programmes, then the proposer.
    const bases = text.filter((t) => t.startsWith('Căn cứ '));
    expect(bases).toHaveLength(2);
    expect(bases[1]).toContain('677/QĐ-TTg');
    expect(text).toContain('Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.');
    // The three articles: Điều 1 counts exactly those named.
    expect(text).toContain(
      `Điều 1. Công nhận danh hiệu “Công dân học tập” năm 2026 cho ${named.length} công dân (có danh sách kèm theo).`,
    );
    expect(text).toContain('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.');
    expect(text.find((t) => t.startsWith('Điều 3. '))).toMatch(/chịu trách nhiệm thi hành Quyết định này/);
    // Nơi nhận at the left, the signer block at the right (KT. CHỦ TỊCH by default), with the recorded name.
    expect(closing![0]![0]).toMatch(/^Nơi nhận:- Như Điều 3;.*- Lưu: VT\.$/);
    expect(closing![0]![1]).toBe('KT. CHỦ TỊCHPHÓ CHỦ TỊCHNguyễn Văn Hùng');
    // The attached list: exactly those named, with only the decision's fields.
    expect(text).toContain('(Kèm theo Quyết định số 15/QĐ-UBND ngày 01/12/2026 của Ủy ban nhân dân xã Tân Lập)');
    expect(list![0]).toEqual(COLUMNS);
    const rows = list!.slice(1);
    expect(rows.map((r) => r[1]).sort()).toEqual(named.map((p) => p.name).sort());
    expect(rows.map((r) => r[1])).not.toContain(left.name);
    for (const [i, r] of rows.entries()) {
      const p = named.find((x) => x.name === r[1])!;
      expect(r).toEqual([String(i + 1), p.name, '1970', p.village, String(9 * (indicatorIds.length - 1) + p.cs05), '']);
    }
    expect(xml).not.toMatch(/nhom-|TTHTCĐ/);

    // The A4 print says the same, without the draft mark.
    const page = await (await get(`/api/staff/hub/decisions/${id}/paper?format=html`)).text();
    expect(page).not.toContain('DỰ THẢO');
    for (const p of named) expect(page).toContain(p.name);
    expect(page).toContain('Số: 15/QĐ-UBND');
    expect(page).toContain('KT. CHỦ TỊCH');

    // The draft now holds only who is left; the papers are the officer's only.
    const after = await docxOf(`/api/staff/hub/decision-draft?year=${YEAR}&title=cdht&format=docx`);
    expect(
      tables(after.get('word/document.xml')!)
        .at(-1)!
        .slice(1)
        .map((r) => r[1]),
    ).toEqual([left.name]);
    expect((await get(`/api/staff/hub/decisions/${id}/paper?format=docx`, hubStaff.appraiser)).status).toBe(403);
    const missing = await get(`/api/staff/hub/decisions/0190a0a0-0000-7000-8000-000000000000/paper?format=docx`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('decision.not-found');
    expect((await get(`/api/staff/hub/decisions/${id}/paper?format=pdf`)).status).toBe(400);
  });
});

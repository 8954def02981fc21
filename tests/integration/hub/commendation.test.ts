import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClanUpsertV1, HouseholdUpsertV1, PersonUpsertV1, UnitUpsertV1 } from '../../../shared/sync/messages.ts';
import { build } from '../../fixtures/people.ts';
import { staffSessions } from '../../fixtures/staff.ts';
import { paragraphs, tables, unzip } from '../../support/docx.ts';
import { startHarness, type Harness } from '../harness.ts';
import { AT, nodeOf, person, upload, workbook, type Line } from './history-setup.ts';

/**
 * Issue 25: the commune's commendation proposal (tờ trình đề nghị khen thưởng) for the 2025 review,
 * as .docx, .xlsx and A4: its heading, number, căn cứ, body, Nơi nhận and signer, and a list of
 * exactly those recognized five years in a row up to 2025 by decisions in force, the 2021–2025
 * recognitions imported at the hub among them, someone who refused the public list too, with only
 * the list's fields; the 2030 summary has none yet. Audited as an export.
 */

const DONG_CHAM = 'Thôn Đồng Chằm';
const GO_CHE = 'Thôn Gò Chè';
const household = (headPersonId: string): HouseholdUpsertV1 => ({
  type: 'HouseholdUpsertV1',
  id: build.id(),
  revision: 1,
  village: DONG_CHAM,
  headPersonId,
  memberPersonIds: [headPersonId],
  facts: [],
  registeredAt: AT,
});
const clan = (name: string, householdIds: string[]): ClanUpsertV1 => ({
  type: 'ClanUpsertV1',
  id: build.id(),
  revision: 1,
  name,
  representative: 'Trần Văn Cả',
  householdIds,
  registeredAt: AT,
});
const unit = (name: string): UnitUpsertV1 => ({
  type: 'UnitUpsertV1',
  id: build.id(),
  revision: 1,
  name,
  kind: 'school',
  village: DONG_CHAM,
  staffCounts: [],
  memberPersonIds: [],
  registeredAt: AT,
});
/** Paper decisions naming `name` for each of `years`. */
const recognized = (kind: string, name: string, birthYear: number | '', village: string, years: number[]): Line[] =>
  years.map((y) => [kind, name, birthYear, village, y, `${y - 2000}/QĐ-UBND`, `15/12/${y}`, 'UBND xã Tân Lập']);
const FIVE = [2021, 2022, 2023, 2024, 2025];

let hub: Harness;
let officer: string;
let facilitator: string;
let lan: PersonUpsertV1;

beforeEach(async () => {
  hub = await startHarness(new Date(AT), { KIOSK_ROLE: 'hub' });
  ({ admin: officer, facilitator } = await staffSessions(hub));
  const center = await nodeOf(hub, 'TTHTCĐ Tân Lập');
  // Bà Lan refused the public list: the proposal is an administrative paper and names her all the same.
  lan = { ...person('Nguyễn Thị Lan', 1962, GO_CHE) };
  lan.consents = [...lan.consents, { purpose: 'publicList', granted: false, at: AT }];
  const minh = person('Trần Văn Minh', 1958, DONG_CHAM);
  const hoa = person('Lê Thị Hoa', 1970, DONG_CHAM);
  const tuan = person('Phạm Văn Tuấn', 1975, DONG_CHAM);
  const home = household(minh.id);
  await center.push([lan, minh, hoa, tuan, home, clan('Họ Trần', [home.id]), unit('Trường Tiểu học Tân Lập')]);
  const res = await upload(
    hub,
    officer,
    await workbook([
      ...recognized('Cá nhân', lan.name, 1962, GO_CHE, FIVE),
      ...recognized('Cá nhân', minh.name, 1958, DONG_CHAM, FIVE),
      // Four years in a row, and four with a gap: not outstanding.
      ...recognized('Cá nhân', hoa.name, 1970, DONG_CHAM, [2022, 2023, 2024, 2025]),
      ...recognized('Cá nhân', tuan.name, 1975, DONG_CHAM, [2021, 2022, 2024, 2025]),
      ...recognized('Hộ gia đình', minh.name, 1958, DONG_CHAM, FIVE),
      ...recognized('Dòng họ', 'Họ Trần', '', '', FIVE),
      ...recognized('Thôn', DONG_CHAM, '', '', FIVE),
      ...recognized('Đơn vị', 'Trường Tiểu học Tân Lập', '', DONG_CHAM, [2023, 2024, 2025]),
    ]),
  );
  expect(res, JSON.stringify(res.body)).toMatchObject({ status: 200, body: { pending: 0 } });
});
afterEach(async () => {
  await hub.close();
});

const get = (query: string, cookie = officer) =>
  hub.app.request(`/api/staff/hub/commendation?${query}`, { headers: { cookie } });

describe('the commendation proposal', () => {
  it('as .docx: heading, number, căn cứ, body, Nơi nhận, signer, and the list of those recognized five years in a row', async () => {
    const res = await get('review=2025&format=docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain('to-trinh-khen-thuong-2025.docx');
    const xml = unzip(new Uint8Array(await res.arrayBuffer())).get('word/document.xml')!;
    const text = paragraphs(xml);
    for (const line of [
      'ỦY BAN NHÂN DÂN',
      'XÃ TÂN LẬP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: ........../TTr-UBND',
      'Tân Lập, ngày ..... tháng ..... năm 2025',
      'TỜ TRÌNH',
      'Về việc đề nghị khen thưởng tập thể, cá nhân tiêu biểu trong xây dựng xã hội học tập, sơ kết giai đoạn 2021 - 2025',
      'Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Phú Thọ',
      'Nơi nhận:',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'DANH SÁCH',
      'I. Công dân học tập tiêu biểu xuất sắc',
      'V. Đơn vị học tập tiêu biểu',
    ])
      expect(text).toContain(line);
    const bases = text.filter((p) => p.startsWith('Căn cứ '));
    expect(bases).toHaveLength(4);
    expect(bases[0]).toContain('Luật Thi đua, khen thưởng');
    expect(bases.join(' ')).toContain('1315/QĐ-TTg');
    expect(text.join(' ')).toContain(
      'được công nhận 5 năm liên tục đến năm 2025: 2 công dân học tập tiêu biểu xuất sắc; 1 gia đình học tập tiêu biểu; 1 dòng họ học tập tiêu biểu; 1 cộng đồng dân cư học tập tiêu biểu; 0 đơn vị học tập tiêu biểu',
    );
    // Tables: the heading, Nơi nhận beside the signer, then the list's four groups that have rows.
    const lists = tables(xml).slice(2);
    expect(lists).toEqual([
      [
        ['STT', 'Họ và tên', 'Năm sinh', 'Nơi cư trú', 'Các năm được công nhận'],
        ['1', 'Trần Văn Minh', '1958', DONG_CHAM, '2021 - 2025'],
        ['2', 'Nguyễn Thị Lan', '1962', GO_CHE, '2021 - 2025'],
      ],
      [
        ['STT', 'Gia đình', 'Nơi cư trú', 'Các năm được công nhận'],
        ['1', 'Gia đình ông/bà Trần Văn Minh', DONG_CHAM, '2021 - 2025'],
      ],
      [
        ['STT', 'Dòng họ', 'Nơi cư trú', 'Các năm được công nhận'],
        ['1', 'Họ Trần', DONG_CHAM, '2021 - 2025'],
      ],
      [
        ['STT', 'Cộng đồng dân cư', 'Nơi cư trú', 'Các năm được công nhận'],
        ['1', DONG_CHAM, DONG_CHAM, '2021 - 2025'],
      ],
    ]);
    expect(text).toContain('Không có.');
    // Audited as an export, with how many it names.
    const logged = await hub.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'hub.commendation-export')
      .execute();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.details as string)).toEqual({ format: 'docx', rows: 5 });
  });

  it('as .xlsx: one sheet per title with the same rows, and as A4; the 2030 summary names no one yet', async () => {
    const res = await get('review=2025&format=xlsx');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows = (name: string) => {
      const sheet = book.getWorksheet(name)!;
      const out: unknown[][] = [];
      sheet.eachRow((row, n) => {
        if (n >= 4) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Công dân học tập',
      'Gia đình học tập',
      'Dòng họ học tập',
      'Cộng đồng học tập',
      'Đơn vị học tập',
    ]);
    expect(rows('Công dân học tập')).toEqual([
      ['STT', 'Họ và tên', 'Năm sinh', 'Nơi cư trú', 'Các năm được công nhận'],
      [1, 'Trần Văn Minh', '1958', DONG_CHAM, '2021 - 2025'],
      [2, 'Nguyễn Thị Lan', '1962', GO_CHE, '2021 - 2025'],
    ]);
    // No unit yet: the note across the table (its merged cells read back as one value each).
    const units = rows('Đơn vị học tập');
    expect(units[0]).toEqual(['STT', 'Đơn vị', 'Nơi cư trú', 'Các năm được công nhận']);
    expect(units.slice(1).map((r) => r[0])).toEqual(['Không có.']);

    const page = await (await get('review=2025&format=html')).text();
    expect(page).toContain('TỜ TRÌNH');
    expect(page).toContain('<td>Nguyễn Thị Lan</td>');
    expect(page).toContain('Nơi nhận:');
    expect(page).not.toContain('Lê Thị Hoa');
    expect(page).not.toContain('Phạm Văn Tuấn');

    const summary = unzip(new Uint8Array(await (await get('review=2030&format=docx')).arrayBuffer())).get(
      'word/document.xml',
    )!;
    expect(paragraphs(summary).join(' ')).toContain('tổng kết giai đoạn 2021 - 2030');
    expect(tables(summary).slice(2)).toEqual([]);
  });

  it('refuses another year or format, and anyone but the administrator', async () => {
    for (const query of ['review=2026&format=docx', 'review=2025&format=pdf', 'format=html']) {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('request.invalid');
    }
    expect((await get('review=2025&format=docx', facilitator)).status).toBe(403);
  });
});

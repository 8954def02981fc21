import { describe, expect, it } from 'vitest';
import { listToCsv, renderListHtml } from './list.render.ts';
import type { ClanEntry, ClanListData, FamilyEntry, FamilyListData, ProposalListData } from './list.types.ts';
import { center, load, values } from './list.render.test-setup.ts';

describe('lists of households and clans', () => {
  const paoFamily: FamilyEntry = {
    assessmentId: 'a-pao',
    locked: false,
    name: 'Hoàng Văn Páo',
    village: 'Thôn Khe Ngang',
    members: 3,
    total: 89,
    band: 'Tốt',
    note: '',
  };
  const chuFamily: FamilyEntry = {
    assessmentId: 'a-chu',
    locked: false,
    name: 'Vàng A Chứ',
    village: 'Thôn Khe Ngang',
    members: 2,
    total: 72,
    band: 'Khá',
    note: 'Lần đầu',
  };
  const families = (overrides: Partial<FamilyListData> = {}): FamilyListData => ({
    title: 'gdht',
    center,
    village: 'Thôn Khe Ngang',
    year: 2026,
    kind: 'official',
    finalizedAt: null,
    generatedAt: '2026-11-23T03:00:00.000Z',
    entries: [paoFamily, chuFamily],
    ...overrides,
  });
  const hoang: ClanEntry = {
    assessmentId: 'a-hoang',
    locked: false,
    name: 'Họ Hoàng Văn',
    representative: 'Hoàng Văn Páo',
    villages: ['Thôn Gò Chè', 'Thôn Khe Ngang'],
    households: 4,
    total: 85,
    band: 'Tốt',
    note: '',
  };
  const clans = (overrides: Partial<ClanListData> = {}): ClanListData => ({
    title: 'dhht',
    center,
    village: null,
    year: 2026,
    kind: 'official',
    finalizedAt: null,
    generatedAt: '2026-11-23T03:00:00.000Z',
    entries: [hoang],
    ...overrides,
  });
  const headers = (html: string) => html.match(/<th\b[^>]*>[^<]*<\/th>/g)?.map((th) => th.replace(/<[^>]+>/g, ''));

  it("a village's households: the official list names each head, village, members, total and band, for the branch", () => {
    const html = renderListHtml(families());
    expect(html).toContain('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    expect(html).toContain('CHI HỘI THÔN KHE NGANG');
    expect(html).toContain('Thôn Khe Ngang — Xã Tân Lập, Tỉnh Phú Thọ');
    expect(headers(html)).toEqual(['STT', 'Chủ hộ', 'Thôn', 'Số thành viên', 'Tổng điểm', 'Xếp loại', 'Ghi chú']);
    expect(html).toContain(
      '<tr><td class="center">1</td><td>Hoàng Văn Páo</td><td>Thôn Khe Ngang</td><td class="center">3</td><td class="center">89</td><td class="center">Tốt</td><td></td></tr>',
    );
    expect(html).toContain('Tổng số: 2 gia đình.');
    expect(html).toContain('TM. CHI HỘI KHUYẾN HỌC');
    expect(html).not.toContain('a-pao');
  });

  it("the households' public list has the head and village only", async () => {
    const html = renderListHtml(families({ kind: 'public' }));
    expect(html).toContain('DANH SÁCH GIA ĐÌNH HỌC TẬP NĂM 2026');
    expect(headers(html)).toEqual(['STT', 'Chủ hộ', 'Thôn']);
    for (const text of ['>89<', '>Tốt<', '>3<', 'Lần đầu', 'Số thành viên']) expect(html).not.toContain(text);
    expect(
      listToCsv(families({ kind: 'public' }))
        .slice(1)
        .split('\r\n'),
    ).toEqual(['STT,Chủ hộ,Thôn', '1,Hoàng Văn Páo,Thôn Khe Ngang', '2,Vàng A Chứ,Thôn Khe Ngang', '']);
  });

  it("the households' workbook and CSV carry the same rows", async () => {
    const sheet = (await load(families())).getWorksheet('Danh sách')!;
    expect(sheet.getCell('A1').value).toBe('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “GIA ĐÌNH HỌC TẬP” NĂM 2026');
    expect(values(sheet.getRow(4))).toEqual([
      'STT',
      'Chủ hộ',
      'Thôn',
      'Số thành viên',
      'Tổng điểm',
      'Xếp loại',
      'Ghi chú',
    ]);
    expect(values(sheet.getRow(6))).toEqual([2, 'Vàng A Chứ', 'Thôn Khe Ngang', 2, 72, 'Khá', 'Lần đầu']);
    expect(listToCsv(families()).slice(1).split('\r\n')[1]).toBe('1,Hoàng Văn Páo,Thôn Khe Ngang,3,89,Tốt,');
  });

  it("the center's clans: issued by the center, with representative, villages and households", async () => {
    const html = renderListHtml(clans());
    expect(html).toContain('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “DÒNG HỌ HỌC TẬP” NĂM 2026');
    expect(html).toContain('TRUNG TÂM HỌC TẬP CỘNG ĐỒNG XÃ TÂN LẬP');
    expect(html).toContain('Trung tâm học tập cộng đồng xã Tân Lập — Xã Tân Lập, Tỉnh Phú Thọ');
    expect(html).not.toContain('CHI HỘI');
    expect(headers(html)).toEqual([
      'STT',
      'Dòng họ',
      'Người đại diện',
      'Thôn',
      'Số gia đình',
      'Tổng điểm',
      'Xếp loại',
      'Ghi chú',
    ]);
    expect(html).toContain(
      '<td>Họ Hoàng Văn</td><td>Hoàng Văn Páo</td><td>Thôn Gò Chè, Thôn Khe Ngang</td><td class="center">4</td><td class="center">85</td>',
    );
    expect(html).toContain('Tổng số: 1 dòng họ.');
    expect(html).toContain('GIÁM ĐỐC');
    const sheet = (await load(clans())).getWorksheet('Danh sách')!;
    expect(values(sheet.getRow(5))).toEqual([
      1,
      'Họ Hoàng Văn',
      'Hoàng Văn Páo',
      'Thôn Gò Chè, Thôn Khe Ngang',
      4,
      85,
      'Tốt',
      '',
    ]);
  });

  it("the clans' public list never names the representative", () => {
    const html = renderListHtml(clans({ kind: 'public' }));
    expect(headers(html)).toEqual(['STT', 'Dòng họ', 'Thôn']);
    expect(html).not.toContain('Hoàng Văn Páo');
    expect(listToCsv(clans({ kind: 'public' }))).toBe(
      '\uFEFFSTT,Dòng họ,Thôn\r\n1,Họ Hoàng Văn,"Thôn Gò Chè, Thôn Khe Ngang"\r\n',
    );
  });

  it.each<[string, ProposalListData, string]>([
    ['households', families({ entries: [] }), 'Chưa có gia đình nào trong danh sách.'],
    ['clans', clans({ entries: [] }), 'Chưa có dòng họ nào trong danh sách.'],
  ])('an empty list of %s says so', (_name, data, text) => {
    expect(renderListHtml(data)).toContain(text);
  });
});

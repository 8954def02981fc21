import { describe, expect, it } from 'vitest';
import { listToCsv, renderListHtml } from './list.render.ts';
import {
  lan,
  tuan,
  list,
  official,
  publicList,
  officialHeader,
  publicHeader,
  privateDetails,
  load,
  values,
} from './list.render.test-setup.ts';

describe('renderListHtml', () => {
  const html = renderListHtml(official);

  it.each([
    ['is a Vietnamese UTF-8 document', '<html lang="vi">'],
    ['declares UTF-8', '<meta charset="utf-8">'],
    ['prints on A4', '@page { size: A4; margin: 15mm 15mm 20mm 20mm; }'],
    ['repeats the table header on every page', 'thead { display: table-header-group; }'],
    ['uses a font stack with Vietnamese diacritics', '"Times New Roman", "Noto Serif", "DejaVu Serif", serif'],
    ['names the commune association', 'HỘI KHUYẾN HỌC XÃ TÂN LẬP'],
    ['names the village branch', 'CHI HỘI THÔN ĐỒNG CHẰM'],
    ['carries the national name', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['carries the motto', 'Độc lập - Tự do - Hạnh phúc'],
    ['leaves the date to be written by hand', 'Tân Lập, ngày ..... tháng ..... năm 2025'],
    ['titles the official list with the year', 'DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “CÔNG DÂN HỌC TẬP” NĂM 2025'],
    ['states village, commune and province', 'Thôn Đồng Chằm — Xã Tân Lập, Tỉnh Phú Thọ'],
    ['counts the people', 'Tổng số: 2 người.'],
    ['has a block for the compiler', 'NGƯỜI LẬP DANH SÁCH'],
    ['has a block for the branch', 'TM. CHI HỘI KHUYẾN HỌC'],
    ['has the branch chair', 'CHI HỘI TRƯỞNG'],
    ['asks signers to write their names', '(Ký, ghi rõ họ tên)'],
  ])('official list %s', (_name, text) => {
    expect(html).toContain(text);
  });

  it.each(officialHeader)('official list has the column "%s"', (header) => {
    expect(html).toContain(`>${header}</th>`);
  });

  it.each([lan, tuan])('official list shows every detail of $name', (entry) => {
    for (const value of [
      entry.name,
      entry.birthYear,
      entry.village,
      entry.group,
      entry.selfTotal,
      entry.total,
      entry.note,
    ]) {
      expect(html).toContain(`>${value}</td>`);
    }
  });

  it('is standalone: no scripts and no external resources', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import|https?:/i);
  });

  describe('public list', () => {
    const publicHtml = renderListHtml(publicList);

    it.each([
      ['titles the public list with the year', 'DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025'],
      ['shows the first name', '>Nguyễn Thị Lan</td>'],
      ['shows the second name', '>Trần Văn Tuấn</td>'],
      ['shows the village', '>Thôn Đồng Chằm</td>'],
      ['is signed for the branch', 'TM. CHI HỘI KHUYẾN HỌC'],
    ])('%s', (_name, text) => {
      expect(publicHtml).toContain(text);
    });

    it.each(privateDetails)('never shows "%s"', (text) => {
      expect(publicHtml).not.toContain(text);
    });

    it('has only STT, name and village columns, and no compiler signature', () => {
      expect(publicHtml.match(/<th\b[^>]*>[^<]*<\/th>/g)?.map((th) => th.replace(/<[^>]+>/g, ''))).toEqual(
        publicHeader,
      );
      expect(publicHtml).not.toContain('NGƯỜI LẬP DANH SÁCH');
      expect(publicHtml).not.toContain('ĐỀ NGHỊ CÔNG NHẬN');
    });
  });

  it.each([
    ['shows the draft note while not finalized', null, true],
    ['hides the draft note once finalized', '2025-11-20T08:00:00.000Z', false],
  ])('%s', (_name, finalizedAt, shown) => {
    for (const kind of ['official', 'public'] as const) {
      expect(renderListHtml(list({ kind, finalizedAt })).includes('BẢN NHÁP — chưa chốt danh sách')).toBe(shown);
    }
  });

  it.each(['official', 'public'] as const)('escapes every value in the %s list', (kind) => {
    const hostile = list({
      kind,
      village: 'Thôn <b>Mới</b>',
      center: { name: 'TT', commune: 'Xã A & B', province: 'Tỉnh "Phú" Thọ' },
      entries: [{ ...lan, name: 'Lan <script>alert(1)</script> & Hoa', note: '<img src=x onerror=alert(1)>' }],
    });
    const out = renderListHtml(hostile);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>Mới');
    expect(out).toContain('Lan &lt;script&gt;alert(1)&lt;/script&gt; &amp; Hoa');
    expect(out).toContain('HỘI KHUYẾN HỌC XÃ A &amp; B');
    expect(out).toContain('Tỉnh &quot;Phú&quot; Thọ');
  });

  it.each([
    ['official', officialHeader.length],
    ['public', publicHeader.length],
  ] as const)('renders an empty %s list with a row spanning the columns', (kind, span) => {
    const out = renderListHtml(list({ kind, entries: [] }));
    expect(out).toContain(`<td class="empty" colspan="${span}">Chưa có người nào trong danh sách.</td>`);
    expect(out).toContain('Tổng số: 0 người.');
  });
});

describe('listToXlsx', () => {
  it.each([
    ['official', 'Danh sách', 'DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “CÔNG DÂN HỌC TẬP” NĂM 2025', officialHeader],
    ['public', 'Công khai', 'DANH SÁCH CÔNG DÂN HỌC TẬP NĂM 2025', publicHeader],
  ] as const)('lays out the %s sheet: name, title, sub-title, header', async (kind, sheetName, title, header) => {
    const workbook = await load(list({ kind }));
    expect(workbook.creator).toBe('Kiosk Công dân học tập');
    expect(workbook.worksheets.map((s) => s.name)).toEqual([sheetName]);
    const sheet = workbook.getWorksheet(sheetName)!;
    expect(sheet.getCell('A1').value).toBe(title);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell(1, header.length).isMerged).toBe(true);
    expect(sheet.getCell('A2').value).toBe('Thôn Đồng Chằm — Xã Tân Lập, Tỉnh Phú Thọ');
    expect(values(sheet.getRow(3))).toEqual([]);
    expect(values(sheet.getRow(4))).toEqual(header);
    expect(sheet.getCell('A4').font?.bold).toBe(true);
    expect(sheet.getCell('A4').border?.top?.style).toBe('thin');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 });
  });

  it.each([
    [5, [1, 'Nguyễn Thị Lan', 1954, 'Thôn Đồng Chằm', lan.group, 88, 86, 'x', lan.note]],
    [6, [2, 'Trần Văn Tuấn', 1988, 'Thôn Đồng Chằm', tuan.group, 93, 91, '', tuan.note]],
  ])('writes official row %i with numbers as numbers', async (rowNumber, expected) => {
    const sheet = (await load(official)).getWorksheet('Danh sách')!;
    expect(values(sheet.getRow(rowNumber))).toEqual(expected);
    expect(sheet.rowCount).toBe(6);
  });

  it('public workbook has exactly three columns of data and nothing private', async () => {
    const sheet = (await load(publicList)).getWorksheet('Công khai')!;
    expect(values(sheet.getRow(5))).toEqual([1, 'Nguyễn Thị Lan', 'Thôn Đồng Chằm']);
    expect(values(sheet.getRow(6))).toEqual([2, 'Trần Văn Tuấn', 'Thôn Đồng Chằm']);
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    for (let r = 4; r <= sheet.rowCount; r++) expect(sheet.getRow(r).cellCount).toBe(3);
    for (const value of [1954, 1988, 86, 91, ...privateDetails]) expect(cells).not.toContain(value);
  });

  it('writes an empty list as title and header only', async () => {
    const sheet = (await load(list({ entries: [] }))).getWorksheet('Danh sách')!;
    expect(sheet.rowCount).toBe(4);
  });
});

describe('listToCsv', () => {
  it.each([
    ['official', officialHeader],
    ['public', publicHeader],
  ] as const)('%s CSV starts with a BOM and the table header, CRLF-separated', (kind, header) => {
    const csv = listToCsv(list({ kind }));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(header.join(','));
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one official row per entry, quoting fields with commas', () => {
    expect(listToCsv(official).slice(1).split('\r\n')).toEqual([
      officialHeader.join(','),
      '1,Nguyễn Thị Lan,1954,Thôn Đồng Chằm,"Nhóm 1: Nông dân, lao động nông thôn",88,86,x,Hội viên Hội Nông dân',
      '2,Trần Văn Tuấn,1988,Thôn Đồng Chằm,"Nhóm 2: Công nhân, thợ thủ công, thợ sửa chữa",93,91,,Năm thứ hai liên tiếp',
      '',
    ]);
  });

  it('public CSV has three columns and nothing private', () => {
    const csv = listToCsv(publicList);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'STT,Họ và tên,Thôn',
      '1,Nguyễn Thị Lan,Thôn Đồng Chằm',
      '2,Trần Văn Tuấn,Thôn Đồng Chằm',
      '',
    ]);
    for (const text of privateDetails) expect(csv).not.toContain(text);
  });

  it.each([
    ['a comma and a quote', 'Lê Văn "Út", con', '"Lê Văn ""Út"", con"'],
    ['a line break', 'Phạm Thị\nHoa', '"Phạm Thị\nHoa"'],
    ['a formula', '=HYPERLINK("http://x","bấm")', `"'=HYPERLINK(""http://x"",""bấm"")"`],
    ['a plus sign', '+84 912 345 678', "'+84 912 345 678"],
    ['a minus sign', '-1', "'-1"],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\tẩn', "'\tẩn"],
    ['a carriage return', '\rxuống dòng', `"'\rxuống dòng"`],
    ['plain Vietnamese text', 'Đã đủ điều kiện', 'Đã đủ điều kiện'],
  ])('writes a note with %s safely', (_name, note, field) => {
    const csv = listToCsv(list({ entries: [{ ...lan, note }] }));
    expect(csv.endsWith(`,86,x,${field}\r\n`)).toBe(true);
  });

  it('quotes a name with a comma and a quote', () => {
    const csv = listToCsv(list({ kind: 'public', entries: [{ ...lan, name: 'Đỗ "Bé", Hai' }] }));
    expect(csv).toContain('\r\n1,"Đỗ ""Bé"", Hai",Thôn Đồng Chằm\r\n');
  });

  it('writes only the header for an empty list', () => {
    expect(listToCsv(list({ entries: [] }))).toBe(`\uFEFF${officialHeader.join(',')}\r\n`);
  });
});

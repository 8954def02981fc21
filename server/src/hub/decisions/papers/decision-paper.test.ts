import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphs, tables, unzip } from '../../../../../tests/support/docx.ts';
import { loadConfig } from '../../../config/load.ts';
import { decisionPaper, type PaperInput, type PaperRow } from './decision-paper.ts';
import { decisionDocx } from './decision-paper.docx.ts';
import { decisionHtml } from './decision-paper.html.ts';
import { verdictText } from './decision-paper.service.ts';

/** The decision's words from configuration: the signer block, the bases per title, the four other titles' lists. */
const configDir = resolve(import.meta.dirname, '../../../../../kiosk-config');
const settingsWith = (env: Record<string, string>) => loadConfig({ configDir, env }).settings;

const people: PaperRow[] = [
  { name: 'Lò Thị Xuân', birthYear: 1968, place: 'Thôn Khe Ngang', appraised: '95', fifthYear: true },
  { name: 'Đặng <b>Quý</b>', birthYear: 1975, place: 'Thôn Đồng Chằm', appraised: '88', fifthYear: false },
];
const recorded = { number: '21/QĐ-UBND', signedOn: '2026-12-03', signer: 'Hà Thị Lan' };
const input = (over: Partial<PaperInput>): PaperInput => ({
  settings: settingsWith({}),
  unit: 'Phường Hạc Thành',
  title: 'cdht',
  year: 2026,
  recorded,
  rows: people,
  ...over,
});

describe('the decision paper', () => {
  it('is signed TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH when configured, with the bases and recipients configured', async () => {
    const settings = settingsWith({
      KIOSK_DOCUMENTS_SIGNER: 'tm',
      KIOSK_DOCUMENTS_LEGAL_BASES: JSON.stringify({ cdht: 'Nghị quyết số 1/NQ-HĐND;\nKế hoạch số 2/KH-UBND;' }),
      KIOSK_DOCUMENTS_RECIPIENTS: 'Như Điều 3;\nLưu: VT.',
    });
    const paper = decisionPaper(input({ settings }));
    expect(paper.agency).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG HẠC THÀNH']);
    expect(paper.issuer).toBe('Ủy ban nhân dân phường Hạc Thành');
    expect(paper.placeAndDate).toBe('Hạc Thành, ngày 03 tháng 12 năm 2026');
    expect(paper.bases).toEqual([
      'Căn cứ Nghị quyết số 1/NQ-HĐND;',
      'Căn cứ Kế hoạch số 2/KH-UBND;',
      'Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.',
    ]);
    const xml = unzip(await decisionDocx(paper)).get('word/document.xml')!;
    const [, closing, list] = tables(xml);
    expect(closing![0]).toEqual(['Nơi nhận:- Như Điều 3;- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂNCHỦ TỊCHHà Thị Lan']);
    // The mark of the fifth year in a row, and a name printed as text.
    expect(list!.slice(1)).toEqual([
      ['1', 'Lò Thị Xuân', '1968', 'Thôn Khe Ngang', '95', 'x'],
      ['2', 'Đặng <b>Quý</b>', '1975', 'Thôn Đồng Chằm', '88', ''],
    ]);
    const page = decisionHtml(paper);
    expect(page).toContain('Đặng &lt;b&gt;Quý&lt;/b&gt;');
    expect(page).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(page).not.toContain('KT. CHỦ TỊCH');
  });

  it('lists a household, clan, community or unit title by name, place and appraised result, under 387/QĐ-TTg', async () => {
    const rows: PaperRow[] = [
      {
        name: 'Gia đình ông Hoàng Văn Páo',
        birthYear: null,
        place: 'Thôn Khe Ngang',
        appraised: '86/100 điểm, Tốt',
        fifthYear: false,
      },
    ];
    const paper = decisionPaper(input({ title: 'gdht', rows }));
    const xml = unzip(await decisionDocx(paper)).get('word/document.xml')!;
    const text = paragraphs(xml);
    expect(text.filter((t) => t.startsWith('Căn cứ')).join(' ')).toContain('387/QĐ-TTg');
    expect(text).toContain(
      'Điều 1. Công nhận danh hiệu “Gia đình học tập” năm 2026 cho 1 gia đình (có danh sách kèm theo).',
    );
    expect(tables(xml)[2]).toEqual([
      ['STT', 'Gia đình', 'Nơi cư trú', 'Kết quả thẩm định'],
      ['1', 'Gia đình ông Hoàng Văn Páo', 'Thôn Khe Ngang', '86/100 điểm, Tốt'],
    ]);
    expect(
      verdictText({
        kind: 'points',
        total: 86,
        maxTotal: 100,
        band: 'Tốt',
        level: null,
        levelLabel: null,
        passed: true,
      }),
    ).toBe('86/100 điểm, Tốt');
    expect(
      verdictText({
        kind: 'targets',
        total: null,
        maxTotal: null,
        band: null,
        level: 2,
        levelLabel: 'Mức độ 2',
        passed: true,
      }),
    ).toBe('Mức độ 2');
  });

  it('marks a draft DỰ THẢO on each page, with the number and date left to fill in', async () => {
    const paper = decisionPaper(input({ recorded: null }));
    expect(paper.number).toBe('Số: ........../QĐ-UBND');
    expect(paper.placeAndDate).toBe('Hạc Thành, ngày ..... tháng ..... năm 2026');
    expect(paper.signerName).toBe('');
    const files = unzip(await decisionDocx(paper));
    expect(
      [...files]
        .filter(([n]) => n.startsWith('word/header'))
        .map(([, x]) => x)
        .join(''),
    ).toContain('DỰ THẢO');
    expect(decisionHtml(paper)).toContain('DỰ THẢO');
    expect(decisionHtml(decisionPaper(input({})))).not.toContain('DỰ THẢO');
  });
});

/**
 * Renders a proposal list (danh sách đề nghị công nhận "Công dân học tập", "Gia đình học tập" or
 * "Dòng họ học tập") as a printable HTML document laid out like a Vietnamese administrative
 * document, as an .xlsx and as a CSV. The columns of each title and kind are defined once below:
 * the public lists only ever have STT, name and village, so nothing else (birth year, group, score,
 * representative, note) can leak into what is posted publicly.
 */
import type ExcelJS from 'exceljs';
import type { ClanEntry, FamilyEntry, PersonEntry, ProposalListData, ProposalListTitle } from './list.types.ts';

interface Column<E> {
  header: string;
  /** Share of the HTML table width, in percent. */
  percent: number;
  /** Width in the spreadsheet, in characters. */
  xlsxWidth: number;
  align: 'left' | 'center';
  value: (entry: E, index: number) => string | number;
}
type Kind = ProposalListData['kind'];

const stt: Column<unknown> = { header: 'STT', percent: 5, xlsxWidth: 6, align: 'center', value: (_e, i) => i + 1 };
const name: Column<{ name: string }> = { header: 'Họ và tên', percent: 22, xlsxWidth: 28, align: 'left', value: (e) => e.name };
const village: Column<{ village: string }> = { header: 'Thôn', percent: 21, xlsxWidth: 20, align: 'left', value: (e) => e.village };
const note: Column<{ note: string }> = { header: 'Ghi chú', percent: 12, xlsxWidth: 24, align: 'left', value: (e) => e.note };
const total: Column<{ total: number | null }> = { header: 'Tổng điểm', percent: 8, xlsxWidth: 10, align: 'center', value: (e) => e.total ?? '' };
const band: Column<{ band: string }> = { header: 'Xếp loại', percent: 10, xlsxWidth: 12, align: 'center', value: (e) => e.band };

const PERSON_COLUMNS: Record<Kind, Column<PersonEntry>[]> = {
  official: [
    stt,
    name,
    { header: 'Năm sinh', percent: 7, xlsxWidth: 10, align: 'center', value: (e) => e.birthYear },
    village,
    { header: 'Nhóm đối tượng', percent: 26, xlsxWidth: 40, align: 'left', value: (e) => e.group },
    { ...total, percent: 7 },
    note,
  ],
  public: [
    { ...stt, percent: 10 },
    { ...name, percent: 50, xlsxWidth: 32 },
    { ...village, percent: 40, xlsxWidth: 28 },
  ],
};

/** A household is named by its head (chủ hộ). */
const head: Column<FamilyEntry> = { header: 'Chủ hộ', percent: 26, xlsxWidth: 28, align: 'left', value: (e) => e.name };
const FAMILY_COLUMNS: Record<Kind, Column<FamilyEntry>[]> = {
  official: [
    stt,
    head,
    { ...village, percent: 20 },
    { header: 'Số thành viên', percent: 10, xlsxWidth: 12, align: 'center', value: (e) => e.members },
    total,
    band,
    { ...note, percent: 21 },
  ],
  public: [
    { ...stt, percent: 10 },
    { ...head, percent: 50, xlsxWidth: 32 },
    { ...village, percent: 40, xlsxWidth: 28 },
  ],
};

const clan: Column<ClanEntry> = { header: 'Dòng họ', percent: 19, xlsxWidth: 24, align: 'left', value: (e) => e.name };
const villages: Column<ClanEntry> = { header: 'Thôn', percent: 18, xlsxWidth: 24, align: 'left', value: (e) => e.villages.join(', ') };
const CLAN_COLUMNS: Record<Kind, Column<ClanEntry>[]> = {
  official: [
    stt,
    clan,
    { header: 'Người đại diện', percent: 19, xlsxWidth: 24, align: 'left', value: (e) => e.representative },
    villages,
    { header: 'Số gia đình', percent: 9, xlsxWidth: 11, align: 'center', value: (e) => e.households },
    total,
    band,
    { ...note, percent: 12 },
  ],
  // The representative is a person: the public list names the clan and its villages only.
  public: [
    { ...stt, percent: 10 },
    { ...clan, percent: 45, xlsxWidth: 32 },
    { ...villages, percent: 45, xlsxWidth: 32 },
  ],
};

type Cell = string | number;
interface Table { columns: Omit<Column<never>, 'value'>[]; rows: Cell[][] }
const tableOf = <E>(columns: Column<E>[], entries: readonly E[]): Table =>
  ({ columns, rows: entries.map((entry, i) => columns.map((c) => c.value(entry, i))) });

/** The list's columns and its rows as printed, for its title and kind. */
function table(data: ProposalListData): Table {
  switch (data.title) {
    case 'cdht': return tableOf(PERSON_COLUMNS[data.kind], data.entries);
    case 'gdht': return tableOf(FAMILY_COLUMNS[data.kind], data.entries);
    case 'dhht': return tableOf(CLAN_COLUMNS[data.kind], data.entries);
  }
}

/** The title's name as the documents write it, and what one entry is called in the count. */
const TITLE_NAMES: Record<ProposalListTitle, { name: string; noun: string }> = {
  cdht: { name: 'CÔNG DÂN HỌC TẬP', noun: 'người' },
  gdht: { name: 'GIA ĐÌNH HỌC TẬP', noun: 'gia đình' },
  dhht: { name: 'DÒNG HỌ HỌC TẬP', noun: 'dòng họ' },
};

const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** "Xã Tân Lập" → "Tân Lập": the place name written before the date. */
const placeName = (commune: string): string =>
  commune.replace(/^\s*(xã|phường|thị trấn|đặc khu)\s+/iu, '').trim();

export const listTitle = (data: ProposalListData): string =>
  data.kind === 'official'
    ? `DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “${TITLE_NAMES[data.title].name}” NĂM ${data.year}`
    : `DANH SÁCH ${TITLE_NAMES[data.title].name} NĂM ${data.year}`;

/** Where the list is from: its village, or the center for the clans' list. */
const scope = (data: ProposalListData): string => data.village ?? data.center.name;

export const listSubtitle = (data: ProposalListData): string =>
  `${scope(data)} — ${data.center.commune}, ${data.center.province}`;

export const DRAFT_NOTE = 'BẢN NHÁP — chưa chốt danh sách';
export const EMPTY_ROW = 'Chưa có người nào trong danh sách.';
const emptyRow = (data: ProposalListData): string => `Chưa có ${TITLE_NAMES[data.title].noun} nào trong danh sách.`;

export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The administrative document's heading (agency, national motto, place and date, title), shared with the hub's report. */
export const DOCUMENT_HEADING_STYLE = `p { margin: 0; }
.b { font-weight: bold; }
.i { font-style: italic; }
.heading { width: 100%; border-collapse: collapse; font-size: 12.5pt; }
.heading td { vertical-align: top; text-align: center; padding: 0; }
.heading .org { width: 42%; }
.heading .nation { width: 58%; }
.rule { width: 30%; margin: 2pt auto 0; border-top: 1px solid #000; }
.motto { display: inline-block; font-size: 13pt; padding-bottom: 1pt; border-bottom: 1px solid #000; }
.place { padding-top: 8pt !important; }
h1 { font-size: 14pt; text-align: center; margin: 20pt 0 2pt; }`;

const STYLE = `
@page { size: A4; margin: 15mm 15mm 20mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 175mm; padding: 8mm 0; color: #000; background: #fff;
  font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; }
@media print { body { max-width: none; padding: 0; } }
${DOCUMENT_HEADING_STYLE}
.subtitle { text-align: center; font-style: italic; }
.draft { display: table; margin: 8pt auto 0; padding: 2pt 10pt; border: 1.5pt dashed #b00000;
  color: #b00000; font-weight: bold; }
.list { width: 100%; border-collapse: collapse; margin-top: 12pt; font-size: 12pt;
  overflow-wrap: break-word; }
.list th, .list td { border: 1px solid #000; padding: 3pt 3pt; vertical-align: middle; }
.list th { font-weight: bold; text-align: center; padding: 3pt 2pt; }
.list td.center { text-align: center; }
.list td.empty { text-align: center; font-style: italic; padding: 10pt 5pt; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
.count { margin-top: 6pt; break-before: avoid; page-break-before: avoid; }
.signatures { display: flex; justify-content: space-between; padding-top: 14pt; break-inside: avoid;
  page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.sign { width: 45%; text-align: center; }
.sign.alone { margin-left: auto; }
.sign .space { height: 28mm; }
`;

function signBlock(lines: string[], extra = ''): string {
  const titles = lines.map((line) => `<p class="b">${escapeHtml(line)}</p>`).join('');
  return `<div class="sign${extra}">${titles}<p class="i">(Ký, ghi rõ họ tên)</p><div class="space"></div></div>`;
}

export function renderListHtml(data: ProposalListData): string {
  const { columns, rows: cells } = table(data);
  const title = listTitle(data);
  const head = columns
    .map((c) => `<th style="width:${c.percent}%">${escapeHtml(c.header)}</th>`)
    .join('');
  const rows = cells.length
    ? cells
        .map((row) => {
          const tds = row
            .map((cell, j) => `<td${columns[j]!.align === 'center' ? ' class="center"' : ''}>${escapeHtml(cell)}</td>`)
            .join('');
          return `<tr>${tds}</tr>`;
        })
        .join('\n')
    : `<tr><td class="empty" colspan="${columns.length}">${emptyRow(data)}</td></tr>`;
  // A village's list comes from its branch of the association; the clans' list from the center.
  const byCenter = data.village === null;
  const chief = byCenter ? ['TM. TRUNG TÂM HỌC TẬP CỘNG ĐỒNG', 'GIÁM ĐỐC'] : ['TM. CHI HỘI KHUYẾN HỌC', 'CHI HỘI TRƯỞNG'];
  const issuer = byCenter ? upper(data.center.name) : `CHI HỘI ${upper(data.village!)}`;
  const signatures =
    data.kind === 'official'
      ? signBlock(['NGƯỜI LẬP DANH SÁCH']) + signBlock(chief)
      : signBlock(chief, ' alone');

  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${escapeHtml(scope(data))}</title>
<style>${STYLE}</style>
</head>
<body>
<table class="heading">
<tr>
<td class="org"><p>HỘI KHUYẾN HỌC ${escapeHtml(upper(data.center.commune))}</p>
<p class="b">${escapeHtml(issuer)}</p><div class="rule"></div></td>
<td class="nation"><p class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
<p class="b motto">Độc lập - Tự do - Hạnh phúc</p></td>
</tr>
<tr><td></td><td class="place i">${escapeHtml(placeName(data.center.commune))}, ngày ..... tháng ..... năm ${escapeHtml(data.year)}</td></tr>
</table>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(listSubtitle(data))}</p>
${data.finalizedAt === null ? `<p class="draft">${DRAFT_NOTE}</p>` : ''}
<table class="list">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="count">Tổng số: ${cells.length} ${TITLE_NAMES[data.title].noun}.</p>
<div class="signatures">${signatures}</div>
</body>
</html>
`;
}

const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function listToXlsx(data: ProposalListData): Promise<Buffer> {
  const { columns, rows } = table(data);
  // exceljs is large (about 28 MB once loaded): loaded when a sheet is made, not on every start of the box.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Kiosk Công dân học tập';
  const generated = new Date(data.generatedAt);
  if (!Number.isNaN(generated.getTime())) workbook.created = generated;
  const sheet = workbook.addWorksheet(data.kind === 'official' ? 'Danh sách' : 'Công khai', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '4:4',
      margins: { left: 0.79, right: 0.59, top: 0.59, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  if (data.finalizedAt === null) sheet.headerFooter.oddHeader = `&R&"Times New Roman,Bold"${DRAFT_NOTE}`;
  sheet.columns = columns.map((c) => ({ width: c.xlsxWidth }));
  const font = { name: 'Times New Roman', size: 12 };

  const title = sheet.addRow([listTitle(data)]);
  const subtitle = sheet.addRow([listSubtitle(data)]);
  for (const [row, extra] of [[title, { bold: true, size: 14 }], [subtitle, { italic: true }]] as const) {
    sheet.mergeCells(row.number, 1, row.number, columns.length);
    row.getCell(1).font = { ...font, ...extra };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  title.height = 36;
  sheet.addRow([]);

  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  for (const cells of rows) {
    const row = sheet.addRow(cells);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.font = font;
      cell.border = BORDER;
      cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: true };
    });
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Neutralizes spreadsheet formulas (=, +, -, @, tab, CR at the start) and quotes per RFC 4180. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function listToCsv(data: ProposalListData): string {
  const { columns, rows } = table(data);
  const lines = [
    columns.map((c) => csvField(c.header)),
    ...rows.map((cells) => cells.map((cell) => csvField(cell))),
  ];
  return `\uFEFF${lines.map((fields) => `${fields.join(',')}\r\n`).join('')}`;
}

/**
 * Renders a proposal list (danh sách đề nghị công nhận "Công dân học tập", "Gia đình học tập" or
 * "Dòng họ học tập") as a printable HTML document laid out like a Vietnamese administrative
 * document and as an .xlsx (both on the print kit, server/src/print), and as a CSV. The columns of each title and kind are defined once below:
 * the public lists only ever have STT, name and village, so nothing else (birth year, group, score,
 * representative, note) can leak into what is posted publicly.
 */
import {
  emptyRow,
  heading,
  printDocument,
  signatures,
  signer,
  table as printTable,
  td,
  th,
  tr,
} from '../print/document.ts';
import { html } from '../print/html.ts';
import { documentStyle, PORTRAIT } from '../print/print.css.ts';
import {
  addBody,
  addDraftMark,
  addHeader,
  addTitle,
  newSheet,
  newWorkbook,
  workbookBuffer,
} from '../print/workbook.ts';
import { placeWordOfNames } from '../../../shared/domain/places.ts';
import type { ClanEntry, FamilyEntry, PersonEntry, ProposalListData, ProposalListTitle } from './list.types.ts';

interface Column<E> {
  header: string;
  /** Share of the HTML table width, in percent. */
  percent: number;
  /** Width in the spreadsheet, in characters. */
  xlsxWidth: number;
  align: 'left' | 'center';
  value: (entry: E, index: number) => string | number;
  /** The village column: its header is the villages' own word (listPlaceWord), not a fixed "Thôn". */
  place?: true;
}
type Kind = ProposalListData['kind'];

const stt: Column<unknown> = { header: 'STT', percent: 5, xlsxWidth: 6, align: 'center', value: (_e, i) => i + 1 };
const name: Column<{ name: string }> = {
  header: 'Họ và tên',
  percent: 22,
  xlsxWidth: 28,
  align: 'left',
  value: (e) => e.name,
};
const village: Column<{ village: string }> = {
  header: 'Thôn',
  place: true,
  percent: 21,
  xlsxWidth: 20,
  align: 'left',
  value: (e) => e.village,
};
const note: Column<{ note: string }> = {
  header: 'Ghi chú',
  percent: 12,
  xlsxWidth: 24,
  align: 'left',
  value: (e) => e.note,
};
const total: Column<{ total: number | null }> = {
  header: 'Tổng điểm',
  percent: 8,
  xlsxWidth: 10,
  align: 'center',
  value: (e) => e.total ?? '',
};
const band: Column<{ band: string }> = {
  header: 'Xếp loại',
  percent: 10,
  xlsxWidth: 12,
  align: 'center',
  value: (e) => e.band,
};

/** A person's columns: the official list gives both totals, saying which is which, and the consecutive-years mark. */
const personColumns = (outstandingYears: number): Record<Kind, Column<PersonEntry>[]> => ({
  official: [
    stt,
    { ...name, percent: 19 },
    { header: 'Năm sinh', percent: 7, xlsxWidth: 10, align: 'center', value: (e) => e.birthYear },
    { ...village, percent: 15 },
    { header: 'Nhóm đối tượng', percent: 18, xlsxWidth: 40, align: 'left', value: (e) => e.group },
    { header: 'Điểm tự đánh giá', percent: 8, xlsxWidth: 11, align: 'center', value: (e) => e.selfTotal },
    { header: 'Điểm thẩm định', percent: 8, xlsxWidth: 11, align: 'center', value: (e) => e.total },
    {
      header: `Năm thứ ${outstandingYears} liên tục`,
      percent: 9,
      xlsxWidth: 11,
      align: 'center',
      value: (e) => (e.fifthYear ? 'x' : ''),
    },
    { ...note, percent: 11 },
  ],
  public: [
    { ...stt, percent: 10 },
    { ...name, percent: 50, xlsxWidth: 32 },
    { ...village, percent: 40, xlsxWidth: 28 },
  ],
});

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
const villages: Column<ClanEntry> = {
  header: 'Thôn',
  place: true,
  percent: 18,
  xlsxWidth: 24,
  align: 'left',
  value: (e) => e.villages.join(', '),
};
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
interface Table {
  columns: Omit<Column<never>, 'value'>[];
  rows: Cell[][];
}
const tableOf = <E>(columns: Column<E>[], entries: readonly E[], placeWord: string): Table => ({
  columns: columns.map((c) => (c.place ? { ...c, header: placeWord } : c)),
  rows: entries.map((entry, i) => columns.map((c) => c.value(entry, i))),
});

/**
 * What the list calls its villages: the word the center's configuration gives (lists.service.ts),
 * or, from a box that sent none, the word the village names say ("Ấp 3").
 */
export function listPlaceWord(data: ProposalListData): string {
  if (data.placeWord) return data.placeWord;
  const names = data.title === 'dhht' ? data.entries.flatMap((e) => e.villages) : [data.village];
  return placeWordOfNames(names);
}

/** The list's columns and its rows as printed, for its title and kind. */
function table(data: ProposalListData): Table {
  const word = listPlaceWord(data);
  switch (data.title) {
    case 'cdht':
      return tableOf(personColumns(data.outstandingYears)[data.kind], data.entries, word);
    case 'gdht':
      return tableOf(FAMILY_COLUMNS[data.kind], data.entries, word);
    case 'dhht':
      return tableOf(CLAN_COLUMNS[data.kind], data.entries, word);
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
const placeName = (commune: string): string => commune.replace(/^\s*(xã|phường|thị trấn|đặc khu)\s+/iu, '').trim();

export const listTitle = (data: ProposalListData): string =>
  data.kind === 'official'
    ? `DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN “${TITLE_NAMES[data.title].name}” NĂM ${data.year}`
    : `DANH SÁCH ${TITLE_NAMES[data.title].name} NĂM ${data.year}`;

/** Where the list is from: its village, or the center for the clans' list. */
const scope = (data: ProposalListData): string => data.village ?? data.center.name;

export const listSubtitle = (data: ProposalListData): string =>
  `${scope(data)} — ${data.center.commune}, ${data.center.province}`;

export const DRAFT_NOTE = 'BẢN NHÁP — chưa chốt danh sách';
const emptyText = (data: ProposalListData): string => `Chưa có ${TITLE_NAMES[data.title].noun} nào trong danh sách.`;

/** The list's own table ("list") and the draft mark, on top of the print kit's page (print.css.ts). */
const LIST_CSS = `.draft { display: table; margin: 8pt auto 0; padding: 2pt 10pt; border: 1.5pt dashed #b00000;
  color: #b00000; font-weight: bold; }
.list { width: 100%; border-collapse: collapse; margin-top: 12pt; font-size: 12pt;
  overflow-wrap: break-word; }
.list th, .list td { border: 1px solid #000; padding: 3pt 3pt; vertical-align: middle; }
.list th { font-weight: bold; text-align: center; padding: 3pt 2pt; }
.list td.center { text-align: center; }
.list td.empty { text-align: center; font-style: italic; padding: 10pt 5pt; }`;
const STYLE = documentStyle(PORTRAIT, LIST_CSS);

export function renderListHtml(data: ProposalListData): string {
  const { columns, rows: cells } = table(data);
  const title = listTitle(data);
  const head = tr(columns.map((c) => th(c.header, c.percent)));
  const rows = cells.length
    ? cells.map((row) => tr(row.map((cell, j) => td(cell, columns[j]!.align === 'center' ? 'center' : undefined))))
    : [emptyRow(columns.length, emptyText(data))];
  // A village's list comes from its branch of the association; the clans' list from the center.
  const byCenter = data.village === null;
  const chief = byCenter
    ? ['TM. TRUNG TÂM HỌC TẬP CỘNG ĐỒNG', 'GIÁM ĐỐC']
    : ['TM. CHI HỘI KHUYẾN HỌC', 'CHI HỘI TRƯỞNG'];
  const issuer = byCenter ? upper(data.center.name) : `CHI HỘI ${upper(data.village!)}`;
  const signers =
    data.kind === 'official' ? [signer(['NGƯỜI LẬP DANH SÁCH']), signer(chief)] : [signer(chief, undefined, true)];
  const body = html`${heading({
    agency: [{ text: `HỘI KHUYẾN HỌC ${upper(data.center.commune)}` }, { text: issuer, bold: true }],
    placeAndDate: `${placeName(data.center.commune)}, ngày ..... tháng ..... năm ${data.year}`,
    title,
    subtitle: listSubtitle(data),
  })}
${data.finalizedAt === null ? html`<p class="draft">${DRAFT_NOTE}</p>` : ''}
${printTable('list', head, rows)}
<p class="count">Tổng số: ${cells.length} ${TITLE_NAMES[data.title].noun}.</p>
${signatures(signers)}`;
  return printDocument(`${title} — ${scope(data)}`, STYLE, body);
}

export async function listToXlsx(data: ProposalListData): Promise<Buffer> {
  const { columns, rows } = table(data);
  const workbook = await newWorkbook(data.generatedAt);
  const widths = columns.map((c) => c.xlsxWidth);
  const sheet = newSheet(workbook, data.kind === 'official' ? 'Danh sách' : 'Công khai', 'portrait', widths, '4:4');
  if (data.finalizedAt === null) sheet.headerFooter.oddHeader = `&R&"Times New Roman,Bold"${DRAFT_NOTE}`;
  addTitle(sheet, listTitle(data), listSubtitle(data), columns.length);
  if (data.finalizedAt === null) addDraftMark(sheet, DRAFT_NOTE, columns.length);
  addHeader(
    sheet,
    columns.map((c) => c.header),
  );
  for (const cells of rows) addBody(sheet, cells, columns);
  return workbookBuffer(workbook);
}

/** Neutralizes spreadsheet formulas (=, +, -, @, tab, CR at the start) and quotes per RFC 4180. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function listToCsv(data: ProposalListData): string {
  const { columns, rows } = table(data);
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((cells) => cells.map((cell) => csvField(cell)))];
  return `\uFEFF${lines.map((fields) => `${fields.join(',')}\r\n`).join('')}`;
}

/**
 * The workbook of past recognitions (issue 24): the template an officer downloads, and each row of
 * a filled-in copy read back as a recognition or as the stable codes of what is wrong with it.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../../../shared/errors.ts';
import { foldVietnamese } from '../../../../shared/domain/search.ts';
import { isCleanText } from '../../../../shared/schemas/text.ts';
import type { HistoryKind, HistoryProblem } from '../../../../shared/schemas/history.ts';
import { addHeader, addTitle, FONT, newSheet, newWorkbook, workbookBuffer } from '../../print/workbook.ts';

type Field = 'kind' | 'name' | 'birthYear' | 'village' | 'year' | 'number' | 'signedOn' | 'issuer';

/** The template's columns, in order: header as written, width. */
export const HISTORY_COLUMNS: { field: Field; header: string; width: number }[] = [
  { field: 'kind', header: 'Loại', width: 14 },
  { field: 'name', header: 'Họ và tên hoặc tên', width: 28 },
  { field: 'birthYear', header: 'Năm sinh', width: 10 },
  { field: 'village', header: 'Thôn', width: 20 },
  { field: 'year', header: 'Năm công nhận', width: 12 },
  { field: 'number', header: 'Số quyết định', width: 18 },
  { field: 'signedOn', header: 'Ngày quyết định', width: 14 },
  { field: 'issuer', header: 'Cơ quan ban hành', width: 28 },
];

/** What "Loại" may say (folded), and the kind each means. */
const KINDS: Record<string, HistoryKind> = {
  'ca nhan': 'person',
  'cong dan hoc tap': 'person',
  'ho gia dinh': 'household',
  'gia dinh': 'household',
  'gia dinh hoc tap': 'household',
  'dong ho': 'clan',
  'dong ho hoc tap': 'clan',
  thon: 'community',
  'cong dong': 'community',
  'cong dong hoc tap': 'community',
  'don vi': 'unit',
  'don vi hoc tap': 'unit',
};

/** The template: a title, a how-to line, the header and one example row of each kind. */
export async function historyTemplate(generatedAt: string, villages: readonly string[]): Promise<Buffer> {
  const book = await newWorkbook(generatedAt);
  const sheet = newSheet(
    book,
    'Công nhận 2021-2025',
    'landscape',
    HISTORY_COLUMNS.map((c) => c.width),
  );
  addTitle(
    sheet,
    'DANH SÁCH ĐÃ ĐƯỢC CÔNG NHẬN CÁC NĂM 2021–2025',
    'Loại: Cá nhân, Hộ gia đình, Dòng họ, Thôn, Đơn vị. Hộ gia đình: tên và năm sinh của chủ hộ. Ngày quyết định: ngày/tháng/năm.',
    HISTORY_COLUMNS.length,
  );
  addHeader(
    sheet,
    HISTORY_COLUMNS.map((c) => c.header),
  );
  const village = villages[0] ?? '';
  for (const example of [
    ['Cá nhân', 'Nguyễn Thị Lan', 1962, village, 2024, '15/QĐ-UBND', '20/12/2024', 'UBND xã'],
    ['Hộ gia đình', 'Trần Văn Minh', 1958, village, 2024, '16/QĐ-UBND', '20/12/2024', 'UBND xã'],
  ]) {
    const row = sheet.addRow(example);
    row.font = { ...FONT, italic: true, color: { argb: 'FF7F7F7F' } };
  }
  return workbookBuffer(book);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell holds the date as typed, as if at midnight UTC.
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(value.getUTCDate())}/${p(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return String(value);
}

/** The first sheet's rows as text (trimmed), by row number. */
async function readRows(bytes: Uint8Array): Promise<{ line: number; cells: string[] }[]> {
  // exceljs is large (about 28 MB once loaded): loaded when a file comes, not on every start of the box.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('history.import-unreadable');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('history.import-unreadable');
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(sheet.columnCount, HISTORY_COLUMNS.length); c++)
      cells.push(cellText(row.getCell(c).value).replace(/\s+/g, ' ').trim());
    rows.push({ line, cells });
  });
  return rows;
}

/** One row as the file says it, before it is checked against what the hub knows. */
export interface SheetRow {
  line: number;
  kind: HistoryKind | null;
  name: string;
  birthYear: number | null;
  village: string;
  year: number | null;
  number: string;
  signedOn: string | null;
  issuer: string;
  problems: HistoryProblem[];
}

const whole = (s: string): number | null => (/^\d{4}$/.test(s) ? Number(s) : null);

/** dd/mm/yyyy (or d/m/yyyy, or yyyy-mm-dd) as an ISO date, when it is a real date. */
export function parseDate(s: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) ?? null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, mo, d] = m ? [m[3], m[2], m[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !mo || !d) return null;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === date ? date : null;
}

/**
 * Reads the workbook: its header row must hold the template's columns (history.import-columns,
 * naming those missing), and each row after it is read with the problems its own cells show.
 */
export async function readHistorySheet(bytes: Uint8Array): Promise<SheetRow[]> {
  const rows = await readRows(bytes);
  const wanted = HISTORY_COLUMNS.map((c) => foldVietnamese(c.header));
  const headerAt = rows.findIndex((r) => r.cells.some((c) => wanted.includes(foldVietnamese(c))));
  const header = headerAt === -1 ? [] : rows[headerAt]!.cells.map((c) => foldVietnamese(c));
  const missing = HISTORY_COLUMNS.filter((c, i) => !header.includes(wanted[i]!)).map((c) => c.header);
  if (missing.length > 0) throw new AppError('history.import-columns', { missing });
  const at = (cells: string[], field: Field) =>
    cells[header.indexOf(foldVietnamese(HISTORY_COLUMNS.find((c) => c.field === field)!.header))] ?? '';
  return rows
    .slice(headerAt + 1)
    .filter((r) => r.cells.some((c) => c !== ''))
    .map(({ line, cells }) => {
      const problems: HistoryProblem[] = [];
      const kind = KINDS[foldVietnamese(at(cells, 'kind'))] ?? null;
      if (!kind) problems.push('kind-unknown');
      const name = at(cells, 'name');
      if (name === '') problems.push('name-missing');
      const birthText = at(cells, 'birthYear');
      const birthYear = whole(birthText);
      const year = whole(at(cells, 'year'));
      const signedOn = parseDate(at(cells, 'signedOn'));
      if (signedOn === null) problems.push('date-invalid');
      const number = at(cells, 'number');
      if (number === '') problems.push('number-missing');
      const issuer = at(cells, 'issuer');
      if (issuer === '') problems.push('issuer-missing');
      if (birthText !== '' && birthYear === null) problems.push('birth-year-invalid');
      if ((kind === 'person' || kind === 'household') && birthYear === null && !problems.includes('birth-year-invalid'))
        problems.push('birth-year-invalid');
      const village = at(cells, 'village');
      if (cells.some((c) => !isCleanText(c)) || [name, number, issuer, village].some((s) => s.length > 200))
        problems.push('text-invalid');
      return { line, kind, name, birthYear, village, year, number, signedOn, issuer, problems };
    });
}

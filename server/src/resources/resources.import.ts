import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import * as v from 'valibot';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/errors.ts';
import { foldVietnamese } from '../../../shared/domain/search.ts';
import {
  formatVietnamDateTime,
  fromVietnamWallClock,
  parseVietnamDateTime,
} from '../../../shared/domain/vietnam-time.ts';
import { ResourceInputSchema, type ResourceInput, type ResourceKind } from '../../../shared/schemas/resource.ts';
import { TEXT_INVALID } from '../../../shared/schemas/text.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { feedResourceChange, placeOf, type PlaceConfig } from './resources.feed.ts';
import { insertResource, latestVersion } from './resources.repository.ts';

/**
 * Imports a spreadsheet (.xlsx or .csv) of learning resources, one per row under a header row:
 * every row is checked first, and either all are added (one transaction) or none, with every bad
 * row named with what is wrong with it.
 */

/** Header (folded) → field. Vietnamese headers as a facilitator would write them. */
const COLUMNS: Record<string, keyof Row> = {
  loai: 'kind',
  'tieu de': 'title',
  ten: 'title',
  'chu de': 'topic',
  'mo ta': 'description',
  'chi so': 'indicators',
  'linh vuc so': 'domains',
  'doi tuong': 'audiences',
  'nguoi day': 'teacher',
  'noi hoc': 'place',
  'cac buoi': 'sessions',
  'duong dan': 'url',
};
interface Row {
  kind: string;
  title: string;
  topic: string;
  description: string;
  indicators: string;
  domains: string;
  audiences: string;
  teacher: string;
  place: string;
  sessions: string;
  url: string;
}

const KINDS: Record<string, ResourceKind> = {
  'lop hoc': 'class',
  lop: 'class',
  class: 'class',
  'tai lieu in': 'printed',
  printed: 'printed',
  video: 'video',
  'tai lieu': 'document',
  document: 'document',
  'duong dan': 'link',
  'trang mang': 'link',
  link: 'link',
};

const list = (s: string): string[] =>
  s
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell holds the wall-clock time as if it were UTC: written back as typed.
  if (value instanceof Date) return formatVietnamDateTime(fromVietnamWallClock(value).toISOString());
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  return String(value).trim();
}

async function readSheet(bytes: Uint8Array, type: 'xlsx' | 'csv'): Promise<string[][]> {
  // exceljs is large (about 28 MB once loaded): loaded when a sheet is made, not on every start of the box.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    if (type === 'xlsx') await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    else
      await book.csv.read(
        Readable.from([
          Buffer.from(bytes)
            .toString('utf8')
            .replace(/^\uFEFF/, ''),
        ]),
      );
  } catch {
    throw new AppError('resource.import-unreadable');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('resource.import-unreadable');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(sheet.columnCount, 1); c++) cells.push(cellText(row.getCell(c).value));
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The column a field is read from, as the facilitator's header names it. */
const HEADERS: Partial<Record<keyof Row, string>> = {
  kind: 'Loại',
  title: 'Tiêu đề',
  topic: 'Chủ đề',
  description: 'Mô tả',
  indicators: 'Chỉ số',
  domains: 'Lĩnh vực số',
  audiences: 'Đối tượng',
  teacher: 'Người dạy',
  place: 'Nơi học',
  sessions: 'Các buổi',
  url: 'Đường dẫn',
};

/** A schema issue as the row's problem; the shared text rule's is said in Vietnamese, naming the column. */
function problemOf(path: string, message: string): string {
  if (message !== TEXT_INVALID) return `${path}: ${message}`.replace(/^: /, '');
  const column = HEADERS[path.split('.')[0] as keyof Row] ?? path;
  return `${column}: có ký tự ẩn (ký tự điều khiển hoặc đổi chiều chữ, thường do dán từ nơi khác) (${TEXT_INVALID})`;
}

/** One row as a resource, or what is wrong with it. */
function parseRow(
  header: (keyof Row | undefined)[],
  cells: string[],
): { input: ResourceInput } | { problems: string[] } {
  const row = Object.fromEntries(
    header.map((h, i) => [h, cells[i] ?? '']).filter(([h]) => h !== undefined),
  ) as Partial<Row>;
  const problems: string[] = [];
  const kind = KINDS[foldVietnamese(row.kind ?? '')];
  if (!kind) problems.push(`Loại "${row.kind ?? ''}" không rõ (Lớp học, Tài liệu in, Video, Tài liệu, Đường dẫn)`);
  const sessions = list(row.sessions ?? '').map((s) => ({ text: s, at: parseVietnamDateTime(s) }));
  for (const s of sessions.filter((x) => x.at === null))
    problems.push(`Buổi học "${s.text}" phải viết dạng ngày/tháng/năm giờ:phút`);
  const candidate = {
    kind: kind ?? 'printed',
    title: row.title ?? '',
    topic: row.topic ?? '',
    description: row.description ?? '',
    indicators: list(row.indicators ?? '').map((x) => x.toUpperCase()),
    domains: list(row.domains ?? ''),
    audiences: list(row.audiences ?? ''),
    ...(row.teacher ? { teacher: row.teacher } : {}),
    ...(row.place ? { place: row.place } : {}),
    sessions: sessions.filter((s) => s.at !== null).map((s) => ({ startsAt: s.at! })),
    ...(row.url ? { url: row.url } : {}),
  };
  const parsed = v.safeParse(ResourceInputSchema, candidate);
  if (!parsed.success)
    for (const issue of parsed.issues) problems.push(problemOf(v.getDotPath(issue) ?? '', issue.message));
  return problems.length > 0 || !parsed.success ? { problems } : { input: parsed.output };
}

export async function importResources(
  deps: { db: Db; now: () => Date; config: PlaceConfig },
  actor: Actor,
  bytes: Uint8Array,
  type: 'xlsx' | 'csv',
): Promise<{ imported: number }> {
  const rows = await readSheet(bytes, type);
  const headerAt = rows.findIndex((r) => r.some((c) => COLUMNS[foldVietnamese(c)] === 'title'));
  if (headerAt === -1) throw new AppError('resource.import-unreadable');
  const header = rows[headerAt]!.map((c) => COLUMNS[foldVietnamese(c)]);
  const inputs: ResourceInput[] = [];
  const bad: { row: number; problems: string[] }[] = [];
  rows.forEach((cells, i) => {
    if (i <= headerAt || cells.every((c) => c === '')) return;
    const result = parseRow(header, cells);
    if ('problems' in result) bad.push({ row: i + 1, problems: result.problems });
    else inputs.push(result.input);
  });
  if (bad.length > 0) throw new AppError('resource.import-invalid', { rows: bad });
  const at = deps.now().toISOString();
  const place = placeOf(deps.config);
  await deps.db.transaction().execute(async (trx) => {
    let version = await latestVersion(trx);
    for (const input of inputs) {
      // Added as this place's own (a hub's then go down its feed).
      const row = {
        id: uuidv7(),
        origin: place,
        revision: 1,
        version: ++version,
        retired: 0,
        payload: JSON.stringify(input),
        updated_at: at,
        updated_by: actor.id,
      };
      await insertResource(trx, row);
      await feedResourceChange(trx, place, row, at);
    }
    await audit(
      trx,
      actor,
      { action: 'resource.import', subjectKind: 'resource', details: { rows: inputs.length } },
      at,
    );
  });
  return { imported: inputs.length };
}

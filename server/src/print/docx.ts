/**
 * The print kit's Word side (.docx through the `docx` package): the same parts as document.ts —
 * the administrative heading, paragraphs, bordered tables whose rows never split and whose header
 * repeats, Nơi nhận beside the signer block — in Times New Roman 13 pt on A4, so that a commune
 * office opens the paper in Word and adjusts it. A draft carries "DỰ THẢO" in every page's header.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx';
import type { Closing } from './document.ts';

/** Half-points: 13 pt. */
const SIZE = 26;
const FONT = 'Times New Roman';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Points. */
  size?: number;
}

export interface ParaOptions extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent, millimetres. */
  indent?: number;
  /** Space after, points. */
  after?: number;
  before?: number;
  /** Keep with the next paragraph on the same page. */
  keepNext?: boolean;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};
const twips = (mm: number): number => Math.round((mm / 25.4) * 1440);

export const run = (text: string, s: RunStyle = {}): TextRun =>
  new TextRun({ text, bold: s.bold, italics: s.italics, size: s.size ? s.size * 2 : undefined, font: FONT });

/** A paragraph of one text or of runs; the runs take `o`'s bold, italics and size when given as text. */
export function para(content: string | readonly ParagraphChild[], o: ParaOptions = {}): Paragraph {
  return new Paragraph({
    children: typeof content === 'string' ? [run(content, o)] : [...content],
    alignment: ALIGN[o.align ?? 'left'],
    indent: o.indent ? { firstLine: twips(o.indent) } : undefined,
    spacing: { after: (o.after ?? 0) * 20, before: (o.before ?? 0) * 20 },
    keepNext: o.keepNext,
    keepLines: true,
  });
}

const cell = (children: Paragraph[], percent: number, borders = true): TableCell =>
  new TableCell({
    children: children.length ? children : [para('')],
    width: { size: percent, type: WidthType.PERCENTAGE },
    ...(borders ? {} : { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } }),
  });

/** Two columns without borders (the heading, Nơi nhận beside the signer), one row that never splits. */
export function sideBySide(left: Paragraph[], right: Paragraph[], leftPercent: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [cell(left, leftPercent, false), cell(right, 100 - leftPercent, false)],
      }),
    ],
  });
}

/** Nơi nhận beside the signer, as closingHtml prints it (print/document.ts). */
export function docxClosing(c: Closing): Table {
  return sideBySide(
    [
      para('Nơi nhận:', { bold: true, italics: true, size: 12 }),
      ...c.recipients.map((r) => para(`- ${r}`, { size: 11 })),
    ],
    [
      para(c.signerLines[0], { bold: true, align: 'center' }),
      para(c.signerLines[1], { bold: true, align: 'center', after: 70 }),
      para(c.signerName, { bold: true, align: 'center' }),
    ],
    50,
  );
}

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** The heading of an administrative document: agency and number at left, nation, motto, place and date at right. */
export function docxHeading(h: { agency: readonly string[]; number: string; placeAndDate: string }): Table {
  const c = { align: 'center' as const, size: 12.5 };
  return sideBySide(
    [
      ...h.agency.map((a) => para(a, { ...c, bold: true })),
      para('———', { ...c, after: 6 }),
      para(h.number, { ...c, size: 13 }),
    ],
    [
      para(NATION, { ...c, bold: true }),
      para(MOTTO, { ...c, bold: true, size: 13 }),
      para('———', { ...c, after: 6 }),
      para(h.placeAndDate, { ...c, italics: true, size: 13 }),
    ],
    42,
  );
}

/** A bordered table: a header row repeated on every page, rows that never split. */
export function docxTable(columns: readonly string[], widths: readonly number[], rows: readonly string[][]): Table {
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((text, i) =>
        cell([para(text, { bold: header, size: 12, align: header || i === 0 ? 'center' : 'left' })], widths[i] ?? 10),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(columns, true), ...rows.map((r) => row(r, false))],
  });
}

/** A page break before what follows. */
export const pageBreak = (): Paragraph => new Paragraph({ children: [new PageBreak()] });

/** The whole .docx: A4 portrait, the print margins of print.css.ts, "DỰ THẢO" at the top of each page of a draft. */
export async function docxFile(children: FileChild[], draft: boolean): Promise<Buffer> {
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(210), height: twips(297) },
            margin: { top: twips(15), right: twips(15), bottom: twips(20), left: twips(20) },
          },
        },
        ...(draft
          ? { headers: { default: new Header({ children: [para('DỰ THẢO', { bold: true, align: 'right' })] }) } }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

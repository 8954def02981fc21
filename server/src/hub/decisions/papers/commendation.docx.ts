/**
 * The commendation proposal and its list as a .docx the commune office edits in Word
 * (print/docx.ts): the same parts, in the same words, as the A4 print (commendation.html.ts).
 */
import { docxFile, docxHeading, docxTable, pageBreak, para, docxClosing } from '../../../print/docx.ts';
import { commendCells, type CommendationPaper } from './commendation.ts';

const WIDTHS = { cdht: [7, 36, 12, 25, 20], models: [7, 46, 27, 20] };

export async function commendationDocx(paper: CommendationPaper): Promise<Buffer> {
  const closing = docxClosing(paper);
  const groups = paper.annex.groups.flatMap((g) => [
    para(g.heading, { bold: true, before: 8, after: 4, keepNext: true }),
    g.rows.length === 0
      ? para('Không có.', { italics: true, indent: 10 })
      : docxTable(
          g.columns,
          g.title === 'cdht' ? WIDTHS.cdht : WIDTHS.models,
          g.rows.map((row, i) => commendCells(g, row, i)),
        ),
  ]);
  return docxFile(
    [
      docxHeading({ agency: paper.agency, number: paper.number, placeAndDate: paper.placeAndDate }),
      para(paper.heading, { bold: true, align: 'center', size: 14, before: 18 }),
      para(paper.subject, { bold: true, align: 'center', after: 8 }),
      para(paper.addressee, { align: 'center', after: 8 }),
      ...paper.bases.map((b) => para(b, { italics: true, indent: 10, align: 'justify', after: 3 })),
      ...paper.body.map((b, i) =>
        para(b, {
          indent: 10,
          align: 'justify',
          after: 6,
          before: i === 0 ? 6 : 0,
          keepNext: i === paper.body.length - 1,
        }),
      ),
      closing,
      pageBreak(),
      para(paper.annex.title, { bold: true, align: 'center', size: 14 }),
      para(paper.annex.subtitle, { bold: true, align: 'center' }),
      para(paper.annex.attachedTo, { italics: true, align: 'center', after: 8 }),
      ...groups,
    ],
    false,
  );
}

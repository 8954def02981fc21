/**
 * A decision and its attached list as a .docx the commune office edits in Word (print/docx.ts):
 * the same parts, in the same words, as the A4 print (decision-paper.html.ts).
 */
import { docxFile, docxHeading, docxTable, pageBreak, para, run, docxClosing } from '../../../print/docx.ts';
import { rowCells, type DecisionPaper } from './decision-paper.ts';

const WIDTHS = { cdht: [7, 33, 11, 23, 12, 14], models: [7, 43, 25, 25] };

export async function decisionDocx(paper: DecisionPaper): Promise<Buffer> {
  const closing = docxClosing(paper);
  const widths = paper.title === 'cdht' ? WIDTHS.cdht : WIDTHS.models;
  return docxFile(
    [
      docxHeading({ agency: paper.agency, number: paper.number, placeAndDate: paper.placeAndDate }),
      para(paper.heading, { bold: true, align: 'center', size: 14, before: 18 }),
      para(paper.subject, { bold: true, align: 'center', after: 12 }),
      para(paper.issuer.toLocaleUpperCase('vi'), { bold: true, align: 'center', after: 8 }),
      ...paper.bases.map((b) => para(b, { italics: true, indent: 10, align: 'justify', after: 3 })),
      para('QUYẾT ĐỊNH:', { bold: true, align: 'center', before: 8, after: 6 }),
      ...paper.articles.map((a, i) =>
        para([run(`Điều ${i + 1}. `, { bold: true }), run(a)], {
          indent: 10,
          align: 'justify',
          after: 6,
          keepNext: i === paper.articles.length - 1,
        }),
      ),
      closing,
      pageBreak(),
      para(paper.annex.title, { bold: true, align: 'center', size: 14 }),
      para(paper.annex.subtitle, { bold: true, align: 'center' }),
      para(paper.annex.attachedTo, { italics: true, align: 'center', after: 8 }),
      docxTable(
        paper.annex.columns,
        widths,
        paper.annex.rows.map((row, i) => rowCells(paper, row, i)),
      ),
    ],
    paper.draft,
  );
}

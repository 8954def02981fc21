/**
 * The commendation proposal's list as a workbook (print/workbook.ts): one A4 sheet per title, its
 * rows numbered, the same columns and words as the list of the print and the .docx.
 */
import type { DecisionTitle } from '../../../../../shared/schemas/decision.ts';
import { addNumberedRows, newWorkbook, tableSheet, workbookBuffer, type XColumn } from '../../../print/workbook.ts';
import { commendCells, type CommendationPaper } from './commendation.ts';

const SHEET_NAMES: Record<DecisionTitle, string> = {
  cdht: 'Công dân học tập',
  gdht: 'Gia đình học tập',
  dhht: 'Dòng họ học tập',
  cddht: 'Cộng đồng học tập',
  dvht: 'Đơn vị học tập',
};

const WIDTHS = { cdht: [6, 32, 10, 28, 20], models: [6, 42, 30, 20] };

export async function commendationXlsx(paper: CommendationPaper, generatedAt: string): Promise<Buffer> {
  const workbook = await newWorkbook(generatedAt);
  for (const g of paper.annex.groups) {
    const widths = g.title === 'cdht' ? WIDTHS.cdht : WIDTHS.models;
    const last = g.columns.length - 1;
    const columns: XColumn[] = g.columns.map((header, i) => ({
      header,
      width: widths[i] ?? 12,
      align: i === 0 || i === last ? 'center' : 'left',
    }));
    const sheet = tableSheet(workbook, {
      name: SHEET_NAMES[g.title],
      orientation: 'portrait',
      title: g.heading,
      subtitle: `${paper.annex.subtitle} ${paper.annex.attachedTo}`,
      columns,
      headerHeight: 32,
    });
    // The number column is added by addNumberedRows: the cells after it, as the list gives them.
    addNumberedRows(
      sheet,
      columns,
      g.rows.map((row, i) => commendCells(g, row, i).slice(1)),
      { empty: 'Không có.' },
    );
  }
  return workbookBuffer(workbook);
}

/**
 * The print style of the documents: A4, black on white, Times New Roman at 13 pt as administrative
 * documents are printed, the heading's layout, table rows never split across pages, and the
 * signature block kept with what it signs. Each document adds the rules of its own tables.
 */

/** One column of portrait pages. */
export const PORTRAIT = {
  pages: '',
  body: 'margin: 0 auto; max-width: 175mm; padding: 8mm 0;',
  layout: '@media print { body { max-width: none; padding: 0; } }',
};

/** Sections of portrait and landscape ("wide") pages, as the yearly report's wide tables need. */
export const SECTIONS = {
  pages: '@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 20mm; }\n',
  body: 'margin: 0; padding: 8mm 4mm;',
  layout: `.portrait { max-width: 175mm; margin: 0 auto; }
.wide { max-width: 262mm; margin: 0 auto; page: wide; }
@media print { body { padding: 0; } .portrait, .wide { max-width: none; } }`,
};

/** The administrative heading (print/document.ts `heading`): agency, national motto, place and date, title. */
const HEADING = `p { margin: 0; }
.b { font-weight: bold; }
.i { font-style: italic; }
.heading { width: 100%; border-collapse: collapse; font-size: 12.5pt; }
.heading td { vertical-align: top; text-align: center; padding: 0; }
.heading .org { width: 42%; }
.heading .nation { width: 58%; }
.rule { width: 30%; margin: 2pt auto 0; border-top: 1px solid #000; }
.motto { display: inline-block; font-size: 13pt; padding-bottom: 1pt; border-bottom: 1px solid #000; }
.place { padding-top: 8pt !important; }
h1 { font-size: 14pt; text-align: center; margin: 20pt 0 2pt; }
.subtitle { text-align: center; font-style: italic; }`;

/** Table rows, the closing count and the signatures (print/document.ts `signer`). */
const CLOSING = `thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
.count { margin-top: 6pt; break-before: avoid; page-break-before: avoid; }
.signatures { display: flex; justify-content: space-between; padding-top: 14pt; break-inside: avoid;
  page-break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.sign { width: 45%; text-align: center; }
.sign.alone { margin-left: auto; }
.sign .space { height: 28mm; }`;

/** The whole style sheet of a document on `layout`, with the rules of its own content. */
export function documentStyle(layout: typeof PORTRAIT, content: string): string {
  return `
@page { size: A4; margin: 15mm 15mm 20mm 20mm; }
${layout.pages}* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { ${layout.body} color: #000; background: #fff;
  font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.3; }
${layout.layout}
${HEADING}
${content}
${CLOSING}
`;
}

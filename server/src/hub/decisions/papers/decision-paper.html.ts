/**
 * A decision and its attached list as an A4 print on the print kit: the administrative heading,
 * the bases and articles, Nơi nhận beside the signer block (kept with the last article), then the
 * list on its own pages (rows never split, header repeated); a draft says "DỰ THẢO" on every page.
 */
import { closingHtml, heading, printDocument, table, td, th, tr } from '../../../print/document.ts';
import { html, lines, type Html } from '../../../print/html.ts';
import { documentStyle, PORTRAIT } from '../../../print/print.css.ts';
import { rowCells, type DecisionPaper } from './decision-paper.ts';

const CSS = `.subtitle { font-weight: bold; font-style: normal; }
.issuer { text-align: center; font-weight: bold; margin: 14pt 0 8pt; }
.bases p { font-style: italic; text-indent: 10mm; text-align: justify; margin-bottom: 3pt; }
.decides { text-align: center; font-weight: bold; margin: 10pt 0 6pt; }
.article { text-indent: 10mm; text-align: justify; margin-bottom: 6pt; }
.article.last { break-after: avoid; page-break-after: avoid; }
.recipients { width: 50%; font-size: 11pt; }
.recipients p { margin: 0; }
.recipients .b { font-style: italic; font-size: 12pt; }
.sign .name { font-weight: bold; }
.annex { break-before: page; page-break-before: always; }
.annex h1 { margin-top: 0; }
.annex .attached { text-align: center; font-style: italic; margin-bottom: 8pt; }
.list { width: 100%; border-collapse: collapse; font-size: 12pt; }
.list th, .list td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; }
.list .center { text-align: center; }
.list .num { text-align: right; }
.draft-mark { position: fixed; top: 40%; left: 0; width: 100%; text-align: center; margin: 0;
  font-size: 80pt; font-weight: bold; letter-spacing: 4pt; color: rgba(0, 0, 0, 0.13);
  transform: rotate(-30deg); pointer-events: none; }`;

const STYLE = documentStyle(PORTRAIT, CSS);

/** Column classes of the list: STT and the marks centred, scores right. */
function cellClass(column: number, paper: DecisionPaper): string | undefined {
  const cdht = paper.title === 'cdht';
  if (column === 0) return 'center';
  if (cdht && (column === 2 || column === 5)) return 'center';
  if (cdht && column === 4) return 'num';
  return undefined;
}

const WIDTHS = { cdht: [7, 33, 11, 23, 12, 14], models: [7, 43, 25, 25] };

/** The attached list: its title, what it is attached to, and one row per person or subject. */
export function annexHtml(paper: DecisionPaper): Html {
  const widths = paper.title === 'cdht' ? WIDTHS.cdht : WIDTHS.models;
  const head = tr(paper.annex.columns.map((c, i) => th(c, widths[i])));
  const rows = paper.annex.rows.map((row, i) =>
    tr(rowCells(paper, row, i).map((cell, c) => td(cell, cellClass(c, paper)))),
  );
  return html`<section class="annex">
<h1>${paper.annex.title}</h1>
<p class="subtitle">${paper.annex.subtitle}</p>
<p class="attached">${paper.annex.attachedTo}</p>
${table('list', head, rows, paper.title)}
</section>`;
}

export function decisionHtml(paper: DecisionPaper): string {
  const bases = lines(paper.bases.map((b) => html`<p>${b}</p>`));
  const articles = lines(
    paper.articles.map(
      (a, i) => html`<p class="${i === 2 ? 'article last' : 'article'}"><span class="b">Điều ${i + 1}.</span> ${a}</p>`,
    ),
  );
  const mark = paper.draft ? html`<p class="draft-mark" data-draft>DỰ THẢO</p>` : '';
  const body = html`${mark}
${heading({
  agency: [
    { text: paper.agency[0], bold: true },
    { text: paper.agency[1], bold: true },
  ],
  number: paper.number,
  placeAndDate: paper.placeAndDate,
  title: paper.heading,
  subtitle: paper.subject,
})}
<p class="issuer">${paper.issuer.toLocaleUpperCase('vi')}</p>
<div class="bases">${bases}</div>
<p class="decides">QUYẾT ĐỊNH:</p>
${articles}
${closingHtml(paper)}
${annexHtml(paper)}`;
  return printDocument(`${paper.heading} ${paper.number}`, STYLE, body);
}

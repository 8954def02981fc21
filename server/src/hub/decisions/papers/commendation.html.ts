/**
 * The commendation proposal and its list as an A4 print on the print kit: the administrative
 * heading, the addressee, bases and body, Nơi nhận beside the signer block (kept with the last
 * paragraph), then the list on its own pages, one table per title (rows never split, header repeated).
 */
import { closingHtml, emptyRow, heading, printDocument, table, td, th, tr } from '../../../print/document.ts';
import { html, lines, type Html } from '../../../print/html.ts';
import { documentStyle, PORTRAIT } from '../../../print/print.css.ts';
import { commendCells, type CommendationPaper, type CommendGroup } from './commendation.ts';

const CSS = `.subtitle { font-weight: bold; font-style: normal; }
.addressee { text-align: center; margin: 8pt 0; }
.bases p { font-style: italic; text-indent: 10mm; text-align: justify; margin-bottom: 3pt; }
.body p { text-indent: 10mm; text-align: justify; margin-bottom: 6pt; }
.body p:last-child { break-after: avoid; page-break-after: avoid; }
.recipients { width: 50%; font-size: 11pt; }
.recipients p { margin: 0; }
.recipients .b { font-style: italic; font-size: 12pt; }
.sign .name { font-weight: bold; }
.annex { break-before: page; page-break-before: always; }
.annex h1 { margin-top: 0; }
.annex .attached { text-align: center; font-style: italic; margin-bottom: 8pt; }
.annex h2 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
.list { width: 100%; border-collapse: collapse; font-size: 12pt; }
.list th, .list td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; }
.list .center { text-align: center; }`;

const STYLE = documentStyle(PORTRAIT, CSS);
const WIDTHS = { cdht: [7, 36, 12, 25, 20], models: [7, 46, 27, 20] };

function groupHtml(g: CommendGroup): Html {
  const widths = g.title === 'cdht' ? WIDTHS.cdht : WIDTHS.models;
  const head = tr(g.columns.map((c, i) => th(c, widths[i])));
  const last = g.columns.length - 1;
  const rows = g.rows.length
    ? g.rows.map((row, i) =>
        tr(commendCells(g, row, i).map((cell, c) => td(cell, c === 0 || c === last ? 'center' : undefined))),
      )
    : [emptyRow(g.columns.length, 'Không có.')];
  return html`<h2>${g.heading}</h2>
${table('list', head, rows, g.title)}`;
}

export function commendationHtml(paper: CommendationPaper): string {
  const bases = lines(paper.bases.map((b) => html`<p>${b}</p>`));
  const body = lines(paper.body.map((b) => html`<p>${b}</p>`));
  const content = html`${heading({
    agency: [
      { text: paper.agency[0], bold: true },
      { text: paper.agency[1], bold: true },
    ],
    number: paper.number,
    placeAndDate: paper.placeAndDate,
    title: paper.heading,
    subtitle: paper.subject,
  })}
<p class="addressee">${paper.addressee}</p>
<div class="bases">${bases}</div>
<div class="body">${body}</div>
${closingHtml(paper)}
<section class="annex">
<h1>${paper.annex.title}</h1>
<p class="subtitle">${paper.annex.subtitle}</p>
<p class="attached">${paper.annex.attachedTo}</p>
${lines(paper.annex.groups.map(groupHtml))}
</section>`;
  return printDocument(`${paper.heading} ${paper.subject}`, STYLE, content);
}

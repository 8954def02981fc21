/**
 * A report the hub signs as an A4 print on the print kit: the administrative heading, the written
 * sections, Nơi nhận beside the signer block (kept with the last lines), then Phụ lục I (the
 * figures' tables of the yearly report, rows never split) and Phụ lục II (the decisions of the year).
 */
import { closingHtml, emptyRow, heading, printDocument, table, td, th, tr } from '../../../print/document.ts';
import { html, lines, type Html } from '../../../print/html.ts';
import { documentStyle, SECTIONS } from '../../../print/print.css.ts';
import { figuresHtml } from '../report.html.ts';
import { REPORT_CSS } from '../report.parts.ts';
import { ANNEX, decisionRows } from './report-paper.docx.ts';
import type { ReportPaper } from './report-paper.ts';

const CSS = `${REPORT_CSS}
.subtitle { font-weight: bold; font-style: normal; }
.written h2 { font-size: 13pt; }
.text { text-indent: 10mm; text-align: justify; margin-bottom: 4pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.recipients { width: 50%; font-size: 11pt; text-align: left; }
.recipients p { margin: 0; }
.recipients .b { font-style: italic; font-size: 12pt; }
.sign .name { font-weight: bold; }
.annex-start { break-before: page; page-break-before: always; }
.annex-title { text-align: center; font-weight: bold; font-size: 14pt; margin: 0; }
.attached { text-align: center; font-style: italic; margin: 2pt 0 8pt; }`;
const STYLE = documentStyle(SECTIONS, CSS);

const annexHead = (title: string, p: ReportPaper): Html =>
  html`<div class="annex-start">${title.split('\n').map((l) => html`<p class="annex-title">${l}</p>`)}
<p class="attached">${p.attachedTo}</p></div>`;

/**
 * The written sections; the very last paragraph is held out to go with the signer block in one
 * block that never splits (print engines do not always honour "avoid a break after" between two
 * elements).
 */
function writtenHtml(p: ReportPaper): { body: Html; last: Html | '' } {
  const paras = p.sections.map((s) => s.text.split('\n').filter((l) => l.trim().length > 0));
  const final = paras.flat().length > 0 ? paras.findLastIndex((x) => x.length > 0) : -1;
  const last = final < 0 ? '' : html`<p class="text">${paras[final]!.at(-1)!}</p>`;
  const parts = p.sections.map((s, i) => {
    const shown = i === final ? paras[i]!.slice(0, -1) : paras[i]!;
    return html`<h2 data-section="${s.key}">${s.heading}</h2>
${lines(shown.map((l) => html`<p class="text">${l}</p>`))}`;
  });
  return { body: html`<div class="written">${lines(parts)}</div>`, last };
}

function decisionsHtml(p: ReportPaper): Html {
  const rows = decisionRows(p);
  const body = rows.length
    ? rows.map((row) => tr(row.map((cell, c) => td(cell, c === 0 || c === 2 ? 'center' : c === 4 ? 'num' : undefined))))
    : [emptyRow(ANNEX.decisionColumns.length, ANNEX.none)];
  const widths = [7, 20, 14, 24, 15, 20];
  return html`<section class="portrait">
${annexHead(ANNEX.decisions(p), p)}
${table('grid', tr(ANNEX.decisionColumns.map((c, i) => th(c, widths[i]))), body)}
</section>`;
}

export function reportPaperHtml(p: ReportPaper): string {
  const written = writtenHtml(p);
  const body = html`<section class="portrait">
${heading({
  agency: p.agency.map((text) => ({ text, bold: true })),
  number: p.number,
  placeAndDate: p.placeAndDate,
  title: p.title,
  subtitle: p.subject,
})}
${written.body}
<div class="keep">${written.last}
${closingHtml(p)}</div>
</section>
${figuresHtml(p.report, annexHead(ANNEX.figures(p), p), '')}
${decisionsHtml(p)}`;
  return printDocument(`${p.title} ${p.number}`, STYLE, body);
}

/**
 * The A4 documents the box and the hub print (proposal lists, the yearly report, the public list,
 * a person's data): the page frame, the heading of a Vietnamese administrative document (agency,
 * national motto, place and date, title), tables and the signature block, each written once on the
 * escaping template of html.ts.
 */
import { html, lines, raw, type Content, type Html } from './html.ts';

/** A whole HTML document: its title, its style sheet (print.css.ts) and its body. */
export function printDocument(title: string, style: string, body: Html): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(style)}</style>
</head>
<body>
${body}
</body>
</html>
`.toString();
}

export interface Heading {
  /** The issuing agency's lines, top to bottom; the last in bold names the issuer. */
  agency: readonly { text: string; bold?: boolean }[];
  /** The document's number ("Số: ..../BC-UBND") under the agency, in the place line's style; absent, a bare cell. */
  number?: string;
  /** "Tân Lập, ngày 05 tháng 3 năm 2026", under the motto. */
  placeAndDate: string;
  title: string;
  subtitle: string;
}

const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** The heading of an administrative document (Nghị định 30/2020/NĐ-CP), then its title and subtitle. */
export function heading(h: Heading): Html {
  const agency = lines(
    h.agency.map((line) => (line.bold ? html`<p class="b">${line.text}</p>` : html`<p>${line.text}</p>`)),
  );
  const number = h.number === undefined ? html`<td></td>` : html`<td class="place">${h.number}</td>`;
  return html`<table class="heading">
<tr>
<td class="org">${agency}<div class="rule"></div></td>
<td class="nation"><p class="b">${NATION}</p>
<p class="b motto">${MOTTO}</p></td>
</tr>
<tr>${number}<td class="place i">${h.placeAndDate}</td></tr>
</table>
<h1>${h.title}</h1>
<p class="subtitle">${h.subtitle}</p>`;
}

/** One signer: the title lines in bold, the hint in italics, and room to sign and stamp. */
export function signer(titles: readonly string[], hint = '(Ký, ghi rõ họ tên)', alone = false): Html {
  const cls = alone ? 'sign alone' : 'sign';
  const names = titles.map((t) => html`<p class="b">${t}</p>`);
  return html`<div class="${cls}">${names}<p class="i">${hint}</p><div class="space"></div></div>`;
}

/** An administrative document's close: who receives it (Nơi nhận) and who signs (title lines and name). */
export interface Closing {
  recipients: readonly string[];
  signerLines: readonly [string, string];
  signerName: string;
}

/** Nơi nhận at the left, the signer at the right (decisions, proposals, reports). */
export function closingHtml(c: Closing): Html {
  const recipients = lines(c.recipients.map((r) => html`<p>- ${r}</p>`));
  return html`<div class="signatures">
<div class="recipients"><p class="b">Nơi nhận:</p>
${recipients}</div>
<div class="sign"><p class="b">${c.signerLines[0]}</p><p class="b">${c.signerLines[1]}</p>
<div class="space"></div><p class="name">${c.signerName}</p></div>
</div>`;
}

/** The signers side by side at the end of the document. */
export const signatures = (signers: readonly Html[]): Html => html`<div class="signatures">${signers}</div>`;

/** A header cell, with its share of the table's width in percent when given. */
export const th = (text: string, percent?: number): Html =>
  percent === undefined ? html`<th>${text}</th>` : html`<th style="width:${percent}%">${text}</th>`;

/** A body cell; `cls` is its class ("num", "center", ...). */
export const td = (content: Content, cls?: string): Html =>
  cls ? html`<td class="${cls}">${content}</td>` : html`<td>${content}</td>`;

/** A row of cells; `cls` marks it ("total", "current"). */
export const tr = (cells: readonly Html[], cls?: string): Html =>
  cls ? html`<tr class="${cls}">${cells}</tr>` : html`<tr>${cells}</tr>`;

/** The one row of a table with nothing to show, across `span` columns. */
export const emptyRow = (span: number, text: string): Html =>
  html`<tr><td class="empty" colspan="${span}">${text}</td></tr>`;

/** A bordered table: `head` holds its header row(s), `rows` one row each; `model` tags it for the reader. */
export function table(className: string, head: Html, rows: readonly Html[], model?: string): Html {
  const tag =
    model === undefined ? html`<table class="${className}">` : html`<table class="${className}" data-model="${model}">`;
  return html`${tag}
<thead>${head}</thead>
<tbody>
${lines(rows)}
</tbody>
</table>`;
}

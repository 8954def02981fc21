/** Pieces of both the report's HTML files (report.html.ts, report.models.html.ts): the tables' style, the name cell. */
import type { DashboardRow } from '../../../../shared/schemas/dashboard.ts';
import { html, type Html } from '../../print/html.ts';

/** The report's headings and its tables ("grid"), on top of the print kit's page (print.css.ts). */
export const REPORT_CSS = `h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 13pt; font-style: italic; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
.asof { text-align: center; font-size: 11pt; font-style: italic; }
.grid { width: 100%; border-collapse: collapse; margin-top: 6pt; font-size: 12pt; overflow-wrap: break-word; }
.wide .grid { font-size: 10.5pt; }
.grid th, .grid td { border: 1px solid #000; padding: 3pt 3pt; vertical-align: middle; }
.grid th { font-weight: bold; text-align: center; padding: 3pt 2pt; }
.grid td.center { text-align: center; }
.grid td.num { text-align: right; white-space: nowrap; }
.grid td.empty { text-align: center; font-style: italic; padding: 10pt 5pt; }
.grid tr.total td, .grid tr.current td { font-weight: bold; }
.former { display: block; font-size: 9.5pt; font-style: italic; }
.trace p + p { margin-top: 2pt; }
.note { font-style: italic; }`;

/** A place's name, with the names it had before in small type. */
export function nameCell(row: Pick<DashboardRow, 'name' | 'formerNames'>): Html {
  const former = row.formerNames.length
    ? html`<small class="former">(trước đây: ${row.formerNames.join(', ')})</small>`
    : '';
  return html`<td>${row.name}${former}</td>`;
}

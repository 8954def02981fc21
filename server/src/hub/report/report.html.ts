/**
 * The yearly report of the "Công dân học tập" model for a commune (or province) hub — the dashboard
 * computed by the hub, laid out as a Vietnamese administrative report — and the public recognition
 * list, as printable A4 HTML documents on the print kit (server/src/print). With the four other
 * titles' figures (`models`) the report adds section VII (report.models.html.ts). The public list
 * is built from `recognized` alone, reading name and village field by field, so nothing else about
 * a person (birth year, group, score) nor any dashboard figure can reach what is posted publicly.
 */
import {
  countKeys,
  targetMeasures,
  type CenterReporting,
  type DashboardRow,
} from '../../../../shared/schemas/dashboard.ts';
import { emptyRow, heading, printDocument, signatures, signer, table, td, th, tr } from '../../print/document.ts';
import { html, type Html } from '../../print/html.ts';
import { documentStyle, SECTIONS } from '../../print/print.css.ts';
import { SIGNERS } from '../../print/committee.ts';
import { modelsHtml } from './report.models.html.ts';
import { nameCell, REPORT_CSS } from './report.parts.ts';
import {
  asOf,
  COUNT_LABELS,
  DASH,
  daysLeftText,
  fmtCount,
  fmtDate,
  fmtRate,
  isNumber,
  issuer,
  metText,
  NO_DATA,
  NOT_REPORTED,
  onTimeText,
  orderedTargets,
  placeAndDate,
  placeHeader,
  summaryRates,
  POPULATION_LABEL,
  publicEntries,
  publicListTitle,
  RATE_LABELS,
  RATE_SHORT,
  reportingUnit,
  reportSubtitle,
  reportTitle,
  scopeName,
  SECTION,
  showCenters,
  stepText,
  wholeScope,
  type YearReport,
} from './report.words.ts';

export type { YearReport } from './report.words.ts';

const STYLE = documentStyle(SECTIONS, REPORT_CSS);
/** The signer block as configured (documents.signer), the deputy's by default. */
const chair = (r: YearReport): readonly string[] => r.signer ?? SIGNERS.kt;
const CHAIR_HINT = '(Ký tên, đóng dấu)';
const EMPTY_LIST = 'Chưa có người nào trong danh sách.';

function documentHead(r: YearReport, title: string, docNumber: boolean): Html {
  return heading({
    agency: issuer(r).map((text) => ({ text, bold: true })),
    number: docNumber ? 'Số: ........../BC-UBND' : '',
    placeAndDate: placeAndDate(scopeName(r), r.generatedAt, r.dashboard.year),
    title,
    subtitle: reportSubtitle(r),
  });
}

function generalHtml(r: YearReport): Html {
  const total = r.dashboard.total;
  const counts = [
    ...countKeys.map((key) => [COUNT_LABELS[key], fmtCount(total.counts[key])] as const),
    [POPULATION_LABEL, fmtCount(total.population)] as const,
  ].map(([label, value], i) => tr([td(i + 1, 'center'), td(label), td(value, 'num')]));
  const rates = summaryRates(r.dashboard).map(({ label, figure: f }) => {
    return tr([
      td(label),
      td(fmtCount(f.numerator), 'num'),
      td(fmtCount(f.denominator), 'num'),
      td(fmtRate(f.rate), 'num'),
      td(fmtRate(f.target), 'num'),
      td(metText(f.met), 'center'),
    ]);
  });
  return html`<h2>${SECTION.general}</h2>
${table('grid', tr([th('STT', 8), th('Nội dung', 67), th('Số người', 25)]), counts)}
${table(
  'grid',
  tr([
    th('Tỷ lệ', 34),
    th('Số người', 13),
    th('Trên tổng số', 13),
    th('Kết quả', 13),
    th('Chỉ tiêu', 13),
    th('Đánh giá', 14),
  ]),
  rates,
)}`;
}

/** A wide table of rows: STT, name, the seven counts, population and the three rates. */
function rowsTableHtml(r: YearReport, nameHeader: string, rows: DashboardRow[]): Html {
  const span = 2 + countKeys.length + 1 + targetMeasures.length;
  const head = [
    th('STT', 4),
    th(nameHeader, 16),
    ...countKeys.map((key) => th(COUNT_LABELS[key], 6.5)),
    th(POPULATION_LABEL, 7.5),
    ...targetMeasures.map((m) => th(RATE_SHORT[m], 9)),
  ];
  const cells = (row: DashboardRow): Html[] => [
    ...countKeys.map((key) => td(fmtCount(row.counts[key]), 'num')),
    td(fmtCount(row.population), 'num'),
    ...targetMeasures.map((m) => td(fmtRate(row.rates[m].rate), 'num')),
  ];
  const body = rows.length
    ? [
        ...rows.map((row, i) => tr([td(i + 1, 'center'), nameCell(row), ...cells(row)])),
        tr([html`<td></td>`, td(wholeScope(r)), ...cells(r.dashboard.total)], 'total'),
      ]
    : [emptyRow(span, NO_DATA)];
  return table('grid', tr(head), body);
}

function groupsHtml(r: YearReport): Html {
  const groups = rowsTableHtml(r, 'Nhóm đối tượng', r.dashboard.byGroup);
  if (!showCenters(r)) return html`<h2>${SECTION.groups(r)}</h2>\n${groups}`;
  return html`<h2>${SECTION.groups(r)}</h2>
<h3>1. Theo trung tâm học tập cộng đồng</h3>
${rowsTableHtml(r, 'Trung tâm', r.dashboard.byCenter)}
<h3>2. Theo nhóm đối tượng</h3>
${groups}`;
}

function targetsHtml(r: YearReport): Html {
  const targets = orderedTargets(r.dashboard);
  const body = targets.length
    ? targets.map((t) => {
        const trace = t.trace.length ? t.trace.map((step) => html`<p>${stepText(step)}</p>`) : DASH;
        return tr([td(RATE_LABELS[t.measure]), td(fmtRate(t.value), 'num'), td(trace, 'trace')]);
      })
    : [emptyRow(3, `Chưa có chỉ tiêu nào cho năm ${r.dashboard.year}.`)];
  return html`<h2>${SECTION.targets}</h2>
${table('grid', tr([th('Chỉ tiêu', 38), th('Mức áp dụng', 16), th('Căn cứ', 46)]), body)}`;
}

const onTimeRateText = (c: CenterReporting): string =>
  isNumber(c.onTimeRate) ? `${fmtRate(c.onTimeRate)} (${c.yearsOnTime}/${c.yearsDue} năm)` : DASH;

function reportingHtml(r: YearReport): Html {
  const { deadline, daysLeft, centers } = r.dashboard.reporting;
  const reported = centers.filter((c) => c.reportedAt !== null);
  const onTime = centers.filter((c) => c.onTime === true);
  const body = centers.length
    ? centers.map((c, i) => {
        const when = c.reportedAt === null ? td(NOT_REPORTED, 'center i') : td(fmtDate(c.reportedAt), 'center');
        return tr([
          td(i + 1, 'center'),
          td(c.name),
          when,
          td(onTimeText(c.onTime), 'center'),
          td(onTimeRateText(c), 'num'),
        ]);
      })
    : [emptyRow(5, 'Chưa có đơn vị nào phải báo cáo.')];
  const head = tr([
    th('STT', 7),
    th(reportingUnit(r), 38),
    th('Ngày báo cáo', 17),
    th('Đúng hạn', 14),
    th('Tỷ lệ đúng hạn các năm', 24),
  ]);
  return html`<h2>${SECTION.reporting}</h2>
<p>Hạn báo cáo: <span class="b">${fmtDate(deadline)}</span> (${daysLeftText(daysLeft)}).</p>
<p>Đã báo cáo: ${reported.length}/${centers.length} đơn vị, trong đó đúng hạn: ${onTime.length}.</p>
${table('grid', head, body)}`;
}

function trendHtml(r: YearReport): Html {
  const head = [
    th('Năm', 6),
    ...countKeys.map((key) => th(COUNT_LABELS[key], 8)),
    th(POPULATION_LABEL, 9),
    th(RATE_SHORT.cdht, 9),
    th('Chỉ tiêu', 9),
    th('Đánh giá', 11),
  ];
  const body = r.dashboard.trend.length
    ? r.dashboard.trend.map(({ year, row }) => {
        const f = row.rates.cdht;
        const cells = [
          td(year, 'center'),
          ...countKeys.map((key) => td(fmtCount(row.counts[key]), 'num')),
          td(fmtCount(row.population), 'num'),
          td(fmtRate(f.rate), 'num'),
          td(fmtRate(f.target), 'num'),
          td(metText(f.met), 'center'),
        ];
        return tr(cells, year === r.dashboard.year ? 'current' : undefined);
      })
    : [emptyRow(countKeys.length + 5, NO_DATA)];
  return html`<h2>${SECTION.trend}</h2>
${table('grid', tr(head), body)}`;
}

/**
 * The figures' sections (I–VI, and VII with the four other titles): `lead` before the first table,
 * `end` (the signatures) after the last, in the same section so that it stays with it. The whole
 * tables-only report, and the annex (phụ lục) of the signed report (paper/report-paper.html.ts).
 */
export function figuresHtml(r: YearReport, lead: Html | '', end: Html | ''): Html {
  const models = r.models
    ? html`<section class="wide">
${modelsHtml(r, r.models)}
${end}
</section>`
    : '';
  return html`<section class="portrait">
${lead}
${generalHtml(r)}
</section>
<section class="wide">
<h2>${SECTION.place(r)}</h2>
${rowsTableHtml(r, placeHeader(r), r.dashboard.byPlace)}
${groupsHtml(r)}
</section>
<section class="portrait">
${targetsHtml(r)}
${reportingHtml(r)}
</section>
<section class="wide">
${trendHtml(r)}
${r.models ? '' : end}
</section>
${models}`;
}

export function renderReportHtml(r: YearReport): string {
  const title = reportTitle(r);
  const signers = signatures([signer(['NGƯỜI LẬP BÁO CÁO'], '(Ký, ghi rõ họ tên)'), signer(chair(r), CHAIR_HINT)]);
  const asof = asOf(r.generatedAt);
  const lead = html`${documentHead(r, title, true)}
${asof ? html`<p class="asof">${asof}</p>` : ''}`;
  return printDocument(`${title} — ${scopeName(r)}`, STYLE, figuresHtml(r, lead, signers));
}

export function renderPublicListHtml(r: YearReport): string {
  const title = publicListTitle(r);
  const entries = publicEntries(r);
  const rows = entries.length
    ? entries.map((e, i) => tr([td(i + 1, 'center'), td(e.name), td(e.village)]))
    : [emptyRow(3, EMPTY_LIST)];
  const body = html`<section class="portrait">
${documentHead(r, title, false)}
${table('grid', tr([th('STT', 10), th('Họ và tên', 50), th(placeHeader(r), 40)]), rows)}
<p class="count">Tổng số: ${entries.length} người.</p>
${signatures([signer(chair(r), CHAIR_HINT, true)])}
</section>`;
  return printDocument(`${title} — ${scopeName(r)}`, STYLE, body);
}

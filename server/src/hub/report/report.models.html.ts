/**
 * Section VII of the yearly report (report.html.ts): the four other titles (learning family, clan,
 * community, unit) — the six rates against the targets, one table per model and per member rate by
 * village (or commune), the recognitions whose validity ends in the year, and the scope's figures
 * across the years.
 */
import { modelTargetMeasures } from '../../../../shared/domain/collective-titles/targets.ts';
import {
  modelCountKinds,
  type ModelCountKind,
  type ModelRateRowView,
  type ModelRatesView,
} from '../../../../shared/schemas/model-rates.ts';
import { emptyRow, table, td, th, tr } from '../../print/document.ts';
import { html, lines, type Html } from '../../print/html.ts';
import { nameCell } from './report.parts.ts';
import {
  DASH,
  fmtCount,
  fmtDate,
  fmtRate,
  metText,
  NO_DATA,
  placeHeader,
  wholeScope,
  type YearReport,
} from './report.words.ts';
import {
  MEMBER_RATES,
  MEMBER_TREND_HEADERS,
  MODEL_COUNT_HEADERS,
  MODEL_NAMES,
  modelRateLabel,
  MODEL_SECTION,
  MODEL_TREND_NOTE,
  modelNoteText,
  modelParts,
  targetLine,
  TITLE_NAMES,
  validityStatus,
} from './report.models.words.ts';

export function modelsHtml(r: YearReport, m: ModelRatesView): Html {
  const parts = modelParts(m);
  const summary = modelTargetMeasures.map((measure) => {
    const f = m.total.rates[measure];
    return tr([
      td(modelRateLabel(r, measure)),
      td(fmtCount(f.numerator), 'num'),
      td(fmtCount(f.denominator), 'num'),
      td(fmtRate(f.rate), 'num'),
      td(fmtRate(f.target), 'num'),
      td(metText(f.met), 'center'),
    ]);
  });
  const notes = lines(m.notes.map((n) => html`<p class="note">${modelNoteText(r, n)}</p>`));
  const rowsOf = (cells: (row: ModelRateRowView) => Html[], span: number): Html[] =>
    m.places.length
      ? [
          ...m.places.map((row, i) => tr([td(i + 1, 'center'), nameCell(row), ...cells(row)])),
          tr([html`<td></td>`, td(wholeScope(r)), ...cells(m.total)], 'total'),
        ]
      : [emptyRow(span, NO_DATA)];
  const modelTable = (k: ModelCountKind): Html => {
    const cells = (row: ModelRateRowView): Html[] => {
      const f = row.rates[k];
      return [
        td(fmtCount(row[k].registered), 'num'),
        td(fmtCount(row[k].assessed), 'num'),
        td(fmtCount(row[k].recognized), 'num'),
        td(fmtCount(f.denominator), 'num'),
        td(fmtRate(f.rate), 'num'),
        td(metText(f.met), 'center'),
      ];
    };
    const head = tr([
      th('STT', 6),
      th(placeHeader(r), 28),
      ...MODEL_COUNT_HEADERS.map((h) => th(h, 11)),
      th('Trên tổng số', 11),
      th('Tỷ lệ', 11),
      th('Đánh giá', 11),
    ]);
    return html`<h3>${parts.model(k)}</h3>
<p>${targetLine(m, k)}</p>
${table('grid', head, rowsOf(cells, 8), k)}`;
  };
  const memberTable = (k: 'workers' | 'unitStaff'): Html => {
    const cells = (row: ModelRateRowView): Html[] => {
      const f = row.rates[k];
      return [
        td(fmtCount(f.numerator), 'num'),
        td(fmtCount(f.denominator), 'num'),
        td(fmtRate(f.rate), 'num'),
        td(metText(f.met), 'center'),
      ];
    };
    const head = tr([
      th('STT', 6),
      th(placeHeader(r), 34),
      th(MEMBER_RATES[k].numerator, 15),
      th('Trên tổng số', 15),
      th('Tỷ lệ', 15),
      th('Đánh giá', 15),
    ]);
    return html`<h3>${parts.member(k)}</h3>
<p>${targetLine(m, k)}</p>
${table('grid', head, rowsOf(cells, 6), k)}`;
  };
  const summaryHead = tr([
    th('Tỷ lệ', 34),
    th('Số đạt', 13),
    th('Trên tổng số', 13),
    th('Kết quả', 13),
    th('Chỉ tiêu', 13),
    th('Đánh giá', 14),
  ]);
  return html`<h2>${MODEL_SECTION}</h2>
<h3>${parts.summary}</h3>
${table('grid', summaryHead, summary, 'summary')}
${notes}
${lines(modelCountKinds.map(modelTable))}
${memberTable('workers')}
${memberTable('unitStaff')}
<h3>${parts.validity}</h3>
${validityHtml(r, m)}
<h3>${parts.trend}</h3>
${modelTrendHtml(m)}`;
}

/** The scope year by year: each title's recognized and rate, the two member rates; the year asked in bold. */
function modelTrendHtml(m: ModelRatesView): Html {
  const members = ['workers', 'unitStaff'] as const;
  const head = html`<tr><th rowspan="2" style="width:6%">Năm</th>${modelCountKinds.map(
    (k) => html`<th colspan="2">${MODEL_NAMES[k]}</th>`,
  )}${members.map((k) => html`<th rowspan="2" style="width:11%">${MEMBER_TREND_HEADERS[k]}</th>`)}</tr>
<tr>${modelCountKinds.map(() => [th('Được công nhận', 9), th('Tỷ lệ', 9)])}</tr>`;
  const body = m.trend.length
    ? m.trend.map(({ year, row }) => {
        const kinds = modelCountKinds.flatMap((k) => [
          td(fmtCount(row[k].recognized), 'num'),
          td(fmtRate(row.rates[k].rate), 'num'),
        ]);
        const cells = [td(year, 'center'), ...kinds, ...members.map((k) => td(fmtRate(row.rates[k].rate), 'num'))];
        return tr(cells, year === m.year ? 'current' : undefined);
      })
    : [emptyRow(1 + 2 * modelCountKinds.length + members.length, NO_DATA)];
  return html`${table('grid', head, body, 'trend')}
<p class="note">${MODEL_TREND_NOTE}</p>`;
}

function validityHtml(r: YearReport, m: ModelRatesView): Html {
  if (m.level === 'province') {
    const rows = m.expiring.map((e) => tr([td(TITLE_NAMES[e.title]), td(fmtCount(e.count), 'num')]));
    return table('grid', tr([th('Danh hiệu', 70), th('Số danh hiệu hết hiệu lực', 30)]), rows, 'validity');
  }
  const expiring = m.validity.filter((e) => e.expiresInYear);
  const rows = expiring.length
    ? expiring.map((e, i) =>
        tr([
          td(i + 1, 'center'),
          td(TITLE_NAMES[e.title]),
          td(e.label ?? DASH),
          td(e.village ?? DASH),
          td(`Số ${e.decisionNumber}, ngày ${fmtDate(e.decisionDate)}`),
          td(fmtDate(e.validThrough), 'center'),
          td(validityStatus(e), 'center'),
        ]),
      )
    : [emptyRow(7, `Không có danh hiệu nào hết hiệu lực trong năm ${m.year}.`)];
  const head = tr([
    th('STT', 6),
    th('Danh hiệu', 15),
    th('Tên', 20),
    th(placeHeader(r), 15),
    th('Quyết định', 18),
    th('Hiệu lực đến', 12),
    th('Ghi chú', 14),
  ]);
  return table('grid', head, rows, 'validity');
}

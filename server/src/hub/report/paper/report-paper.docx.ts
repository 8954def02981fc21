/**
 * A report the hub signs as a .docx the office edits in Word (print/docx.ts): the same parts, in
 * the same words, as the A4 print (report-paper.html.ts) — the heading, the written sections, Nơi
 * nhận beside the signer, then Phụ lục I (the figures) and Phụ lục II (the decisions of the year).
 */
import { countKeys, targetMeasures } from '../../../../../shared/schemas/dashboard.ts';
import { modelCountKinds } from '../../../../../shared/schemas/model-rates.ts';
import { docxFile, docxHeading, docxTable, pageBreak, para, docxClosing } from '../../../print/docx.ts';
import { MODEL_NAMES } from '../report.models.words.ts';
import {
  COUNT_LABELS,
  fmtCount,
  fmtDate,
  fmtRate,
  metText,
  placeHeader,
  POPULATION_LABEL,
  RATE_LABELS,
  wholeScope,
} from '../report.words.ts';
import type { ReportPaper } from './report-paper.ts';

/** The annexes' titles, shared with the A4 print. */
export const ANNEX = {
  figures: (p: ReportPaper) => `PHỤ LỤC I\nSỐ LIỆU KẾT QUẢ NĂM ${p.year}`,
  decisions: (p: ReportPaper) => `PHỤ LỤC II\nCÁC QUYẾT ĐỊNH CÔNG NHẬN ĐÃ BAN HÀNH NĂM ${p.year}`,
  decisionColumns: ['STT', 'Số quyết định', 'Ngày ký', 'Danh hiệu', 'Số được công nhận', 'Người ký'],
  none: 'Chưa có quyết định công nhận nào trong năm.',
};

/** The decisions of the year as rows of Phụ lục II. */
export const decisionRows = (p: ReportPaper): string[][] =>
  p.decisions.map((d, i) => [String(i + 1), d.number, fmtDate(d.signedOn), d.title, fmtCount(d.count), d.signer]);

const heading = (text: string) => text.split('\n').map((line) => para(line, { bold: true, align: 'center', size: 14 }));

function figureTables(p: ReportPaper) {
  const r = p.report;
  const t = r.dashboard.total;
  const counts = [
    ...countKeys.map((k) => [COUNT_LABELS[k], fmtCount(t.counts[k])]),
    [POPULATION_LABEL, fmtCount(t.population)],
  ].map((row, i) => [String(i + 1), ...row]);
  const rate = (label: string, f: (typeof t.rates)['cdht']) => [
    label,
    fmtCount(f.numerator),
    fmtCount(f.denominator),
    fmtRate(f.rate),
    fmtRate(f.target),
    metText(f.met),
  ];
  const rates = targetMeasures.map((m) => rate(RATE_LABELS[m], t.rates[m]));
  const places = [...r.dashboard.byPlace, { ...t, name: wholeScope(r) }].map((row, i, all) => [
    i === all.length - 1 ? '' : String(i + 1),
    row.name,
    fmtCount(row.counts.registered),
    fmtCount(row.counts.recognized),
    fmtCount(row.counts.digital),
    fmtCount(row.population),
    fmtRate(row.rates.cdht.rate),
  ]);
  const out = [
    para('1. Kết quả chung', { bold: true, before: 8, after: 4, keepNext: true }),
    docxTable(['STT', 'Nội dung', 'Số lượng'], [10, 65, 25], counts),
    para('', { after: 4 }),
    docxTable(
      ['Tỷ lệ', 'Số người', 'Trên tổng số', 'Kết quả', 'Chỉ tiêu', 'Đánh giá'],
      [34, 13, 13, 13, 13, 14],
      rates,
    ),
    para(`2. Kết quả theo ${placeHeader(r).toLocaleLowerCase('vi')}`, {
      bold: true,
      before: 8,
      after: 4,
      keepNext: true,
    }),
    docxTable(
      [
        'STT',
        placeHeader(r),
        COUNT_LABELS.registered,
        COUNT_LABELS.recognized,
        COUNT_LABELS.digital,
        POPULATION_LABEL,
        'Tỷ lệ CDHT',
      ],
      [7, 27, 12, 13, 13, 14, 14],
      places,
    ),
  ];
  if (!r.models) return out;
  const m = r.models.total;
  const models = modelCountKinds.map((k) => [
    MODEL_NAMES[k],
    fmtCount(m[k].registered),
    fmtCount(m[k].assessed),
    fmtCount(m[k].recognized),
    fmtRate(m.rates[k].rate),
    fmtRate(m.rates[k].target),
  ]);
  return [
    ...out,
    para('3. Gia đình, dòng họ, cộng đồng và đơn vị học tập', { bold: true, before: 8, after: 4, keepNext: true }),
    docxTable(
      ['Danh hiệu', 'Đăng ký', 'Tự đánh giá', 'Được công nhận', 'Tỷ lệ', 'Chỉ tiêu'],
      [30, 14, 14, 14, 14, 14],
      models,
    ),
  ];
}

export async function reportDocx(p: ReportPaper): Promise<Buffer> {
  const closing = docxClosing(p);
  const sections = p.sections.flatMap((s, i) => [
    para(s.heading, { bold: true, before: 8, after: 4, keepNext: true }),
    ...s.text
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line, j, all) =>
        para(line, {
          indent: 10,
          align: 'justify',
          after: 4,
          keepNext: i === p.sections.length - 1 && j === all.length - 1,
        }),
      ),
  ]);
  const decisions = decisionRows(p);
  return docxFile(
    [
      docxHeading({ agency: p.agency, number: p.number, placeAndDate: p.placeAndDate }),
      para(p.title, { bold: true, align: 'center', size: 14, before: 18 }),
      para(p.subject, { bold: true, align: 'center', after: 12 }),
      ...sections,
      closing,
      pageBreak(),
      ...heading(ANNEX.figures(p)),
      para(p.attachedTo, { italics: true, align: 'center', after: 8 }),
      ...figureTables(p),
      pageBreak(),
      ...heading(ANNEX.decisions(p)),
      para(p.attachedTo, { italics: true, align: 'center', after: 8 }),
      decisions.length
        ? docxTable(ANNEX.decisionColumns, [7, 20, 14, 24, 15, 20], decisions)
        : para(ANNEX.none, { italics: true, align: 'center' }),
    ],
    false,
  );
}

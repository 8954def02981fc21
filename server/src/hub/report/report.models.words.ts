/**
 * Section VII of the yearly report, the four other titles (learning family, clan, community, unit):
 * its headings, labels and sentences, shared by report.models.html.ts and report.models.xlsx.ts.
 */
import type { ModelTargetMeasure } from '../../../../shared/domain/collective-titles/targets.ts';
import type { ModelTitle } from '../../../../shared/schemas/model-criteria-set.ts';
import { modelCountKinds, type ModelCountKind, type ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { fmtRate, isCommune, placeHeader, type YearReport } from './report.words.ts';

export const MODEL_SECTION = 'VII. Gia đình, dòng họ, cộng đồng và đơn vị học tập';
export const MODEL_RATE_LABELS: Record<ModelTargetMeasure, string> = {
  families: 'Tỷ lệ gia đình được công nhận gia đình học tập',
  clans: 'Tỷ lệ dòng họ được công nhận dòng họ học tập',
  communities: 'Tỷ lệ thôn được công nhận cộng đồng học tập',
  units: 'Tỷ lệ đơn vị được công nhận đơn vị học tập',
  workers: 'Tỷ lệ người lao động trong gia đình, dòng họ, cộng đồng học tập là CDHT',
  unitStaff: 'Tỷ lệ cán bộ, người lao động trong đơn vị học tập là CDHT',
};
/** A rate's label in the report, the communities' with the villages' own word ("Tỷ lệ ấp được công nhận..."). */
export const modelRateLabel = (r: YearReport, measure: ModelTargetMeasure): string =>
  measure === 'communities' && isCommune(r)
    ? `Tỷ lệ ${placeHeader(r).toLocaleLowerCase('vi')} được công nhận cộng đồng học tập`
    : MODEL_RATE_LABELS[measure];
export const MODEL_NAMES: Record<ModelCountKind, string> = {
  families: 'Gia đình học tập',
  clans: 'Dòng họ học tập',
  communities: 'Cộng đồng học tập',
  units: 'Đơn vị học tập',
};
export const TITLE_NAMES: Record<ModelTitle, string> = {
  gdht: 'Gia đình học tập',
  dhht: 'Dòng họ học tập',
  cddht: 'Cộng đồng học tập',
  dvht: 'Đơn vị học tập',
};
/** The two CDHT rates of the models' members: their numerator's words. */
export const MEMBER_RATES = {
  workers: {
    heading: 'Người lao động trong gia đình, dòng họ, cộng đồng học tập là Công dân học tập',
    numerator: 'Số người là CDHT',
  },
  unitStaff: {
    heading: 'Cán bộ, người lao động trong đơn vị học tập là Công dân học tập',
    numerator: 'Số người là CDHT',
  },
} as const;
export const MODEL_COUNT_HEADERS = ['Đăng ký', 'Tự đánh giá', 'Được công nhận'];
/** The two member rates as columns of the table across the years. */
export const MEMBER_TREND_HEADERS = {
  workers: 'Tỷ lệ người lao động là CDHT',
  unitStaff: 'Tỷ lệ cán bộ đơn vị là CDHT',
} as const;

/** The numbered parts of section VII, in order: the summary, one per model, the two member rates, the validity, the years. */
export const modelParts = (m: ModelRatesView) => ({
  summary: '1. Tỷ lệ so với chỉ tiêu',
  model: (k: ModelCountKind) => `${2 + modelCountKinds.indexOf(k)}. ${MODEL_NAMES[k]}`,
  member: (k: 'workers' | 'unitStaff') => `${k === 'workers' ? 6 : 7}. ${MEMBER_RATES[k].heading}`,
  validity: `8. Danh hiệu hết hiệu lực trong năm ${m.year}`,
  trend: '9. Kết quả qua các năm',
});
export const MODEL_TREND_NOTE =
  'Mỗi năm được tính như báo cáo của năm đó: số liệu đã nhập của năm, các danh hiệu công nhận cho năm đó hoặc còn hiệu lực đến hết năm, và chỉ tiêu của năm.';

export const targetLine = (m: ModelRatesView, measure: ModelTargetMeasure): string => {
  const value = m.targets.find((t) => t.measure === measure)?.value ?? null;
  return `Chỉ tiêu năm ${m.year}: ${fmtRate(value)}.`;
};

export function modelNoteText(r: YearReport, note: ModelRatesView['notes'][number]): string {
  return note.kind === 'community-adults-unknown'
    ? `${note.name} được công nhận cộng đồng học tập nhưng chưa nhập số người trưởng thành: tỷ lệ người lao động của ${placeHeader(r).toLocaleLowerCase('vi')} tính theo các hộ đã đăng ký.`
    : `Đơn vị ${note.name} chưa có số người lao động năm ${r.models?.year ?? r.dashboard.year}: chưa tính vào tỷ lệ cán bộ đơn vị là CDHT.`;
}

export const validityStatus = (e: ModelRatesView['validity'][number]): string =>
  e.expired ? 'Đã hết hiệu lực' : 'Cần công nhận lại';

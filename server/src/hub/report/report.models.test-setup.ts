import { expect } from 'vitest';
import type { RateFigure } from '../../../../shared/schemas/dashboard.ts';
import type { ModelRateRowView, ModelRatesView } from '../../../../shared/schemas/model-rates.ts';
import { figure, report } from '../../../../tests/fixtures/year-report.ts';

/** Section VII's rows (two villages, a unit, the totals) and the report that carries them. */
export const MODEL_TARGETS = {
  families: 0.72,
  clans: 0.67,
  communities: 0.67,
  units: 0.82,
  workers: 0.44,
  unitStaff: 0.64,
} as const;
export type Measure = keyof typeof MODEL_TARGETS;
export const c = (registered: number, assessed: number, recognized: number) => ({ registered, assessed, recognized });
export function modelRow(
  name: string,
  formerNames: string[],
  families: ReturnType<typeof c>,
  clans: ReturnType<typeof c>,
  communities: ReturnType<typeof c>,
  units: ReturnType<typeof c>,
  households: number | null,
  adults: number | null,
  workers: [number, number | null],
  unitStaff: [number, number | null],
): ModelRateRowView {
  const rates = {
    families: figure(families.recognized, households, MODEL_TARGETS.families),
    clans: figure(clans.recognized, clans.registered, MODEL_TARGETS.clans),
    communities: figure(communities.recognized, communities.registered, MODEL_TARGETS.communities),
    units: figure(units.recognized, units.registered, MODEL_TARGETS.units),
    workers: figure(workers[0], workers[1], MODEL_TARGETS.workers),
    unitStaff: figure(unitStaff[0], unitStaff[1], MODEL_TARGETS.unitStaff),
  } satisfies Record<Measure, RateFigure>;
  return { name, formerNames, families, clans, communities, units, households, adults, rates };
}
export const dong = modelRow(
  'Thôn Đồng Chằm',
  ['Thôn Đồng', 'Thôn Chằm'],
  c(40, 30, 25),
  c(3, 2, 1),
  c(1, 1, 1),
  c(2, 2, 1),
  50,
  200,
  [30, 60],
  [12, 20],
);
export const go = modelRow(
  'Thôn Gò Mít',
  [],
  c(10, 5, 4),
  c(1, 0, 0),
  c(1, 0, 0),
  c(0, 0, 0),
  null,
  null,
  [2, 8],
  [0, null],
);
export const modelTotal = modelRow(
  'Xã Tân Lập',
  [],
  c(50, 35, 29),
  c(4, 2, 1),
  c(2, 1, 1),
  c(2, 2, 1),
  50,
  200,
  [32, 68],
  [12, 20],
);
// The year before: 12 of 48 families, the village recognized for 2024 still standing, no unit staff count.
export const modelLastYear = modelRow(
  'Xã Tân Lập',
  [],
  c(30, 20, 12),
  c(3, 1, 0),
  c(2, 1, 1),
  c(2, 1, 1),
  48,
  190,
  [20, 50],
  [0, null],
);
export const models: ModelRatesView = {
  level: 'commune',
  scope: 'Xã Tân Lập',
  year: 2026,
  targets: Object.entries(MODEL_TARGETS).map(([measure, value]) => ({
    measure: measure as Measure,
    value,
    trace: [{ source: 'national' as const, value }],
  })),
  places: [dong, go],
  total: modelTotal,
  trend: [
    { year: 2025, row: modelLastYear },
    { year: 2026, row: modelTotal },
  ],
  notes: [{ kind: 'unit-staff-unknown', name: 'Trường Mầm non Hoa Sen' }],
  validity: [
    {
      title: 'gdht',
      subjectKind: 'household',
      subjectId: 'h1',
      label: 'Nguyễn Thị Lan',
      village: 'Thôn Đồng Chằm',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2025-03-20',
      validThrough: '2026-03-19',
      expiresInYear: true,
      expired: true,
    },
    {
      title: 'dvht',
      subjectKind: 'unit',
      subjectId: 'u1',
      label: 'Trường Tiểu học Gò Mít',
      village: 'Thôn Gò Mít',
      decisionNumber: '30/QĐ-UBND',
      decisionDate: '2025-12-20',
      validThrough: '2026-12-19',
      expiresInYear: true,
      expired: false,
    },
    {
      title: 'cddht',
      subjectKind: 'community',
      subjectId: 'Thôn Đồng Chằm',
      label: 'Thôn Đồng Chằm',
      village: 'Thôn Đồng Chằm',
      decisionNumber: '5/QĐ-UBND',
      decisionDate: '2025-03-20',
      validThrough: '2028-03-19',
      expiresInYear: false,
      expired: false,
    },
  ],
  expiring: [
    { title: 'gdht', count: 1 },
    { title: 'dhht', count: 0 },
    { title: 'cddht', count: 0 },
    { title: 'dvht', count: 1 },
  ],
};
export const withModels = report({ models });
export const tableOf = (html: string, model: string): string => {
  const found = new RegExp(`<table class="grid" data-model="${model}">[\\s\\S]*?</table>`).exec(html);
  expect(found, model).not.toBeNull();
  return found![0];
};

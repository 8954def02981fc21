/** Small valid sets and items that the refusal tests break one key at a time. */
export const declared = (id: string, extra: object = {}) => ({
  id,
  source: 'declared',
  short: 'Có sách',
  text: 'Gia đình có sách báo',
  explain: 'Có hay đọc không',
  evidence: ['Ảnh tủ sách', 'Kể tên sách'],
  ...extra,
});
export const computed = (id: string, extra: object = {}) => ({
  id,
  source: 'computed',
  short: 'Người lớn là CDHT',
  explain: 'Máy tự đếm',
  rule: { compute: 'household-adults-cdht-share', atLeast: 0.5 },
  ...extra,
});
export const pointsSet = {
  id: 'gdht-test',
  version: '1',
  title: 'gdht',
  subjectKind: 'household',
  name: 'Bộ thử',
  status: 'default',
  source: 'Tự viết',
  recognition: { validityMonths: 12, recognizedBy: 'commune' },
  scoring: {
    kind: 'points',
    total: 50,
    passTotal: 30,
    bands: [
      { id: 'tot', label: 'Tốt', min: 40 },
      { id: 'kha', label: 'Khá', min: 30 },
    ],
  },
  criteria: [
    {
      id: 'TC1',
      title: 'Trẻ em',
      points: 20,
      minPoints: 10,
      items: [declared('A1', { points: 10 }), computed('A2', { points: 10 })],
    },
    { id: 'TC2', title: 'Người lớn', points: 30, items: [declared('B1', { points: 30 })] },
  ],
};
export const targetsSet = {
  id: 'dvht-test',
  version: '1',
  title: 'dvht',
  subjectKind: 'unit',
  name: 'Bộ thử',
  status: 'official',
  source: 'Tự viết',
  recognition: { validityMonths: 12, recognizedBy: 'province', nextLevelAfterMonths: 12 },
  scoring: {
    kind: 'targets',
    levels: [
      { level: 1, label: 'Mức 1' },
      { level: 2, label: 'Mức 2' },
    ],
  },
  criteria: [
    {
      id: 'TC1',
      title: 'Người học',
      items: [
        computed('U1', { rule: { compute: 'unit-members-cdht-share', atLeast: 0.9 } }),
        computed('U2', { level: 2, rule: { compute: 'unit-members-cdht-share', atLeast: 0.95 } }),
        declared('U3'),
      ],
    },
  ],
};
export type AnySet = Record<string, any>;
export const item = (s: AnySet, c: number, i: number) => s.criteria[c].items[i];

/** The kinds of villages (đơn vị cấp dưới xã); their place words are in shared/domain/places.ts. */
export const villageKinds = [
  'thon',
  'ap',
  'ban',
  'buon',
  'lang',
  'xom',
  'soc',
  'phum',
  'khom',
  'khu',
  'to-dan-pho',
  'khu-pho',
] as const;
export type VillageKind = (typeof villageKinds)[number];

/** A village of a center: its name as written on records ("Thôn Đồng Chằm", "Ấp 3") and its kind. */
export interface Village {
  name: string;
  kind: VillageKind;
}

import { villageKinds, type Village, type VillageKind } from '../schemas/village.ts';

export { villageKinds, type VillageKind, type Village } from '../schemas/village.ts';

/**
 * The kinds of villages (đơn vị cấp dưới xã) and the place word each is called by: the North says
 * "thôn", the South "ấp", the mountains "bản" or "buôn", towns "tổ dân phố" or "khu phố". A list,
 * a form or a report says the word of its villages, and a neutral one where several kinds mix.
 */
/** The place word, capitalised as it begins a name or a column ("Thôn", "Tổ dân phố"). */
export const placeWords: Readonly<Record<VillageKind, string>> = {
  thon: 'Thôn',
  ap: 'Ấp',
  ban: 'Bản',
  buon: 'Buôn',
  lang: 'Làng',
  xom: 'Xóm',
  soc: 'Sóc',
  phum: 'Phum',
  khom: 'Khóm',
  khu: 'Khu',
  'to-dan-pho': 'Tổ dân phố',
  'khu-pho': 'Khu phố',
};

/** What a list or form calls a village when its villages are of several kinds. */
export const NEUTRAL_PLACE_WORD = 'Thôn, tổ dân phố';

/** The word for these villages: their one kind's, or the neutral one when kinds mix (or there are none). */
export function placeWordOf(villages: readonly Pick<Village, 'kind'>[]): string {
  const kinds = new Set(villages.map((v) => v.kind));
  const [only] = kinds;
  return kinds.size === 1 && only !== undefined ? placeWords[only] : NEUTRAL_PLACE_WORD;
}

/** The same word in the middle of a sentence ("thôn", "tổ dân phố"). */
export function placeWordLower(villages: readonly Pick<Village, 'kind'>[]): string {
  return placeWordOf(villages).toLocaleLowerCase('vi');
}

/** Longest words first, so "Khu phố 3" is a khu phố and not a khu. */
const byLength = [...villageKinds].sort((a, b) => placeWords[b].length - placeWords[a].length);

/** The kind a name written with its place word says ("Ấp 3" → ap); "thon" when it says none. */
export function kindFromName(name: string): VillageKind {
  const lower = name.trim().toLocaleLowerCase('vi');
  return byLength.find((k) => lower.startsWith(`${placeWords[k].toLocaleLowerCase('vi')} `)) ?? 'thon';
}

/** The name as records carry it: the place word first, unless the typed name already begins with it. */
export function villageName(kind: VillageKind, typed: string): string {
  const name = typed.trim().replace(/\s+/g, ' ');
  const word = placeWords[kind];
  return name.toLocaleLowerCase('vi').startsWith(`${word.toLocaleLowerCase('vi')} `) ? name : `${word} ${name}`;
}

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

/** What a list or form calls a village when it knows none of them. */
export const NEUTRAL_PLACE_WORD = 'Thôn, tổ dân phố';

/**
 * The word for these villages: their one kind's ("Ấp"), the words of every kind present when kinds
 * mix, the commune's own words in the order of `villageKinds` ("Thôn, bản"), or the neutral one
 * when there are none. A comma, not a slash: the word also names a workbook's sheet.
 */
export function placeWordOf(villages: readonly Pick<Village, 'kind'>[]): string {
  const kinds = new Set(villages.map((v) => v.kind));
  if (kinds.size === 0) return NEUTRAL_PLACE_WORD;
  const words = villageKinds.filter((k) => kinds.has(k)).map((k) => placeWords[k]);
  return words.map((w, i) => (i === 0 ? w : w.toLocaleLowerCase('vi'))).join(', ');
}

/**
 * The villages named, each with its kind: the one the configuration gives (compared without case
 * or extra spaces), else the kind its name says ("Ấp 3"): a hub knows its centers' villages by name.
 */
export function placesNamed(names: readonly string[], known: readonly Village[] = []): Village[] {
  const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  const kinds = new Map(known.map((v) => [key(v.name), v.kind]));
  return names.map((name) => ({ name, kind: kinds.get(key(name)) ?? kindFromName(name) }));
}

/** The word for villages known by name only (placesNamed, then placeWordOf). */
export const placeWordOfNames = (names: readonly string[], known: readonly Village[] = []): string =>
  placeWordOf(placesNamed(names, known));

/**
 * A sentence written with "thôn" (a catalog's fixed text, so its recorded clip still plays where
 * the villages are thôn) said with these villages' word: "thôn" and "Thôn" as whole words become
 * the word, in the same case ("nông thôn", the countryside, stays); "Thôn / xóm" (a field's name)
 * becomes the word alone. Unchanged when every village is a thôn or none is known.
 */
export function inPlaceWords(text: string, villages: readonly Pick<Village, 'kind'>[]): string {
  if (villages.every((v) => v.kind === 'thon')) return text;
  const word = placeWordOf(villages);
  const lower = word.toLocaleLowerCase('vi');
  // One pass, so the word put in ("Thôn, bản") is not read again.
  return text.replace(/(?<![\p{L}])(?<![Nn]ông )(Thôn \/ xóm|Thôn|thôn)(?![\p{L}])/gu, (found: string) =>
    found === 'thôn' ? lower : word,
  );
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
